/*
 * request.c - requests to the handler host: the request table with deadlines, progress
 * delivery to a waiting worker, re-OPEN of an instance on a new host, and which requests
 * may start a host (docs/protocol.md, "Requests").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/supervisor.h"
#include "protocol/payloads.h"

static int send_frame(uint32_t gen, uint16_t op, uint32_t id, uint32_t resource_id,
                      const BYTE *payload, DWORD size, DWORD timeout_ms) {
    ck_frame f = {CK_KIND_REQUEST, op, id, resource_id, 0, payload, size};
    size_t total = ck__frame_size(size);
    uint8_t small[256];
    uint8_t *buf = total <= sizeof small ? small : malloc(total);
    if (buf == NULL)
        return CK_ERR_NOMEM;
    int rc = ck__frame_encode(&f, buf, total) == total ? CK_OK : CK_ERR_INVALID_ARG;
    if (rc == CK_OK) {
        ck__mutex_lock(&ck__host.write_lock);
        if (ck__host.w_gen != gen || ck__host.w_fd == CK_FD_NONE)
            rc = CK_ERR_HOST_DEAD;
        else
            rc = ck__pipe_write(ck__host.w_fd, buf, total, timeout_ms);
        ck__mutex_unlock(&ck__host.write_lock);
    }
    if (buf != small)
        free(buf);
    return rc;
}

/* One round trip in flight: its entry in the request table and how its caller waits. */
typedef struct trip {
    ck_request req;
    uint32_t gen;
    ck_instance *inst;
    DWORD timeout_ms;
    uint64_t deadline; /* set when it enters the table, after any host start */
    ck_progress_fn on_progress;
    void *ctx;
} trip;

static void unlink_request_locked(ck_request *req) {
    for (ck_request **p = &ck__host.requests; *p != NULL; p = &(*p)->next)
        if (*p == req) {
            *p = req->next;
            return;
        }
}

/* Puts the request in the table with a fresh id, unless the host of generation gen is
 * gone or the owning operation was aborted. Lock held. */
static DWORD enlist_locked(trip *t, uint16_t op, ck_op *owner) {
    DWORD status = CK_ERROR_SUCCESS;
    if (ck__host.state != CK_HOST_READY || ck__host.gen != t->gen)
        status = CK_ERROR_RESOURCE_FAILED;
    else if (owner != NULL && owner->aborted)
        status = CK_ERROR_OPERATION_ABORTED;
    if (status == CK_ERROR_SUCCESS) {
        ck_request *req = &t->req;
        req->op = op;
        req->owner = owner;
        uint64_t now = ck__now_ms();
        t->deadline = now + t->timeout_ms;
        req->id = ck__host.next_request_id++;
        if (req->id == 0)
            req->id = ck__host.next_request_id++;
        req->resource_id = t->inst != NULL ? t->inst->id : 0;
        req->may_read = owner == NULL && t->on_progress == NULL;
        if (req->may_read && ck__host.run != NULL)
            ck__host.run->last_short_ms = now; /* the background reader lingers */
        req->next = ck__host.requests;
        ck__host.requests = req;
        if (owner != NULL)
            owner->req = req;
    }
    return status;
}

/* Sends the request. A write that failed halfway leaves a partial frame in the pipe, so
 * the stream is unusable and the host is killed; any failure completes the request. */
static void send_request(trip *t, const BYTE *payload, DWORD size, DWORD timeout_ms) {
    ck_request *req = &t->req;
    int rc = send_frame(t->gen, req->op, req->id, req->resource_id, payload, size, timeout_ms);
    if (rc == CK_OK)
        return;
    ck__mutex_lock(&ck__g.lock);
    if ((rc == CK_ERR_TIMEOUT || rc == CK_ERR_IO) && ck__host.run != NULL &&
        ck__host.run->gen == t->gen) {
        char why[160];
        snprintf(why, sizeof why, "could not be sent a request (%s); killed it", ck__err_name(rc));
        ck__host_mark_dead_locked(ck__host.run, why);
    }
    if (!req->done) {
        req->done = 1;
        req->status =
            rc == CK_ERR_INVALID_ARG ? CK_ERROR_INVALID_PARAMETER : CK_ERROR_RESOURCE_FAILED;
    }
    ck__mutex_unlock(&ck__g.lock);
}

/* Waits for the answer to a long request, reporting progress first: events the host sent
 * before its answer are reported before it. Lock held. Returns 1 when the deadline passed
 * unanswered. */
static int await_long_locked(trip *t) {
    ck_request *req = &t->req;
    unsigned seen = 0;
    while (!(req->owner != NULL && req->owner->aborted)) {
        if (req->progress != seen && t->on_progress != NULL) {
            seen++;
            ck__mutex_unlock(&ck__g.lock);
            int stop = t->on_progress(t->ctx);
            ck__mutex_lock(&ck__g.lock);
            if (stop && req->owner != NULL)
                req->owner->aborted = 1;
            continue;
        }
        if (req->done)
            return 0;
        req->parked = 1;
        int timed_out = ck__cond_wait_until(&req->cond, &ck__g.lock, t->deadline);
        req->parked = 0;
        if (timed_out && !req->done)
            return 1;
    }
    return 0;
}

