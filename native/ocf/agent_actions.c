/*
 * agent_actions.c - start, stop, monitor and validate-all (docs/ocf.md has the mapping to
 * the handler's lifecycle and the exit codes). Every action keeps inside the deadline
 * Pacemaker passed: it budgets its own work and leaves time to clean up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "agent.h"
#include "protocol/frame.h"
#include "protocol/payloads.h"

/* What an action keeps back from its timeout to end a call that ran out of time. */
uint32_t ck__ocf_reserve_ms(const ck_ocf_env *env) {
    uint32_t want = ck_type.timeouts.terminate + 1000u;
    if (want < 2000u)
        want = 2000u;
    return want < env->timeout_ms / 3 ? want : env->timeout_ms / 3;
}

/* The end of everything, clean-up included: just before Pacemaker would kill the agent. */
static uint64_t final_deadline(const ck_ocf_env *env) {
    return ck__ocf_deadline(env, env->timeout_ms / 20 < 300u ? env->timeout_ms / 20 : 300u);
}

static int teardown(const ck_ocf_paths *p, const ck_ocf_env *env, ck_ocf_conn *open_conn);

/* What the clean-up calls of a teardown leave to the SIGKILL of what remains. */
#define CK_OCF_KILL_MARGIN_MS 200u

int ck__ocf_code_of(uint32_t win32) {
    switch (win32) {
    case 87: /* ERROR_INVALID_PARAMETER */
    case 13: /* ERROR_INVALID_DATA */
        return OCF_ERR_CONFIGURED;
    case 5: /* ERROR_ACCESS_DENIED */
        return OCF_ERR_PERM;
    case 2:   /* ERROR_FILE_NOT_FOUND */
    case 3:   /* ERROR_PATH_NOT_FOUND */
    case 126: /* ERROR_MOD_NOT_FOUND */
        return OCF_ERR_INSTALLED;
    default:
        return OCF_ERR_GENERIC;
    }
}

/* The last line the host wrote to its log, for a reason when it died. */
static void log_tail(const char *path, char *out, size_t cap) {
    out[0] = '\0';
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return;
    char line[512];
    while (fgets(line, sizeof line, f) != NULL) {
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n > 0)
            snprintf(out, cap, "%s", line);
    }
    fclose(f);
}

int ck__ocf_request(ck_ocf_conn *c, uint16_t op, const char *what, const uint8_t *payload,
                    DWORD size, uint64_t deadline, ck_ocf_reply *r) {
    int got = ck__ocf_call(c, op, payload, size, deadline, r);
    if (got == -1) {
        ck__ocf_reason("%s did not finish within the time this operation is allowed", what);
        return OCF_ERR_GENERIC;
    }
    if (got == -2) {
        ck__ocf_reason("the handler host went away during %s", what);
        return OCF_ERR_GENERIC;
    }
    if (r->status == 0)
        return 0;
    ck__ocf_reason("%s failed: %s (Win32 %u)", what, r->payload != NULL ? (char *)r->payload : "",
                   (unsigned)r->status);
    return ck__ocf_code_of(r->status);
}

/* A call whose outcome only matters for the log (clean-up steps). */
static void quiet_call(ck_ocf_conn *c, uint16_t op, const uint8_t *payload, DWORD size,
                       uint64_t deadline) {
    ck_ocf_reply r;
    if (ck__ocf_call(c, op, payload, size, deadline, &r) == 0)
        free(r.payload);
}

int ck__ocf_open_instance(ck_ocf_conn *c, const ck_ocf_env *env, uint64_t deadline) {
    uint8_t *payload;
    size_t size;
    int enc = ck__str_encode(env->instance, strlen(env->instance), &payload, &size);
    if (enc != CK_OK) {
        ck__ocf_reason("cannot send the resource name to the handler host (%s)",
                       enc == CK_ERR_BAD_PAYLOAD ? "longer than 65535 bytes" : ck__err_name(enc));
        return OCF_ERR_GENERIC;
    }
    ck_ocf_reply r;
    int rc = ck__ocf_request(c, CK_OP_OPEN, "open", payload, (DWORD)size, deadline, &r);
    free(payload);
    free(r.payload);
    return rc;
}

