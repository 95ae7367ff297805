/*
 * entry.c - the synchronous entry points: Open, Close, Terminate, LooksAlive, IsAlive,
 * Cancel and the two control entry points. Online/Offline are in worker.c.
 * Every RESID is validated by a table lookup before anything else happens.
 */
#include <stdlib.h>

#include "core/core.h"
#include "core/entry.h"

static void set_last_error(DWORD code) {
#ifdef _WIN32
    SetLastError(code);
#else
    (void)code;
#endif
}

static RESID open_instance(LPCWSTR name, HKEY key, RESOURCE_HANDLE handle) {
    ck__core_init();
    if (name == NULL || name[0] == 0) {
        ck__log(NULL, LOG_ERROR, "Open: the resource name is empty; the monitor must pass one");
        set_last_error(CK_ERROR_INVALID_PARAMETER);
        return NULL;
    }
    ck_instance *inst = ck__instance_create(name, key, handle);
    if (inst == NULL) {
        ck__log(NULL, LOG_ERROR, "Open: out of memory creating the instance");
        set_last_error(CK_ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return (RESID)inst;
}

RESID WINAPI ck__entry_open(LPCWSTR name, HKEY key, RESOURCE_HANDLE handle) {
    return open_instance(name, key, handle);
}

RESID WINAPI ck__entry_open_v2(LPCWSTR name, HKEY key, RESOURCE_HANDLE handle, DWORD flags) {
    (void)flags;
    return open_instance(name, key, handle);
}

static ck_instance *acquire_or_log(RESID resid, const char *what) {
    ck_instance *inst = ck__instance_acquire(resid);
    if (inst == NULL)
        ck__log(NULL, LOG_ERROR, "%s: unknown or closed resource id %p", what, resid);
    return inst;
}

/* Terminate's body: also used by Close. Bounded by timeouts.terminate + about 1 s. */
static void terminate_instance(ck_instance *inst) {
    DWORD timeout = ck__timeout(CK_OP_TERMINATE);
    uint64_t started = ck__now_ms();
    ck__abort_op(inst, 0); /* the worker stops reporting status now */
    DWORD st =
        ck__host_request(inst, CK_OP_TERMINATE, NULL, 0, timeout, NULL, NULL, NULL, NULL, NULL);
    if (st == CK_ERROR_RESOURCE_CALL_TIMED_OUT) {
        ck__mutex_lock(&ck__g.lock);
        ck__instance_kill_groups_locked(inst);
        /* Terminated now: if the host is killed below, this instance is not one whose failure
         * RHS must still be told about. */
        inst->state = CK_ST_OFFLINE;
        ck__mutex_unlock(&ck__g.lock);
        ck__log(inst, LOG_WARNING,
                "Terminate: the handler did not answer within %u ms; killed its processes",
                (unsigned)timeout);
        if (ck__host_request(NULL, CK_OP_PING, NULL, 0, ck__timeout(CK_OP_PING), NULL, NULL, NULL,
                             NULL, NULL) != CK_ERROR_SUCCESS)
            ck__host_kill("did not answer PING after an unanswered TERMINATE; killed its tree");
    } else if (st == CK_HOST_UNAVAILABLE) {
        ck__log(inst, LOG_WARNING,
                "Terminate: the handler host is not available; its recorded processes are killed");
    } else if (st != CK_ERROR_SUCCESS && st != CK_ERROR_OPERATION_ABORTED) {
        ck__log(inst, LOG_WARNING, "Terminate: the handler answered status %u", (unsigned)st);
    }
    uint64_t spent = ck__now_ms() - started;
    uint64_t budget = (uint64_t)timeout + 900u;
    ck__abort_op(inst, spent < budget ? (uint32_t)(budget - spent) : 100u);
    ck__mutex_lock(&ck__g.lock);
    inst->state = CK_ST_OFFLINE;
    inst->online_gen = 0;
    ck__mutex_unlock(&ck__g.lock);
    ck__event_reset(inst->event);
}

VOID WINAPI ck__entry_terminate(RESID resid) {
    ck_instance *inst = acquire_or_log(resid, "Terminate");
    if (inst == NULL)
        return;
    terminate_instance(inst);
    ck__instance_release(inst);
}

VOID WINAPI ck__entry_close(RESID resid) {
    ck_instance *inst = acquire_or_log(resid, "Close");
    if (inst == NULL) {
        set_last_error(CK_ERROR_RESOURCE_NOT_FOUND);
        return;
    }
    ck__mutex_lock(&ck__g.lock);
    int busy = inst->state != CK_ST_OFFLINE || inst->op != NULL;
    ck__mutex_unlock(&ck__g.lock);
    if (busy)
        terminate_instance(inst);
    DWORD st = ck__host_request(inst, CK_OP_CLOSE, NULL, 0, ck__timeout(CK_OP_CLOSE), NULL, NULL,
                                NULL, NULL, NULL);
    if (st != CK_ERROR_SUCCESS)
        ck__log(inst, LOG_WARNING, "Close: the handler's close answered status %u", (unsigned)st);
    /* Whatever the handler started and did not report as exited must not outlive the
     * instance. */
    ck__mutex_lock(&ck__g.lock);
    ck__instance_kill_groups_locked(inst);
    ck__mutex_unlock(&ck__g.lock);
    ck__op_drop(inst);
    size_t left = ck__instance_remove(inst);
    ck__instance_release(inst);
    /* The last instance gone: no handler host (and no thread) stays behind. */
    if (left == 0)
        ck__host_shutdown();
}

static BOOL alive_call(RESID resid, uint16_t op, const char *what) {
    ck_instance *inst = acquire_or_log(resid, what);
    if (inst == NULL)
        return FALSE;
    BYTE *reply = NULL;
    DWORD size = 0;
    DWORD timeout = ck__timeout(op);
    int served;
    DWORD st = ck__host_health(inst, op, timeout, &reply, &size, &served);
    BOOL alive = served && st == CK_ERROR_SUCCESS && size >= 1 && reply[0] == 1;
    if (!served)
        ck__log(inst, LOG_WARNING, "%s: the resource is not online on a running handler host",
                what);
    else if (st == CK_ERROR_RESOURCE_CALL_TIMED_OUT)
        ck__log(inst, LOG_WARNING, "%s: no answer within %u ms", what, (unsigned)timeout);
    else if (st == CK_HOST_UNAVAILABLE)
        ck__log(inst, LOG_WARNING, "%s: the handler host is not available", what);
    else if (st != CK_ERROR_SUCCESS)
        ck__log(inst, LOG_WARNING, "%s: failed with status %u", what, (unsigned)st);
    free(reply);
    ck__instance_release(inst);
    return alive;
}

BOOL WINAPI ck__entry_looks_alive(RESID resid) {
    return alive_call(resid, CK_OP_LOOKS_ALIVE, "LooksAlive");
}

BOOL WINAPI ck__entry_is_alive(RESID resid) {
    return alive_call(resid, CK_OP_IS_ALIVE, "IsAlive");
}

DWORD WINAPI ck__entry_cancel(RESID resid, DWORD flags) {
    (void)flags;
    ck_instance *inst = acquire_or_log(resid, "Cancel");
    if (inst == NULL)
        return CK_ERROR_RESOURCE_NOT_FOUND;
    /* The host aborts the pending ONLINE/OFFLINE; its worker then reports the failure. */
    DWORD st = ck__host_request(inst, CK_OP_CANCEL, NULL, 0, ck__timeout(CK_OP_CANCEL), NULL, NULL,
                                NULL, NULL, NULL);
    if (st != CK_ERROR_SUCCESS)
        ck__log(inst, LOG_WARNING, "Cancel: the handler answered status %u", (unsigned)st);
    ck__instance_release(inst);
    return st;
}

DWORD WINAPI ck__entry_resource_control(RESID resid, DWORD code, PVOID in, DWORD in_size, PVOID out,
                                        DWORD out_size, LPDWORD returned) {
    ck_instance *inst = acquire_or_log(resid, "ResourceControl");
    if (inst == NULL)
        return CK_ERROR_RESOURCE_NOT_FOUND;
    DWORD st = ck__resource_control(inst, code, in, in_size, out, out_size, returned);
    ck__instance_release(inst);
    return st;
}

DWORD WINAPI ck__entry_type_control(LPCWSTR type_name, DWORD code, PVOID in, DWORD in_size,
                                    PVOID out, DWORD out_size, LPDWORD returned) {
    ck__core_init();
    if (type_name != NULL && ck__wcs_icmp(type_name, ck_type.type_name) != 0) {
        ck__log(NULL, LOG_ERROR, "ResourceTypeControl: not this library's resource type");
        return CK_ERROR_CLUSTER_RESNAME_NOT_FOUND;
    }
    return ck__type_control(code, in, in_size, out, out_size, returned);
}