/* Lock held. Short requests are read by their callers (stdout_reader.c); long ones wait
 * while the background reader reads, so that Terminate can abort them at once. */
static int await_locked(trip *t) {
    if (t->req.may_read)
        return ck__host_await_reading_locked(&t->req, t->gen, t->deadline);
    ck__host_long_wait_locked(1);
    int timed_out = await_long_locked(t);
    ck__host_long_wait_locked(-1);
    return timed_out;
}

/* Takes the request out of the table; its status, or why there is none. Lock held. */
static DWORD settle_locked(trip *t, int timed_out) {
    ck_request *req = &t->req;
    unlink_request_locked(req);
    if (req->owner != NULL)
        req->owner->req = NULL;
    if (!req->done)
        return timed_out ? CK_ERROR_RESOURCE_CALL_TIMED_OUT : CK_ERROR_OPERATION_ABORTED;
    if (req->op == CK_OP_ONLINE && req->status == CK_ERROR_SUCCESS && t->inst != NULL)
        t->inst->online_gen = t->gen;
    return req->status;
}

static void trip_init(trip *t, uint32_t gen, ck_instance *inst, DWORD timeout_ms,
                      ck_progress_fn on_progress, void *ctx) {
    memset(t, 0, sizeof *t);
    t->gen = gen;
    t->inst = inst;
    t->timeout_ms = timeout_ms;
    t->on_progress = on_progress;
    t->ctx = ctx;
    ck__cond_init(&t->req.cond);
}

/* Lock held: waits for the answer and takes the request out of the table. */
static DWORD finish_locked(trip *t) {
    return settle_locked(t, await_locked(t));
}

/* The reply belongs to the caller only when the answer came. */
static void trip_end(trip *t, BYTE **reply, DWORD *reply_size) {
    if (t->req.done && reply != NULL) {
        *reply = t->req.reply;
        if (reply_size != NULL)
            *reply_size = t->req.reply_size;
    } else {
        free(t->req.reply);
    }
    ck__cond_destroy(&t->req.cond);
}

DWORD ck__host_roundtrip(uint32_t gen, ck_instance *inst, uint16_t op, const BYTE *payload,
                         DWORD size, DWORD timeout_ms, BYTE **reply, DWORD *reply_size,
                         ck_op *owner, ck_progress_fn on_progress, void *ctx) {
    trip t;
    trip_init(&t, gen, inst, timeout_ms, on_progress, ctx);
    /* 1. Into the table, 2. onto the pipe, 3. wait for the answer, 4. out of the table. */
    ck__mutex_lock(&ck__g.lock);
    DWORD status = enlist_locked(&t, op, owner);
    ck__mutex_unlock(&ck__g.lock);
    if (status == CK_ERROR_SUCCESS) {
        send_request(&t, payload, size, timeout_ms);
        ck__mutex_lock(&ck__g.lock);
        status = finish_locked(&t);
        ck__mutex_unlock(&ck__g.lock);
    }
    trip_end(&t, reply, reply_size);
    return status;
}

/* Requests that may start a host; the others have nothing to do without one. */
static int may_start(uint16_t op) {
    return op == CK_OP_ONLINE || op == CK_OP_OFFLINE || op == CK_OP_VALIDATE || op == CK_OP_CONTROL;
}

static DWORD nothing_to_do(uint16_t op) {
    /* LooksAlive/IsAlive/PING need a live answer; the rest are moot on a host that never
     * saw the instance (a new host gets the name with OPEN, the properties with ONLINE). */
    return (op == CK_OP_LOOKS_ALIVE || op == CK_OP_IS_ALIVE || op == CK_OP_PING)
               ? CK_ERROR_RESOURCE_FAILED
               : CK_ERROR_SUCCESS;
}

/* Makes sure the host of generation gen has seen OPEN for inst. Lock held. */
static DWORD ensure_open_locked(ck_instance *inst, uint32_t gen, int start) {
    uint64_t deadline = ck__now_ms() + ck__timeout(CK_OP_OPEN) + 1000u;
    while (inst->opening && inst->opened_gen != gen)
        if (ck__cond_wait_until(&ck__host.cond, &ck__g.lock, deadline))
            return CK_ERROR_RESOURCE_CALL_TIMED_OUT;
    if (inst->opened_gen == gen)
        return CK_ERROR_SUCCESS;
    if (inst->closed)
        return CK_ERROR_OPERATION_ABORTED;
    if (!start)
        return CK_ERROR_FILE_NOT_FOUND; /* the caller maps this to nothing_to_do */
    uint8_t *payload = NULL;
    size_t size = 0;
    int rc = ck__str_encode(inst->name8, strlen(inst->name8), &payload, &size);
    if (rc == CK_ERR_BAD_PAYLOAD)
        ck__log_deferred(inst->id, LOG_ERROR,
                         "the resource name is longer than the protocol's 65535 bytes; "
                         "the handler cannot open it (rename the resource)");
    if (rc != CK_OK)
        return rc == CK_ERR_NOMEM ? CK_ERROR_NOT_ENOUGH_MEMORY : CK_ERROR_INVALID_PARAMETER;
    inst->opening = 1;
    ck__mutex_unlock(&ck__g.lock);
    BYTE *reply = NULL;
    DWORD reply_size = 0;
    DWORD st = ck__host_roundtrip(gen, inst, CK_OP_OPEN, payload, (DWORD)size,
                                  ck__timeout(CK_OP_OPEN), &reply, &reply_size, NULL, NULL, NULL);
    free(payload);
    if (st != CK_ERROR_SUCCESS)
        ck__log(inst, LOG_ERROR, "the handler's open failed (status %u): %.*s", (unsigned)st,
                (int)(reply_size > 400 ? 400 : reply_size), reply != NULL ? (char *)reply : "");
    free(reply);
    ck__mutex_lock(&ck__g.lock);
    inst->opening = 0;
    if (st == CK_ERROR_SUCCESS)
        inst->opened_gen = gen;
    ck__cond_broadcast(&ck__host.cond);
    return st;
}

