/* supervisor.h - host state shared by supervisor.c (lifecycle, requests) and
 * host_reader.c (the pipe readers and frame handling). Guarded by ck__g.lock. */
#ifndef CK_SUPERVISOR_H
#define CK_SUPERVISOR_H

#include "core/core.h"

enum { CK_HOST_NONE, CK_HOST_STARTING, CK_HOST_READY, CK_HOST_DEAD };

/* One started host process ("run"), with its reader threads. */
struct ck_host_run {
    uint32_t gen;
    ck_process proc;
    ck_thread out_thread, err_thread;
    int out_started, err_started;
    int stop;        /* readers should exit */
    int dead;        /* marked dead: requests completed, groups killed */
    int reaped;      /* its pid was reaped */
    int hello;       /* 0 waiting, 1 accepted, -1 refused */
    int expect_exit; /* being shut down: exiting is not an error */
};

typedef struct ck_host {
    int state;
    uint32_t gen;
    ck_host_run *run;
    ck_cond cond; /* state, hello, opening changes */
    ck_request *requests;
    uint32_t next_request_id;
    ck_mutex write_lock; /* guards w_fd/w_gen and serialises frame writes */
    ck_fd w_fd;
    uint32_t w_gen;
} ck_host;

extern ck_host ck__host;
void ck__host_init(void);

/* Lock held; returns with it held and the host READY, or an error (request.c uses it). */
DWORD ck__host_ensure_locked(uint32_t *gen_out);
/* One request and its response on host generation gen. No lock held. */
DWORD ck__host_roundtrip(uint32_t gen, ck_instance *inst, uint16_t op, const BYTE *payload,
                         DWORD size, DWORD timeout_ms, BYTE **reply, DWORD *reply_size,
                         ck_op *owner, ck_progress_fn on_progress, void *ctx);

/* Reader thread bodies (host_reader.c); arg is the ck_host_run. */
void ck__host_stdout_reader(void *arg);
void ck__host_stderr_reader(void *arg);

#endif /* CK_SUPERVISOR_H */