/* Connects to the host that `spawned` started, waiting until it listens or exits. *refused
 * (when not NULL) tells a refusing host (another build's) from one that never listened. */
static int await_host(ck_ocf_conn *c, const ck_ocf_paths *p, pid_t spawned, uint64_t deadline,
                      int *refused) {
    for (unsigned wait_us = 500;; wait_us = wait_us < 20000 ? wait_us * 2 : wait_us) {
        int rc = ck__ocf_connect(c, p->socket, deadline);
        if (rc == CK_OCF_CONN_OK)
            return 0;
        if (rc == CK_OCF_CONN_REFUSED) {
            if (refused != NULL)
                *refused = 1;
            return OCF_ERR_GENERIC;
        }
        int status;
        if (waitpid(spawned, &status, WNOHANG) == spawned) {
            char tail[300];
            log_tail(p->log, tail, sizeof tail);
            ck__ocf_reason("the handler host exited before it listened (%s)",
                           tail[0] ? tail : "no output");
            ck__ocf_record_host(p, 0);
            return OCF_ERR_GENERIC;
        }
        if (ck__now_ms() >= deadline) {
            ck__ocf_reason("the handler host did not listen on %s in time", p->socket);
            return OCF_ERR_GENERIC;
        }
        ck__ocf_sleep_us(wait_us); /* the host creates its socket once Node has loaded the bundle */
    }
}

/* Connects to this resource's host, starting one (after clearing what a dead one left). */
static int attach(ck_ocf_conn *c, const ck_ocf_paths *p, const ck_ocf_env *env, uint64_t deadline) {
    int rc = ck__ocf_connect(c, p->socket, deadline);
    if (rc == CK_OCF_CONN_OK)
        return 0;
    if (rc == CK_OCF_CONN_REFUSED)
        return OCF_ERR_GENERIC;
    pid_t old = ck__ocf_recorded_session(p);
    if (ck__ocf_kill_resource(p, old, deadline) > 0) {
        ck__ocf_reason("processes of an earlier handler host (session %d) survived SIGKILL",
                       (int)old);
        return OCF_ERR_GENERIC;
    }
    pid_t pid;
    rc = ck__ocf_spawn_host(p, env, &pid);
    if (rc != 0)
        return rc;
    int refused = 0;
    rc = await_host(c, p, pid, deadline, &refused);
    if (rc != 0 && !refused) {
        /* The host started here never listened: end it now, a failed start leaves nothing
         * running. (A refusing host is another build's, not ours to end.) */
        if (ck__ocf_kill_resource(p, pid, final_deadline(env)) == 0) {
            ck__ocf_record_host(p, 0);
            unlink(p->socket);
        }
        waitpid(pid, NULL, WNOHANG);
    }
    return rc;
}

/* LOOKS_ALIVE or IS_ALIVE: 1 alive, 0 not, -1 no answer (reason reported). */
static int health(ck_ocf_conn *c, uint16_t op, uint64_t deadline) {
    ck_ocf_reply r;
    const char *what = op == CK_OP_IS_ALIVE ? "IsAlive" : "LooksAlive";
    if (ck__ocf_request(c, op, what, NULL, 0, deadline, &r) != 0) {
        free(r.payload);
        return -1;
    }
    int alive = r.size == 1 && r.payload[0] == 1;
    free(r.payload);
    return alive;
}

int ck__ocf_prepare(const ck_ocf_env *env, uint8_t **list, DWORD *size, ck_ocf_paths *p,
                    uint64_t *deadline) {
    int rc = ck__ocf_build_props(list, size);
    if (rc == 0)
        rc = ck__ocf_paths(env->instance, "", p);
    if (rc != 0) {
        free(*list);
        *list = NULL;
        return rc;
    }
    *deadline = ck__ocf_deadline(env, ck__ocf_reserve_ms(env));
    return 0;
}

