/*
 * host_call.c - which host a call goes to (docs/protocol.md, "Lifecycle rules the library
 * enforces"): the requests that may start a host and what the others answer without one,
 * OPEN before an instance's first request on each host, the health checks that need the
 * instance Online on the running host, and the host shut down when a call leaves it
 * serving nobody.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/supervisor.h"
#include "protocol/payloads.h"

/* Requests that may start a host; the others have nothing to do without one. */
static int may_start(uint16_t op) {
    return op == CK_OP_ONLINE || op == CK_OP_OFFLINE || op == CK_OP_VALIDATE || op == CK_OP_CONTROL;
}

static DWORD nothing_to_do(uint16_t op) {
    /* LooksAlive/IsAlive/PING need a live answer; the rest are moot on a host that never
     * saw the instance (a new host gets the name with OPEN, the properties with ONLINE). */
    return (op == CK_OP_LOOKS_ALIVE || op == CK_OP_IS_ALIVE || op == CK_OP_PING)
               ? CK_HOST_UNAVAILABLE
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
    if (st != CK_ERROR_SUCCESS) {
        char failed[64];
        snprintf(failed, sizeof failed, "the handler's open failed (status %u)", (unsigned)st);
        ck__log_reply(inst, LOG_ERROR, failed, reply, reply_size);
    }
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

/* The body of every request: one lock section finds the host, enlists and sends (or holds)
 * it, waits and settles (the lock is let go while it writes, reads or sleeps).
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
    ck_trip t;
    ck__trip_init(&t, inst, timeout_ms, on_progress, ctx);
    int enlisted = 0, orphan;
    DWORD st = CK_ERROR_SUCCESS;
    ck__mutex_lock(&ck__g.lock);
    if (only_serving && !(*served = serves_locked(inst)))
        st = CK_ERROR_RESOURCE_FAILED;
    else if ((st = prepare_locked(inst, op, owner, &t.gen)) == CK_ERROR_SUCCESS)
        enlisted = (st = ck__trip_enlist_locked(&t, op, owner, payload, size)) == CK_ERROR_SUCCESS;
    if (enlisted)
        st = ck__trip_finish(&t);
    else
        ck__mutex_unlock(&ck__g.lock);
    ck__trip_end(&t, reply, reply_size);
    /* A host started for a type-level call, or by an operation whose instance was closed
     * meanwhile, serves nobody: stop it so nothing outlives the last Close. Only those calls
     * can start one. */
    orphan = 0;
    if (inst == NULL || may_start(op)) {
        ck__mutex_lock(&ck__g.lock);
        orphan = inst == NULL || inst->closed;
        ck__mutex_unlock(&ck__g.lock);
    }
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
