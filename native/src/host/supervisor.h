/* supervisor.h - host state shared by the host room: supervisor.c (lifecycle), request.c
 * (the request table), outbox.c (writes), stdout_reader.c and host_reader.c (reading and
 * frame handling). Guarded by ck__g.lock unless a field says otherwise. */
#ifndef CK_SUPERVISOR_H
#define CK_SUPERVISOR_H

#include "core/core.h"

enum { CK_HOST_NONE, CK_HOST_STARTING, CK_HOST_READY, CK_HOST_DEAD };

/* An answer taken from the table by the reader, handed to its caller after the lock. */
typedef struct ck_claim {
    ck_request *req;
    DWORD status;
    const uint8_t *payload; /* into the reader's buffer, valid until the next read */
    DWORD size;
} ck_claim;

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
    /* The pipe holder's: bytes read but not yet a whole frame, and the answers it took. */
    uint8_t *buf;
    size_t len, cap;
    ck_claim *claims;
    size_t claim_count, claim_cap;
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
    unsigned short_linked; /* short requests in the table */
    /* The outbox (outbox.c): frames of short requests held for one write. */
    uint8_t *out;
    size_t out_len, out_cap;
    unsigned out_count;
    uint64_t last_flush_us; /* when the outbox was last written */
    ck_request *hold_owner; /* writes the outbox when its time comes */
    ck_mutex write_lock;    /* guards w_fd/w_gen and serialises frame writes */
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

/* ---- the request table and one round trip (request.c) ---- */

/* One round trip: its request, and how its caller waits. */
typedef struct ck_trip {
    ck_request req;
    uint32_t gen;
    ck_instance *inst;
    DWORD timeout_ms;
    uint64_t deadline_us; /* set when it enters the table, after any host start */
    ck_progress_fn on_progress;
    void *ctx;
    const BYTE *payload;
    DWORD size;
    int send; /* CK_SEND_* */
} ck_trip;

void ck__trip_init(ck_trip *t, ck_instance *inst, DWORD timeout_ms, ck_progress_fn on_progress,
                   void *ctx);
/* Lock held, t->gen set. Into the table with a fresh id (and into the outbox), unless the
 * host of that generation is gone or the owning operation was aborted. */
DWORD ck__trip_enlist_locked(ck_trip *t, uint16_t op, ck_op *owner, const BYTE *payload,
                             DWORD size);
/* Lock held; returns without it. Sends, waits for the answer, takes it out of the table:
 * the answer's status, or why there is none. */
DWORD ck__trip_finish(ck_trip *t);
/* The reply goes to the caller only when the answer came. */
void ck__trip_end(ck_trip *t, BYTE **reply, DWORD *reply_size);

/* Lock held: takes req out of the table (nobody may answer it after this). */
void ck__request_unlink_locked(ck_request *req);
/* Lock held: unlinks req for the answer that follows with ck__request_answer. */
void ck__request_claim_locked(ck_request *req);
/* Hands req its answer (a copy of payload) and wakes its caller; req is claimed. */
void ck__request_answer(ck_request *req, DWORD status, const uint8_t *payload, DWORD size);

/* ---- the outbox (outbox.c) ---- */

/* A batch of frames taken from the outbox, written outside the lock. */
typedef struct ck_batch {
    uint8_t *bytes;
    size_t len;
} ck_batch;

enum { CK_SEND_HELD, CK_SEND_NOW, CK_SEND_ALONE };
/* Lock held, req just enlisted. Whether its frame waits for the next batch (HELD: the
 * caller waits; the hold owner writes the batch when its time comes), goes now with what
 * waits (NOW: it is in the outbox; take and write it), or is too big for the outbox (ALONE:
 * take and write the outbox, then the frame by itself). */
int ck__outbox_put_locked(ck_request *req, const BYTE *payload, DWORD size, uint64_t deadline_us);
/* Lock held: what the outbox holds, for writing outside the lock. */
void ck__outbox_take_locked(ck_batch *batch);
/* When the hold owner writes the batch (ck__now_us). */
uint64_t ck__outbox_due_us(void);
/* Lock held: drops what waits (the host died). */
void ck__outbox_drop_locked(void);
/* No lock. Writes the batch and then, when not NULL, req's own frame to the host of
 * generation gen; frees the batch. 0 or a CK_ERR_*. */
int ck__outbox_write(ck_batch *batch, uint32_t gen, const ck_request *req, const BYTE *payload,
                     DWORD size, DWORD timeout_ms);

/* ---- reading (stdout_reader.c, host_reader.c) ---- */

/* Reader thread bodies; arg is the ck_host_run. */
void ck__host_stdout_reader(void *arg);
void ck__host_stderr_reader(void *arg);
/* Lock held. req's caller reads the host's output itself for at most until deadline_us,
 * when it may: a short request already sent, the pipe free. Returns 1 if it read. */
int ck__host_lead_locked(ck_request *req, uint32_t gen, uint64_t deadline_us);
/* Lock held. A long request starts or stops waiting: the background reader reads at once
 * while any does. */
void ck__host_long_wait_locked(int delta);
/* Lock held, for the readers: handles every whole frame in buf (answers go to
 * run->claims); returns the bytes used or a CK_ERR_* frame error, *need = size of a partial
 * frame. */
long ck__host_decode_locked(ck_host_run *run, uint8_t *buf, size_t len, size_t *need);
/* A new run's reader state (64 KiB buffer); the run's reader state freed. */
int ck__host_reader_init(ck_host_run *run);
void ck__host_reader_free(ck_host_run *run);

#endif /* CK_SUPERVISOR_H */