int ck__ocf_start(const ck_ocf_env *env) {
    uint8_t *list = NULL;
    DWORD size = 0;
    ck_ocf_paths p;
    uint64_t deadline;
    int rc = ck__ocf_prepare(env, &list, &size, &p, &deadline);
    if (rc != 0)
        return rc;
    ck_ocf_conn c;
    rc = attach(&c, &p, env, deadline);
    if (rc != 0) {
        free(list);
        return rc;
    }
    ck_ocf_reply r = {0};
    if (ck__ocf_flag(p.online) && health(&c, CK_OP_LOOKS_ALIVE, deadline) == 1) {
        rc = 0; /* already running: start is idempotent */
    } else {
        ck__ocf_set_flag(p.online, 0);
        rc = ck__ocf_open_instance(&c, env, deadline);
        if (rc == 0) {
            rc = ck__ocf_request(&c, CK_OP_VALIDATE, "the handler's validate", list, size, deadline,
                                 &r);
            if (rc != 0 && r.status == 5038)
                rc = OCF_ERR_CONFIGURED; /* validate() threw: the parameters are refused */
            free(r.payload);
        }
        if (rc == 0) {
            rc = ck__ocf_request(&c, CK_OP_ONLINE, "online", list, size, deadline, &r);
            free(r.payload);
            if (rc != 0) /* end what online started, within the time kept back for it */
                quiet_call(&c, CK_OP_TERMINATE, NULL, 0, final_deadline(env));
        }
        if (rc == 0)
            ck__ocf_set_flag(p.online, 1);
    }
    /* A failed start leaves nothing running: the stop Pacemaker sends next finds it clean. */
    if (rc != 0)
        (void)teardown(&p, env, &c);
    else
        ck__ocf_close(&c);
    free(list);
    return rc;
}

/* Ends the resource's host and everything in its session: offline (terminate if that fails
 * or runs out of time), close, shutdown, then SIGKILL to whatever is left. 0 when nothing
 * survived; otherwise the reason is reported and 1 returned (Pacemaker will fence). */
static int teardown(const ck_ocf_paths *p, const ck_ocf_env *env, ck_ocf_conn *open_conn) {
    uint64_t deadline = ck__ocf_deadline(env, ck__ocf_reserve_ms(env));
    uint64_t final = final_deadline(env);
    /* A hung host may not take the kill's share: the calls end a margin before the end. */
    uint64_t calls_end =
        final > deadline + CK_OCF_KILL_MARGIN_MS ? final - CK_OCF_KILL_MARGIN_MS : deadline;
    pid_t host = ck__ocf_recorded_session(p);
    ck_ocf_conn c;
    int connected = open_conn != NULL;
    if (connected)
        c = *open_conn;
    else
        connected = ck__ocf_connect(&c, p->socket, deadline) == CK_OCF_CONN_OK;
    if (connected) {
        ck_ocf_reply r;
        int got = ck__ocf_call(&c, CK_OP_OFFLINE, NULL, 0, deadline, &r);
        if (got != 0 || (r.status != 0 && r.status != 5007)) {
            ck__ocf_log("WARNING", "offline %s; terminating",
                        got != 0 ? "did not finish in time" : "failed");
            quiet_call(&c, CK_OP_TERMINATE, NULL, 0, calls_end);
        }
        if (got == 0)
            free(r.payload);
        quiet_call(&c, CK_OP_CLOSE, NULL, 0, calls_end);
        quiet_call(&c, CK_OP_SHUTDOWN, NULL, 0, calls_end);
        ck__ocf_close(&c);
        while (ck__ocf_alive(host) && ck__now_ms() < calls_end)
            ck__ocf_sleep_us(2000); /* the host exits right after answering SHUTDOWN */
    }
    int left = ck__ocf_kill_resource(p, host, final);
    if (left > 0) {
        ck__ocf_reason("%d process(es) of the resource survived SIGKILL", left);
        return OCF_ERR_GENERIC;
    }
    ck__ocf_record_host(p, 0);
    unlink(p->socket);
    return OCF_SUCCESS;
}

int ck__ocf_stop(const ck_ocf_env *env) {
    ck_ocf_paths p;
    int rc = ck__ocf_paths(env->instance, "", &p);
    if (rc != 0)
        return rc;
    ck__ocf_set_flag(p.online, 0);
    return teardown(&p, env, NULL);
}

