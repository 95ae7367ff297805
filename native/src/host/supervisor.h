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
    /* The host's stdout has one reader at a time (stdout_reader.c): the caller of a short
     * request reads its own answer, else the run's background reader thread. */
    int reading;            /* CK_READER_* holding the pipe */
    int ended;              /* the output ended or broke: nothing more to read */
    int exited;             /* the host process was reaped: drain what is left, then end */
    uint64_t last_short_ms; /* a short caller last waited then: the background lingers */
    ck_cond bg_cond;        /* the background reader's wake-up */
    uint8_t *buf;           /* bytes read but not yet a whole frame */
    size_t len, cap;
    char why[200]; /* why the output ended */
};

enum { CK_READER_NONE, CK_READER_CALLER, CK_READER_BACKGROUND };

typedef struct ck_host {
    int state;
    uint32_t gen;
    ck_host_run *run;
    ck_cond cond; /* state, hello, opening changes */
    ck_request *requests;
    uint32_t next_request_id;
    unsigned long_waiting; /* callers of long requests (Online/Offline) awaiting answers */
    ck_mutex write_lock;   /* guards w_fd/w_gen and serialises frame writes */
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

/* Reader thread bodies (stdout_reader.c, host_reader.c); arg is the ck_host_run. */
void ck__host_stdout_reader(void *arg);
void ck__host_stderr_reader(void *arg);
/* Lock held. Waits for the answer to req, a short request sent on host generation gen,
 * reading the host's output itself whenever no other thread does. Returns 1 when the
 * deadline (ck__now_ms) passed unanswered. */
int ck__host_await_reading_locked(ck_request *req, uint32_t gen, uint64_t deadline);
/* Lock held. A long request starts or stops waiting: the background reader reads at once
 * while any does. */
void ck__host_long_wait_locked(int delta);
/* Lock held, for host_reader.c and the stdout readers: handles every whole frame in
 * buf; returns the bytes used or a CK_ERR_* frame error, *need = size of a partial frame. */
long ck__host_decode_locked(ck_host_run *run, uint8_t *buf, size_t len, size_t *need);
/* A new run's reader state (64 KiB buffer); the run's reader state freed. */
int ck__host_reader_init(ck_host_run *run);
void ck__host_reader_free(ck_host_run *run);

#endif /* CK_SUPERVISOR_H */
