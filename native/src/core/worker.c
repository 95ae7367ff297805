/*
 * worker.c - Online and Offline: each returns ERROR_IO_PENDING and a worker thread does
 * the request, turns every PROGRESS event into a pending SetResourceStatus with the next
 * CheckPoint, and ends with the final status - unless Terminate aborted it first, after
 * which it reports nothing.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/core.h"
#include "core/entry.h"

#define CK_ERROR_BUSY 170u /* winerror.h ERROR_BUSY */

typedef struct worker_ctx {
    ck_instance *inst;
    ck_op *op;
    DWORD checkpoint;
} worker_ctx;

static void op_release(ck_op *op) {
    ck__mutex_lock(&ck__g.lock);
    int last = --op->refs == 0;
    ck__mutex_unlock(&ck__g.lock);
    if (last) {
        ck__event_destroy(op->finished);
        free(op);
    }
}

/*
 * Reports a status unless the operation was aborted; Terminate from RHS aborts too. Through
 * SetResourceStatusEx (StartupEx) a failed state carries `error`, the Win32 status of the
 * failure, in ApplicationSpecificErrorCode; the V1 SetResourceStatus has no room for it.
 */
static void report(worker_ctx *w, CLUSTER_RESOURCE_STATE state, DWORD error) {
    ck__mutex_lock(&ck__g.lock);
    int aborted = w->op->aborted;
    PSET_RESOURCE_STATUS_ROUTINE set_status = ck__g.set_status;
    PSET_RESOURCE_STATUS_ROUTINE_EX set_status_ex = ck__g.set_status_ex;
    ck__mutex_unlock(&ck__g.lock);
    if (aborted || (set_status == NULL && set_status_ex == NULL))
        return;
    DWORD wait_hint = ck_type.progress_interval_ms * 3u + 5000u;
    RESOURCE_EXIT_STATE exit_state;
    if (set_status_ex != NULL) {
        RESOURCE_STATUS_EX st = {state, w->checkpoint, NULL, error, 0, wait_hint};
        exit_state = (RESOURCE_EXIT_STATE)set_status_ex(w->inst->handle, &st);
    } else {
        RESOURCE_STATUS st = {state, w->checkpoint, wait_hint, NULL};
        exit_state = (RESOURCE_EXIT_STATE)set_status(w->inst->handle, &st);
    }
    if (exit_state == ResourceExitStateTerminate) {
        ck__mutex_lock(&ck__g.lock);
        w->op->aborted = 1;
        ck__mutex_unlock(&ck__g.lock);
    }
}

static int on_progress(void *ctx) {
    worker_ctx *w = ctx;
    w->checkpoint++;
    report(w,
           w->op->code == CK_OP_ONLINE ? ClusterResourceOnlinePending
                                       : ClusterResourceOfflinePending,
           CK_ERROR_SUCCESS);
    ck__mutex_lock(&ck__g.lock);
    int stop = w->op->aborted;
    ck__mutex_unlock(&ck__g.lock);
    return stop;
}

static void worker_main(void *arg) {
    worker_ctx *w = arg;
    ck_instance *inst = w->inst;
    int online = w->op->code == CK_OP_ONLINE;
    const char *what = online ? "Online" : "Offline";
    BYTE *list = NULL, *reply = NULL;
    DWORD size = 0, reply_size = 0;
    DWORD st = CK_ERROR_SUCCESS;
    if (online)
        st = ck__props_read_list(inst, inst->key, ck_type.props, ck_type.prop_count, &list, &size);
    if (st != CK_ERROR_SUCCESS) {
        ck__log(inst, LOG_ERROR, "Online: the properties cannot be read (status %u)", (unsigned)st);
    } else if (size > CK_FRAME_MAX_PAYLOAD) {
        ck__log(inst, LOG_ERROR,
                "Online: the stored properties take %u bytes, over the %u bytes one frame to the "
                "handler can carry (docs/protocol.md); store smaller values",
                (unsigned)size, (unsigned)CK_FRAME_MAX_PAYLOAD);
        st = CK_ERROR_INVALID_PARAMETER;
    } else
        st = ck__host_request(inst, w->op->code, list, size, ck__timeout(w->op->code), &reply,
                              &reply_size, w->op, on_progress, w);
    free(list);

    ck__mutex_lock(&ck__g.lock);
    int aborted = w->op->aborted;
    if (!aborted) {
        w->op->done = 1; /* before the final report: RHS may call the next entry point */
        if (st == CK_ERROR_SUCCESS)
            inst->state = online ? CK_ST_ONLINE : CK_ST_OFFLINE;
        else
            inst->state = CK_ST_FAILED;
        if (!online && st == CK_ERROR_SUCCESS)
            inst->online_gen = 0;
    }
    ck__mutex_unlock(&ck__g.lock);
    if (!aborted) {
        if (st == CK_ERROR_RESOURCE_CALL_TIMED_OUT)
            ck__log(inst, LOG_ERROR, "%s: the handler did not finish within %u ms", what,
                    (unsigned)ck__timeout(w->op->code));
        else if (st == CK_HOST_UNAVAILABLE)
            ck__log(inst, LOG_ERROR,
                    "%s failed: the handler host is not available (status %u; the lines before "
                    "say why)",
                    what, (unsigned)st);
        else if (st != CK_ERROR_SUCCESS) {
            char failed[96];
            snprintf(failed, sizeof failed, "%s failed (status %u)", what, (unsigned)st);
            ck__log_reply(inst, LOG_ERROR, failed, reply, reply_size);
        }
        w->checkpoint++;
        report(w,
               st == CK_ERROR_SUCCESS ? (online ? ClusterResourceOnline : ClusterResourceOffline)
                                      : ClusterResourceFailed,
               st);
    }
    free(reply);
    ck__mutex_lock(&ck__g.lock);
    w->op->done = 1;
    ck__mutex_unlock(&ck__g.lock);
    ck__event_set(w->op->finished);
    op_release(w->op);
    ck__instance_release(inst);
    free(w);
}

