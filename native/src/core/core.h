/*
 * core.h - declarations shared by the rooms core/ (entry points, instances, pending
 * operations, logging) and host/ (the handler-host supervisor, requests, pipe readers,
 * dispatcher). Not a seam for other parts: see ck_shared.h.
 */
#ifndef CK_CORE_H
#define CK_CORE_H

#include "ck_shared.h"
#include "platform/platform.h"
#include "protocol/frame.h"
#include "text.h"

/* ---- global state (startup.c) ---- */

typedef struct ck_globals {
    ck_mutex lock; /* guards the instance table, instance fields, host state, requests */
    PSET_RESOURCE_STATUS_ROUTINE set_status;
    /* StartupEx's: reports carry the failure's Win32 status (ApplicationSpecificErrorCode). */
    PSET_RESOURCE_STATUS_ROUTINE_EX set_status_ex;
    PLOG_EVENT_ROUTINE log_event;
    DWORD version; /* negotiated CLRES_VERSION_* */
} ck_globals;

extern ck_globals ck__g;
/* Initialises the globals once; every entry point calls it first. */
void ck__core_init(void);

/* ---- instances (instance.c) ---- */

enum ck_state {
    CK_ST_OFFLINE = 0,
    CK_ST_ONLINE_PENDING,
    CK_ST_ONLINE,
    CK_ST_OFFLINE_PENDING,
    CK_ST_FAILED
};

typedef struct ck_op ck_op;

struct ck_instance {
    uint32_t id;            /* resource id in frames, >= 1, never reused */
    volatile uint32_t refs; /* table + every caller holding it (ck__atomic_add) */
    int closed;
    WCHAR *name16;
    char *name8;
    HKEY key;
    RESOURCE_HANDLE handle;
    int state;           /* enum ck_state */
    uint32_t opened_gen; /* host generation that has seen OPEN (0 = none) */
    uint32_t online_gen; /* host generation on which ONLINE succeeded */
    int opening;         /* a thread is sending OPEN */
    ck_event *event;     /* returned from Online as the event handle */
    ck_op *op;           /* current pending Online/Offline, or NULL */
    BYTE *published;
    DWORD published_size;
    /* Process groups of the handler's managed processes (SPAWNED), kept until the group is
     * empty: a leader that exits may leave children in its group. */
    long *pids;
    long *pgids;
    size_t pgroup_count, pgroup_cap;
};

ck_instance *ck__instance_create(LPCWSTR name, HKEY key, RESOURCE_HANDLE handle);
/* Validates a RESID by looking it up (never dereferencing it first); NULL if unknown or
 * closed. A non-NULL result holds a reference: release it. */
ck_instance *ck__instance_acquire(RESID resid);
void ck__instance_release(ck_instance *inst);
/* Removes it from the table (later lookups fail); returns the number still open. */
size_t ck__instance_remove(ck_instance *inst);
/* Lock held: lookup by resource id (no reference taken). */
ck_instance *ck__instance_by_id_locked(uint32_t id);
/* Takes a reference (the caller holds one already, or the lock with inst in the table). */
void ck__instance_ref_locked(ck_instance *inst);
/* Lock held: record a managed process of the handler; note its exit (its group is forgotten
 * once no member is left); kill all recorded groups. */
void ck__instance_spawned_locked(ck_instance *inst, long pid, long pgid);
void ck__instance_exited_locked(ck_instance *inst, long pid);
void ck__instance_kill_groups_locked(ck_instance *inst);
/* Lock held: apply fn to every open instance. */
void ck__instance_each_locked(void (*fn)(ck_instance *inst, void *ctx), void *ctx);
size_t ck__instance_count(void);

/* ---- pending operations (worker.c) ---- */

struct ck_op {
    uint32_t refs;
    int aborted; /* set by Terminate: stop reporting status */
    int done;
    uint16_t code; /* CK_OP_ONLINE / CK_OP_OFFLINE */
    struct ck_request *req;
    ck_event *finished;
    ck_thread thread;
};

DWORD ck__start_online(ck_instance *inst, LPHANDLE event_handle);
DWORD ck__start_offline(ck_instance *inst);
/* Aborts the instance's pending operation and waits for its worker at most wait_ms. */
void ck__abort_op(ck_instance *inst, uint32_t wait_ms);
/* Drops the instance's reference to its last operation (Close). */
void ck__op_drop(ck_instance *inst);

/* ---- supervisor (supervisor.c) ---- */

