/*
 * request.c - the request table and one round trip (docs/protocol.md, "Requests"): a
 * request enters the table with a fresh id, goes out (now or with the next batch,
 * outbox.c), and its caller waits: it reads the host's output itself when it may
 * (stdout_reader.c), writes the batch when it holds it, reports progress, or sleeps on its
 * own word until its answer, its deadline or an abort. Which host a call
 * goes to, and OPEN on a new host, are in host_call.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/supervisor.h"

/* ---- the table ---- */

void ck__request_unlink_locked(ck_request *req) {
    if (!req->linked)
        return;
    for (ck_request **p = &ck__host.requests; *p != NULL; p = &(*p)->next)
        if (*p == req) {
            *p = req->next;
            break;
        }
    req->linked = 0;
    if (req->may_read)
        ck__host.short_linked--;
    if (ck__host.hold_owner == req) {
        /* Answered before its batch went (a confused host): another held request times
         * the batch. */
        ck__host.hold_owner = NULL;
        for (ck_request *r = ck__host.requests; r != NULL; r = r->next)
            if (r->queued) {
                ck__host.hold_owner = r;
                ck__request_poke(r);
                break;
            }
    }
}

void ck__request_claim_locked(ck_request *req) {
    ck__request_unlink_locked(req);
}

void ck__request_poke(ck_request *req) {
    ck__atomic_add(&req->seq, CK_REQ_POKE);
    ck__word_wake(&req->seq);
}

int ck__request_done(ck_request *req) {
    return (ck__atomic_add(&req->seq, 0) & CK_REQ_ANSWERED) != 0;
}

void ck__request_answer(ck_request *req, DWORD status, const uint8_t *payload, DWORD size) {
    BYTE *copy = NULL;
    if (size != 0 && (copy = malloc(size + 1)) != NULL) {
        memcpy(copy, payload, size);
        copy[size] = 0; /* text replies can be logged as strings */
    }
    req->status = status;
    req->reply = copy;
    req->reply_size = copy != NULL ? size : 0;
    /* The last write to *req (a full barrier, so the fields above are seen with it): its
     * caller may return, and its frame be gone, as soon as seq is odd. Waking touches only
     * the address. */
    volatile uint32_t *word = &req->seq;
    ck__atomic_add(word, CK_REQ_ANSWERED);
    ck__word_wake(word);
}

/* ---- one round trip ---- */

void ck__trip_init(ck_trip *t, ck_instance *inst, DWORD timeout_ms, ck_progress_fn on_progress,
                   void *ctx) {
    memset(t, 0, sizeof *t);
    t->inst = inst;
    t->timeout_ms = timeout_ms;
    t->on_progress = on_progress;
    t->ctx = ctx;
}

DWORD ck__trip_enlist_locked(ck_trip *t, uint16_t op, ck_op *owner, const BYTE *payload,
                             DWORD size) {
    if (ck__host.state != CK_HOST_READY || ck__host.gen != t->gen)
        return CK_HOST_UNAVAILABLE;
    if (owner != NULL && owner->aborted)
        return CK_ERROR_OPERATION_ABORTED;
    ck_request *req = &t->req;
    req->op = op;
    req->owner = owner;
    uint64_t now = ck__now_us();
    t->deadline_us = now + (uint64_t)t->timeout_ms * 1000u;
    req->id = ck__host.next_request_id++;
    if (req->id == 0)
        req->id = ck__host.next_request_id++;
    req->resource_id = t->inst != NULL ? t->inst->id : 0;
    req->may_read = owner == NULL && t->on_progress == NULL;
    if (req->may_read) {
        ck__host.short_linked++;
        if (ck__host.run != NULL)
            ck__host.run->last_short_ms = now / 1000u; /* the background reader lingers */
    }
    req->linked = 1;
    req->next = ck__host.requests;
    ck__host.requests = req;
    if (owner != NULL)
        owner->req = req;
    t->send = ck__outbox_put_locked(req, payload, size, t->deadline_us);
    t->payload = payload;
    t->size = size;
    return CK_ERROR_SUCCESS;
}

/* Lock held. Writes the outbox (with this request's frame, or then the frame alone). A
 * write that failed halfway leaves a partial frame in the pipe, so the stream is unusable
 * and the host is killed; any failure answers the request. */
static void send_locked(ck_trip *t, int alone) {
    ck_batch batch;
    ck__outbox_take_locked(&batch);
    ck__mutex_unlock(&ck__g.lock);
    int rc = ck__outbox_write(&batch, t->gen, alone ? &t->req : NULL, t->payload, t->size,
                              t->timeout_ms);
    ck__mutex_lock(&ck__g.lock);
    if (rc == CK_OK)
        return;
    if ((rc == CK_ERR_TIMEOUT || rc == CK_ERR_IO) && ck__host.run != NULL &&
        ck__host.run->gen == t->gen) {
        char why[160];
        snprintf(why, sizeof why, "could not be sent a request (%s); killed it", ck__err_name(rc));
        ck__host_mark_dead_locked(ck__host.run, why);
    }
    if (t->req.linked) {
        ck__request_claim_locked(&t->req);
        ck__request_answer(
            &t->req, rc == CK_ERR_INVALID_ARG ? CK_ERROR_INVALID_PARAMETER : CK_HOST_UNAVAILABLE,
            NULL, 0);
    }
}