static DWORD start_op(ck_instance *inst, uint16_t code, LPHANDLE event_handle) {
    const char *what = code == CK_OP_ONLINE ? "Online" : "Offline";
    ck_op *op = calloc(1, sizeof *op);
    worker_ctx *w = calloc(1, sizeof *w);
    ck_event *finished = ck__event_create(1);
    if (op == NULL || w == NULL || finished == NULL) {
        free(op);
        free(w);
        ck__event_destroy(finished);
        ck__log(inst, LOG_ERROR, "%s: out of memory", what);
        return CK_ERROR_NOT_ENOUGH_MEMORY;
    }
    op->refs = 2; /* the instance and the worker */
    op->code = code;
    op->finished = finished;
    w->inst = inst;
    w->op = op;
    ck__mutex_lock(&ck__g.lock);
    if (inst->op != NULL && !inst->op->done) {
        ck__mutex_unlock(&ck__g.lock);
        ck__log(inst, LOG_ERROR, "%s: another Online/Offline is still pending; Terminate it first",
                what);
        free(w);
        ck__event_destroy(finished);
        free(op);
        return CK_ERROR_BUSY;
    }
    ck_op *previous = inst->op;
    int old_state = inst->state;
    inst->op = op;
    inst->state = code == CK_OP_ONLINE ? CK_ST_ONLINE_PENDING : CK_ST_OFFLINE_PENDING;
    ck__instance_ref_locked(inst); /* the worker's */
    ck__mutex_unlock(&ck__g.lock);
    if (previous != NULL)
        op_release(previous);
    if (code == CK_OP_ONLINE) {
        ck__event_reset(inst->event);
        if (event_handle != NULL)
            *event_handle = (HANDLE)inst->event;
    }
    if (ck__thread_start(&op->thread, worker_main, w) != CK_OK) {
        ck__mutex_lock(&ck__g.lock);
        inst->op = NULL;
        inst->state = old_state;
        op->refs = 0;
        ck__mutex_unlock(&ck__g.lock);
        ck__instance_release(inst);
        ck__event_destroy(finished);
        free(op);
        free(w);
        ck__log(inst, LOG_ERROR, "%s: cannot start a worker thread", what);
        return CK_ERROR_NOT_ENOUGH_MEMORY;
    }
    ck__thread_detach(&op->thread);
    return CK_ERROR_IO_PENDING;
}

void ck__abort_op(ck_instance *inst, uint32_t wait_ms) {
    ck__mutex_lock(&ck__g.lock);
    ck_op *op = inst->op;
    if (op != NULL) {
        op->aborted = 1;
        op->refs++;
        if (op->req != NULL)
            ck__request_poke(op->req);
    }
    ck__mutex_unlock(&ck__g.lock);
    if (op == NULL)
        return;
    if (wait_ms != 0 && ck__event_wait(op->finished, wait_ms) != 0)
        ck__log(inst, LOG_WARNING, "Terminate: the pending worker did not stop in time");
    op_release(op);
}

void ck__op_drop(ck_instance *inst) {
    ck__mutex_lock(&ck__g.lock);
    ck_op *op = inst->op;
    inst->op = NULL;
    ck__mutex_unlock(&ck__g.lock);
    if (op != NULL)
        op_release(op);
}

DWORD ck__start_online(ck_instance *inst, LPHANDLE event_handle) {
    return start_op(inst, CK_OP_ONLINE, event_handle);
}

DWORD ck__start_offline(ck_instance *inst) {
    ck__mutex_lock(&ck__g.lock);
    int idle = inst->state == CK_ST_OFFLINE && (inst->op == NULL || inst->op->done);
    ck__mutex_unlock(&ck__g.lock);
    if (idle)
        return CK_ERROR_SUCCESS; /* Offline of an offline resource succeeds at once. */
    return start_op(inst, CK_OP_OFFLINE, NULL);
}

static DWORD online(RESID resid, LPHANDLE event_handle) {
    ck_instance *inst = ck__instance_acquire(resid);
    if (inst == NULL) {
        ck__log(NULL, LOG_ERROR, "Online: unknown or closed resource id %p", resid);
        return CK_ERROR_RESOURCE_NOT_FOUND;
    }
    DWORD st = ck__start_online(inst, event_handle);
    ck__instance_release(inst);
    return st;
}

static DWORD offline(RESID resid) {
    ck_instance *inst = ck__instance_acquire(resid);
    if (inst == NULL) {
        ck__log(NULL, LOG_ERROR, "Offline: unknown or closed resource id %p", resid);
        return CK_ERROR_RESOURCE_NOT_FOUND;
    }
    DWORD st = ck__start_offline(inst);
    ck__instance_release(inst);
    return st;
}

DWORD WINAPI ck__entry_online(RESID resid, LPHANDLE event_handle) {
    return online(resid, event_handle);
}

DWORD WINAPI ck__entry_online_v2(RESID resid, LPHANDLE event_handle, DWORD flags, PBYTE in,
                                 DWORD in_size, DWORD reserved) {
    (void)flags, (void)in, (void)in_size, (void)reserved;
    return online(resid, event_handle);
}

DWORD WINAPI ck__entry_offline(RESID resid) {
    return offline(resid);
}

DWORD WINAPI ck__entry_offline_v2(RESID resid, LPCWSTR destination, DWORD flags, PBYTE in,
                                  DWORD in_size, DWORD reserved) {
    (void)destination, (void)flags, (void)in, (void)in_size, (void)reserved;
    return offline(resid);
}