/* One request in flight (host/request.c). Its table fields are guarded by ck__g.lock. Its
 * caller sleeps on seq (ck__word_wait). A wake-up (ck__request_poke, under the lock while
 * the request is linked) adds CK_REQ_POKE to seq; whoever hands it its answer, after taking
 * it out of the table, sets status and reply, then adds CK_REQ_ANSWERED as its last write
 * to the struct (a full barrier) and wakes seq without any lock. Waking touches only seq's
 * address, so it is safe even once the caller has returned. The struct lives on its
 * caller's stack: it stays valid while it is linked in the table, and once unlinked by
 * whoever took its answer, until seq is odd (the caller waits for that). */
#define CK_REQ_ANSWERED 1u /* seq's low bit: the answer is set (added once) */
#define CK_REQ_POKE 2u     /* every other wake-up: keeps the low bit */
typedef struct ck_request {
    struct ck_request *next;
    uint32_t id;
    uint16_t op;
    uint32_t resource_id;
    ck_op *owner;      /* the pending operation that may abort this wait */
    int linked;        /* in the table: nobody has taken its answer yet */
    int may_read;      /* a short call: its caller may read the host's output itself */
    int queued;        /* its frame waits in the outbox for the next batch */
    int parked;        /* its caller sleeps on seq */
    unsigned progress; /* PROGRESS events seen for this resource while waiting */
    /* Written before CK_REQ_ANSWERED is added to seq, read after the caller saw it. */
    volatile uint32_t seq; /* bumped by every wake-up of its caller (ck__atomic_add) */
    DWORD status;
    BYTE *reply;
    DWORD reply_size;
} ck_request;

/* Lock held and req linked: its caller looks again (abort, progress, its turn to read). */
void ck__request_poke(ck_request *req);
/* Whether req's answer is set (the caller's own check, an acquiring read of seq). */
int ck__request_done(ck_request *req);

/* Progress callback for long requests: called without the lock. Returns 0 to go on. */
typedef int (*ck_progress_fn)(void *ctx);

DWORD ck__host_request(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                       DWORD timeout_ms, BYTE **reply, DWORD *reply_size, ck_op *owner,
                       ck_progress_fn on_progress, void *ctx);
/* LooksAlive/IsAlive: the request only when a host is running and inst went Online on it
 * (*served says whether), with that check and the sending under one lock. */
DWORD ck__host_health(ck_instance *inst, uint16_t op, DWORD timeout_ms, BYTE **reply,
                      DWORD *reply_size, int *served);
/* Kills the host's whole tree (its group and every recorded group); logs why. */
void ck__host_kill(const char *why);
/* SHUTDOWN, a short wait, then kill; joins the reader and dispatcher threads. */
void ck__host_shutdown(void);

/* Lock held, for host_reader.c. */
typedef struct ck_host_run ck_host_run;
void ck__host_on_frame_locked(ck_host_run *run, const ck_frame *f);
void ck__host_mark_dead_locked(ck_host_run *run, const char *why);

/* ---- dispatcher (dispatch.c): the one thread that calls LogEvent for host output
 * and signals event handles, so the pipe readers never call into the host process ---- */

/* The library's own lines: never dropped. */
void ck__dispatch_log(uint32_t resource_id, LOG_LEVEL level, const char *text, size_t len);
/* The host's LOG events and stderr lines: dropped (and counted) when too many wait. */
void ck__dispatch_host_output(uint32_t resource_id, LOG_LEVEL level, const char *text, size_t len);
/* What waits in the queue now (for the tests): host lines, text bytes, lines dropped and not
 * yet reported. */
void ck__dispatch_queued(size_t *lines, size_t *bytes, unsigned long long *dropped);
void ck__dispatch_failed(uint32_t resource_id, const char *reason, size_t len);
/* The host died under an Online instance: log it and signal the instance's event handle, so RHS
 * calls IsAlive at once instead of at its next poll. */
void ck__dispatch_host_lost(uint32_t resource_id, long host_pid);
/* Delivers what is queued and stops the thread (waits at most wait_ms). */
void ck__dispatch_stop(uint32_t wait_ms);

/* ---- logging (log.c) ---- */

/* Longer lines are cut: the cluster log keeps 500 characters per entry anyway. */
#define CK_LOG_MAX 1024

/* LogEvent with a UTF-8 text, from the calling thread. */
void ck__log_text(RESOURCE_HANDLE handle, LOG_LEVEL level, const char *text, size_t len);
void ck__log_via(PLOG_EVENT_ROUTINE log_event, RESOURCE_HANDLE handle, LOG_LEVEL level,
                 const char *text, size_t len);
/* Like ck__log, but queued to the dispatcher: safe on any thread. */
void ck__log_deferred(uint32_t resource_id, LOG_LEVEL level, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Timeout of an operation from ck_type.timeouts (a zero entry falls back to 5000 ms). */
DWORD ck__timeout(uint16_t op);

#endif /* CK_CORE_H */