/* Lock held. Sleeps until something happens to req (its answer, a poke) or until wake_us.
 * seq is read under the lock: a poke made under it after this cannot be missed. */
static void park_locked(ck_request *req, uint64_t wake_us) {
    uint32_t seq = ck__atomic_add(&req->seq, 0);
    req->parked = 1;
    ck__mutex_unlock(&ck__g.lock);
    while (ck__atomic_add(&req->seq, 0) == seq)
        if (ck__word_wait(&req->seq, seq, wake_us))
            break;
    ck__mutex_lock(&ck__g.lock);
    req->parked = 0;
}

/* Lock held. Waits until req's answer is taken or it gives up: 0, or the status it gives up
 * with (aborted, timed out). Progress is reported first: events the host sent before its
 * answer are reported before it. */
static DWORD await_locked(ck_trip *t) {
    ck_request *req = &t->req;
    unsigned seen = 0;
    for (;;) {
        if (req->owner != NULL && req->owner->aborted)
            return req->linked ? CK_ERROR_OPERATION_ABORTED : CK_ERROR_SUCCESS;
        if (req->progress != seen && t->on_progress != NULL) {
            seen++;
            ck__mutex_unlock(&ck__g.lock);
            int stop = t->on_progress(t->ctx);
            ck__mutex_lock(&ck__g.lock);
            if (stop && req->owner != NULL)
                req->owner->aborted = 1;
            continue;
        }
        if (!req->linked)
            return CK_ERROR_SUCCESS;
        uint64_t now = ck__now_us(), wake = t->deadline_us;
        if (now >= t->deadline_us)
            return CK_ERROR_RESOURCE_CALL_TIMED_OUT;
        if (req == ck__host.hold_owner) {
            if (now >= ck__outbox_due_us()) {
                send_locked(t, 0);
                continue;
            }
            wake = ck__outbox_due_us();
        }
        if (!req->queued && ck__host_lead_locked(req, t->gen, t->deadline_us))
            continue;
        park_locked(req, wake);
    }
}

DWORD ck__trip_finish(ck_trip *t) {
    if (t->send != CK_SEND_HELD)
        send_locked(t, t->send == CK_SEND_ALONE);
    int long_wait = !t->req.may_read;
    if (long_wait)
        ck__host_long_wait_locked(1);
    DWORD gave_up = await_locked(t);
    if (long_wait)
        ck__host_long_wait_locked(-1);
    ck_request *req = &t->req;
    if (req->owner != NULL)
        req->owner->req = NULL;
    if (req->linked) {
        ck__request_unlink_locked(req);
        ck__mutex_unlock(&ck__g.lock);
        return gave_up;
    }
    /* Taken by a reader: its answer is being handed over without any lock, so the callers
     * of a whole batch do not queue on one. */
    ck__mutex_unlock(&ck__g.lock);
    for (;;) {
        uint32_t seq = ck__atomic_add(&req->seq, 0);
        if (seq & CK_REQ_ANSWERED)
            break;
        ck__word_wait(&req->seq, seq, UINT64_MAX);
    }
    if (req->op == CK_OP_ONLINE && req->status == CK_ERROR_SUCCESS && t->inst != NULL) {
        ck__mutex_lock(&ck__g.lock);
        t->inst->online_gen = t->gen;
        ck__mutex_unlock(&ck__g.lock);
    }
    return req->status;
}

void ck__trip_end(ck_trip *t, BYTE **reply, DWORD *reply_size) {
    if (ck__request_done(&t->req) && reply != NULL) {
        *reply = t->req.reply;
        if (reply_size != NULL)
            *reply_size = t->req.reply_size;
    } else {
        free(t->req.reply);
    }
}

DWORD ck__host_roundtrip(uint32_t gen, ck_instance *inst, uint16_t op, const BYTE *payload,
                         DWORD size, DWORD timeout_ms, BYTE **reply, DWORD *reply_size,
                         ck_op *owner, ck_progress_fn on_progress, void *ctx) {
    ck_trip t;
    ck__trip_init(&t, inst, timeout_ms, on_progress, ctx);
    t.gen = gen;
    ck__mutex_lock(&ck__g.lock);
    DWORD status = ck__trip_enlist_locked(&t, op, owner, payload, size);
    if (status == CK_ERROR_SUCCESS)
        status = ck__trip_finish(&t);
    else
        ck__mutex_unlock(&ck__g.lock);
    ck__trip_end(&t, reply, reply_size);
    return status;
}