/* Lock held. Whether inst is Online on the running host (health calls need that). */
static int serves_locked(ck_instance *inst) {
    return ck__host.state == CK_HOST_READY && inst->online_gen == ck__host.gen &&
           inst->state == CK_ST_ONLINE;
}

/* Lock held. A host for the request (started if the request may start one) that has seen
 * OPEN for inst: 0 with *gen set, CK_ERROR_FILE_NOT_FOUND when there is nothing to do
 * without a host, or why not. */
static DWORD prepare_locked(ck_instance *inst, uint16_t op, ck_op *owner, uint32_t *gen) {
    int start = may_start(op);
    DWORD st = CK_ERROR_SUCCESS;
    if ((owner != NULL && owner->aborted) || (inst != NULL && inst->closed))
        st = CK_ERROR_OPERATION_ABORTED; /* never start a host for a dead operation */
    else if (ck__host.state == CK_HOST_READY)
        *gen = ck__host.gen;
    else if (!start)
        st = CK_ERROR_FILE_NOT_FOUND;
    else
        st = ck__host_ensure_locked(gen);
    if (st == CK_ERROR_SUCCESS && inst != NULL)
        st = ensure_open_locked(inst, *gen, start);
    return st;
}

/* The body of every request: one lock to find the host and enlist, one to wait and settle.
 * With only_serving, nothing is sent unless inst is Online on the running host (*served). */
static DWORD request(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                     DWORD timeout_ms, BYTE **reply, DWORD *reply_size, ck_op *owner,
                     ck_progress_fn on_progress, void *ctx, int only_serving, int *served) {
    ck__host_init();
    if (reply != NULL)
        *reply = NULL;
    if (reply_size != NULL)
        *reply_size = 0;
    if (size > CK_FRAME_MAX_PAYLOAD || (payload == NULL && size != 0))
        return CK_ERROR_INVALID_PARAMETER;
    trip t;
    trip_init(&t, 0, inst, timeout_ms, on_progress, ctx);
    int enlisted = 0, orphan;
    DWORD st = CK_ERROR_SUCCESS;
    ck__mutex_lock(&ck__g.lock);
    if (only_serving && !(*served = serves_locked(inst)))
        st = CK_ERROR_RESOURCE_FAILED;
    else if ((st = prepare_locked(inst, op, owner, &t.gen)) == CK_ERROR_SUCCESS)
        enlisted = (st = enlist_locked(&t, op, owner)) == CK_ERROR_SUCCESS;
    if (enlisted) {
        ck__mutex_unlock(&ck__g.lock);
        send_request(&t, payload, size, timeout_ms);
        ck__mutex_lock(&ck__g.lock);
        st = finish_locked(&t);
    }
    /* A host started for a type-level call, or by an operation whose instance was closed
     * meanwhile, serves nobody: stop it so nothing outlives the last Close. */
    orphan = inst == NULL || inst->closed;
    ck__mutex_unlock(&ck__g.lock);
    trip_end(&t, reply, reply_size);
    if (st == CK_ERROR_FILE_NOT_FOUND && !enlisted)
        st = nothing_to_do(op);
    if (op != CK_OP_SHUTDOWN && orphan && ck__instance_count() == 0)
        ck__host_shutdown();
    return st;
}

DWORD ck__host_request(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                       DWORD timeout_ms, BYTE **reply, DWORD *reply_size, ck_op *owner,
                       ck_progress_fn on_progress, void *ctx) {
    return request(inst, op, payload, size, timeout_ms, reply, reply_size, owner, on_progress, ctx,
                   0, NULL);
}

DWORD ck__host_call(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                    DWORD timeout_ms, BYTE **reply, DWORD *reply_size) {
    return request(inst, op, payload, size, timeout_ms, reply, reply_size, NULL, NULL, NULL, 0,
                   NULL);
}

DWORD ck__host_health(ck_instance *inst, uint16_t op, DWORD timeout_ms, BYTE **reply,
                      DWORD *reply_size, int *served) {
    *served = 0;
    return request(inst, op, NULL, 0, timeout_ms, reply, reply_size, NULL, NULL, NULL, 1, served);
}