int ck__ocf_monitor(const ck_ocf_env *env) {
    ck_ocf_paths p;
    int rc = ck__ocf_paths(env->instance, "", &p);
    if (rc != 0)
        return rc;
    uint64_t deadline = ck__ocf_deadline(env, 300);
    ck_ocf_conn c;
    rc = ck__ocf_connect(&c, p.socket, deadline);
    if (rc == CK_OCF_CONN_REFUSED)
        return OCF_ERR_GENERIC;
    if (rc == CK_OCF_CONN_NO_HOST) {
        pid_t host = ck__ocf_recorded_host(&p);
        if (host == 0 && !ck__ocf_flag(p.online))
            return OCF_NOT_RUNNING; /* never started here, or cleanly stopped */
        /* A killed host's socket is closed a moment before its last thread has ended. */
        for (uint64_t until = ck__now_ms() + 200; ck__ocf_alive(host) && ck__now_ms() < until;)
            ck__ocf_sleep_us(2000);
        char tail[300];
        log_tail(p.log, tail, sizeof tail);
        ck__ocf_reason("the handler host (pid %d) %s%s%s", (int)host,
                       ck__ocf_alive(host) ? "does not answer" : "has exited", tail[0] ? ": " : "",
                       tail);
        return OCF_ERR_GENERIC;
    }
    if (!ck__ocf_flag(p.online)) {
        ck__ocf_reason("the resource is not online: its last start did not complete");
        ck__ocf_close(&c);
        return OCF_ERR_GENERIC;
    }
    uint16_t op = env->check_level >= 10 ? CK_OP_IS_ALIVE : CK_OP_LOOKS_ALIVE;
    int alive = health(&c, op, deadline);
    if (alive == 0)
        ck__ocf_reason("%s", c.failed[0]            ? c.failed
                             : op == CK_OP_IS_ALIVE ? "the handler's isAlive answered FALSE"
                                                    : "the handler's looksAlive answered FALSE");
    ck__ocf_close(&c);
    return alive == 1 ? OCF_SUCCESS : OCF_ERR_GENERIC;
}

/* The handler's validate() on `c`'s host; 0 or an OCF code with the reason reported. */
static int handler_validate(ck_ocf_conn *c, const ck_ocf_env *env, const uint8_t *list, DWORD size,
                            uint64_t deadline) {
    int rc = ck__ocf_open_instance(c, env, deadline);
    ck_ocf_reply r = {0};
    if (rc == 0)
        rc = ck__ocf_request(c, CK_OP_VALIDATE, "the handler's validate", list, size, deadline, &r);
    if (rc != 0 && r.status == 5038)
        rc = OCF_ERR_CONFIGURED;
    free(r.payload);
    return rc;
}

int ck__ocf_validate(const ck_ocf_env *env) {
    uint8_t *list = NULL;
    DWORD size = 0;
    ck_ocf_paths p;
    uint64_t deadline;
    int rc = ck__ocf_prepare(env, &list, &size, &p, &deadline);
    if (rc != 0)
        return rc;
    ck_ocf_conn c;
    if (ck__ocf_connect(&c, p.socket, deadline) == CK_OCF_CONN_OK) {
        rc = handler_validate(&c, env, list, size, deadline);
        ck__ocf_close(&c);
        free(list);
        return rc;
    }
    /* No host runs for this resource: ask a short-lived one of its own. */
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".validate-%d", (int)getpid());
    ck_ocf_paths v;
    pid_t pid = 0;
    rc = ck__ocf_paths(env->instance, suffix, &v);
    if (rc == 0)
        rc = ck__ocf_spawn_host(&v, env, &pid);
    if (rc == 0)
        rc = await_host(&c, &v, pid, deadline, NULL);
    if (rc == 0) {
        rc = handler_validate(&c, env, list, size, deadline);
        quiet_call(&c, CK_OP_SHUTDOWN, NULL, 0, final_deadline(env));
        ck__ocf_close(&c);
    }
    if (pid > 0) {
        uint64_t final = final_deadline(env);
        ck__ocf_kill_resource(&v, pid, final);
        /* Reaped if it ended; one that survived SIGKILL (stuck in the kernel) must not hold
         * the action past its timeout. */
        while (waitpid(pid, NULL, WNOHANG) == 0 && ck__now_ms() < final)
            ck__ocf_sleep_us(2000);
    }
    ck__ocf_record_host(&v, 0);
    unlink(v.socket);
    unlink(v.log);
    free(list);
    return rc;
}
