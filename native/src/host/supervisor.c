/*
 * supervisor.c - the handler host's lifecycle (docs/protocol.md): lazy start with the
 * HELLO handshake, marking it dead, kill of the whole tree, and a clean SHUTDOWN when the
 * last instance closes. Requests and re-OPEN are in request.c, the readers in host_reader.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/host_env.h"
#include "host/supervisor.h"

ck_host ck__host;
static ck_once host_once = CK_ONCE_INIT;

static void host_init_once(void) {
    ck__core_init();
    ck__cond_init(&ck__host.cond);
    ck__mutex_init(&ck__host.write_lock);
    ck__host.w_fd = CK_FD_NONE;
    ck__host.next_request_id = 1;
}

void ck__host_init(void) {
    ck__once(&host_once, host_init_once);
}

DWORD ck__timeout(uint16_t op) {
    const ck_timeouts *t = &ck_type.timeouts;
    DWORD ms;
    switch (op) {
    case CK_OP_OPEN:
        ms = t->open;
        break;
    case CK_OP_CLOSE:
        ms = t->close;
        break;
    case CK_OP_ONLINE:
        ms = t->online;
        break;
    case CK_OP_OFFLINE:
        ms = t->offline;
        break;
    case CK_OP_TERMINATE:
        ms = t->terminate;
        break;
    case CK_OP_LOOKS_ALIVE:
        ms = t->looks_alive;
        break;
    case CK_OP_IS_ALIVE:
        ms = t->is_alive;
        break;
    case CK_OP_PING:
        ms = 500;
        break;
    case CK_OP_SHUTDOWN:
        ms = 1000;
        break;
    default:
        ms = t->control;
        break;
    }
    return ms != 0 ? ms : 5000;
}

/* ---- death ---- */

static void kill_groups_cb(ck_instance *inst, void *ctx) {
    ck_host_run *run = ctx;
    ck__instance_kill_groups_locked(inst);
    /* An instance online on this host has lost its handler: RHS must hear it now, as for a
     * failed application, not at its next IsAlive poll. */
    if (!run->expect_exit && inst->state == CK_ST_ONLINE && inst->online_gen == run->gen)
        ck__dispatch_host_lost(inst->id, run->proc.pid);
}

void ck__host_mark_dead_locked(ck_host_run *run, const char *why) {
    if (run == NULL || run->dead)
        return;
    run->dead = 1;
    ck__cond_signal(&run->bg_cond); /* the background reader reads the end of the stream */
    if (why != NULL)
        ck__log_deferred(0, run->expect_exit ? LOG_INFORMATION : LOG_ERROR,
                         "handler host (pid %ld) %s", run->proc.pid, why);
    /* Even after the host was reaped its group may hold children it did not detach; the
     * group id cannot be reused while any member lives. */
    ck__process_kill_group(run->proc.pgid);
    if (ck__host.run == run) {
        if (ck__host.state == CK_HOST_READY)
            ck__host.state = CK_HOST_DEAD;
        /* In-flight calls complete at once instead of waiting for their deadlines. */
        while (ck__host.requests != NULL) {
            ck_request *r = ck__host.requests;
            ck__request_claim_locked(r);
            ck__request_answer(r, CK_HOST_UNAVAILABLE, NULL, 0);
        }
        ck__outbox_drop_locked();
        ck__instance_each_locked(kill_groups_cb, run);
    }
    ck__cond_broadcast(&ck__host.cond);
}

void ck__host_kill(const char *why) {
    ck__host_init();
    ck__mutex_lock(&ck__g.lock);
    if (ck__host.run != NULL)
        ck__host_mark_dead_locked(ck__host.run, why);
    ck__mutex_unlock(&ck__g.lock);
}

/* Joins a finished run's threads, closes its pipes and reaps it. No lock held. */
static void cleanup_run(ck_host_run *run) {
    if (run == NULL)
        return;
    ck__mutex_lock(&ck__g.lock);
    run->stop = 1;
    ck__host_mark_dead_locked(run, NULL);
    ck__cond_signal(&run->bg_cond);
    /* A caller reading its own answer leaves the pipe soon after it sees stop. */
    while (run->reading == CK_READER_CALLER)
        ck__cond_wait(&ck__host.cond, &ck__g.lock);
    ck__mutex_unlock(&ck__g.lock);
    if (run->out_started)
        ck__thread_join(&run->out_thread);
    if (run->err_started)
        ck__thread_join(&run->err_thread);
    ck__mutex_lock(&ck__host.write_lock);
    if (ck__host.w_gen == run->gen)
        ck__host.w_fd = CK_FD_NONE;
    ck__mutex_unlock(&ck__host.write_lock);
    ck__process_close_pipes(&run->proc);
    if (!run->reaped)
        ck__process_reap(run->proc.pid, NULL);
    ck__host_reader_free(run);
    free(run);
}

/* ---- start ---- */

/* The node executable: where to look first differs by platform (docs/windows.md). */
static int find_node(char *node, size_t node_cap) {
#ifdef _WIN32
    /* Windows: CLUSTERKIT_NODE, else node.exe deployed next to the DLL, else the
     * build-time path (empty for --target windows), else node.exe on PATH. */
    char node_dir[1024], beside[1040];
    const char *want = ck__getenv("CLUSTERKIT_NODE");
    if ((want == NULL || want[0] == '\0') && ck__module_dir(node_dir, sizeof node_dir) == CK_OK &&
        snprintf(beside, sizeof beside, "%s\\node.exe", node_dir) < (int)sizeof beside &&
        ck__find_program(beside, node, node_cap) == CK_OK)
        want = beside;
    if (want == NULL || want[0] == '\0')
        want = ck_type.node_path;
#else
    const char *want = ck_type.node_path;
    if (want == NULL || want[0] == '\0')
        want = ck__getenv("CLUSTERKIT_NODE");
#endif
    if (want == NULL || want[0] == '\0')
        want = "node";
    if (ck__find_program(want, node, node_cap) != CK_OK) {
        ck__log_deferred(0, LOG_ERROR,
                         "cannot start the handler host: node executable '%s' not found (set "
                         "it at build time, or CLUSTERKIT_NODE, or put node on PATH)",
                         want);
        return CK_ERR_NODE_NOT_FOUND;
    }
    return CK_OK;
}

/* The handler bundle: CLUSTERKIT_HANDLER, else the type's handler_file (relative to the
 * library's folder unless absolute); it must exist. */
static int find_bundle(char *bundle, size_t bundle_cap) {
    const char *override = ck__getenv("CLUSTERKIT_HANDLER");
    const char *file = ck_type.handler_file != NULL ? ck_type.handler_file : "";
    char dir[1024];
    int n;
    if (override != NULL && override[0] != '\0')
        n = snprintf(bundle, bundle_cap, "%s", override);
    else if (file[0] == '/')
        n = snprintf(bundle, bundle_cap, "%s", file);
    else if (ck__module_dir(dir, sizeof dir) == CK_OK)
        n = snprintf(bundle, bundle_cap, "%s/%s", dir, file);
    else
        n = -1;
    if (n < 0 || (size_t)n >= bundle_cap) {
        ck__log_deferred(0, LOG_ERROR,
                         "cannot start the handler host: the bundle path of "
                         "'%s' cannot be built",
                         file);
        return CK_ERR_SPAWN;
    }
    FILE *f = fopen(bundle, "rb");
    if (f == NULL) {
        ck__log_deferred(0, LOG_ERROR,
                         "cannot start the handler host: bundle '%s' not found (build the "
                         "type so the bundle sits next to the library)",
                         bundle);
        return CK_ERR_SPAWN;
    }
    fclose(f);
    return CK_OK;
}

/* CLUSTERKIT_INSPECT=<port> (docs/debugging.md): the host starts with the Node inspector on
 * 127.0.0.1:<port>, 0 = a free port, for step-through debugging on a test cluster. Only a port
 * is read, never an address, so the inspector listens on loopback only; anything else is
 * refused with a log line. Writes the node option into buf; returns 0 when it is off. */
static int inspect_option(char *buf, size_t cap) {
    const char *want = ck__getenv("CLUSTERKIT_INSPECT");
    if (want == NULL || want[0] == '\0')
        return 0;
    unsigned long port = 0;
    size_t i = 0;
    for (; want[i] >= '0' && want[i] <= '9' && i < 6; i++)
        port = port * 10 + (unsigned long)(want[i] - '0');
    if (i == 0 || want[i] != '\0' || port > 65535) {
        ck__log_deferred(0, LOG_ERROR,
                         "CLUSTERKIT_INSPECT='%s' is not a port (0..65535); the handler host "
                         "starts without the inspector",
                         want);
        return 0;
    }
    snprintf(buf, cap, "--inspect=127.0.0.1:%lu", port);
    ck__log_deferred(0, LOG_WARNING,
                     "DEBUGGING ON: the handler host starts with the Node inspector on "
                     "127.0.0.1:%lu (CLUSTERKIT_INSPECT); any local user can run code in it, and "
                     "a paused host misses its deadlines. Unset it outside a test cluster.",
                     port);
    return 1;
}

static ck_host_run *spawn_run(void) {
    char node[1024], bundle[2048], inspect[40];
    if (find_node(node, sizeof node) != CK_OK || find_bundle(bundle, sizeof bundle) != CK_OK)
        return NULL;
    ck_host_run *run = calloc(1, sizeof *run);
    if (run == NULL)
        return NULL;
    if (ck__host_reader_init(run) != CK_OK) {
        ck__host_reader_free(run);
        free(run);
        return NULL;
    }
    char *argv[4] = {node, NULL, NULL, NULL};
    int argc = 1;
    if (inspect_option(inspect, sizeof inspect))
        argv[argc++] = inspect;
    argv[argc] = bundle;
    int os_error = 0;
    char **env = ck__env_copy(ck__host_env_drop);
    int spawned =
        env != NULL ? ck__process_spawn(node, argv, env, &run->proc, &os_error) : CK_ERR_NOMEM;
    ck__env_free(env);
    if (spawned != CK_OK) {
#ifdef _WIN32
        /* os_error is a Win32 code here, which strerror does not know. */
        ck__log_deferred(0, LOG_ERROR, "cannot start the handler host '%s %s': Win32 error %d",
                         node, bundle, os_error);
#else
        ck__log_deferred(0, LOG_ERROR, "cannot start the handler host '%s %s': %s", node, bundle,
                         strerror(os_error));
#endif
        ck__host_reader_free(run);
        free(run);
        return NULL;
    }
    return run;
}

static DWORD start_host(uint32_t *gen_out) {
    ck_host_run *old = ck__host.run;
    /* A run being shut down (it exited after SHUTDOWN, a call came meanwhile) belongs to the
     * thread in ck__host_shutdown, which waits on it and cleans it up: leave it to that. */
    if (old != NULL && old->expect_exit)
        old = NULL;
    ck__host.run = NULL;
    ck__host.state = CK_HOST_STARTING;
    ck__mutex_unlock(&ck__g.lock);
    cleanup_run(old);
    ck_host_run *run = spawn_run();
    ck__mutex_lock(&ck__g.lock);
    if (run == NULL) {
        ck__host.state = CK_HOST_NONE;
        ck__cond_broadcast(&ck__host.cond);
        return CK_HOST_UNAVAILABLE;
    }
    run->gen = ++ck__host.gen;
    ck__host.run = run;
    ck__mutex_lock(&ck__host.write_lock);
    ck__host.w_fd = run->proc.stdin_w;
    ck__host.w_gen = run->gen;
    ck__mutex_unlock(&ck__host.write_lock);
    run->out_started = ck__thread_start(&run->out_thread, ck__host_stdout_reader, run) == CK_OK;
    run->err_started = ck__thread_start(&run->err_thread, ck__host_stderr_reader, run) == CK_OK;
    DWORD handshake = ck__timeout(CK_OP_OPEN) > ck_type.timeouts.handshake
                          ? ck__timeout(CK_OP_OPEN)
                          : ck_type.timeouts.handshake;
    uint64_t deadline = ck__now_ms() + handshake;
    while (run->hello == 0 && !run->dead && run->out_started) {
        if (ck__cond_wait_until(&ck__host.cond, &ck__g.lock, deadline))
            break;
    }
    if (run->hello == 1 && !run->dead) {
        ck__host.state = CK_HOST_READY;
        ck__cond_broadcast(&ck__host.cond);
        *gen_out = run->gen;
        return CK_ERROR_SUCCESS;
    }
    if (run->hello == 0 && !run->dead)
        ck__host_mark_dead_locked(run, "did not send HELLO in time; killed it");
    else if (run->hello == 0)
        ck__log_deferred(0, LOG_ERROR, "handler host (pid %ld) ended before its HELLO",
                         run->proc.pid);
    ck__host.state = CK_HOST_DEAD;
    ck__cond_broadcast(&ck__host.cond);
    return CK_HOST_UNAVAILABLE;
}

DWORD ck__host_ensure_locked(uint32_t *gen_out) {
    uint64_t deadline = ck__now_ms() + ck_type.timeouts.handshake + 5000u;
    int waited = 0;
    for (;;) {
        if (ck__host.state == CK_HOST_READY) {
            *gen_out = ck__host.gen;
            return CK_ERROR_SUCCESS;
        }
        if (ck__host.state != CK_HOST_STARTING) {
            /* Another caller's start just failed: report that rather than retry at once. */
            if (waited)
                return CK_HOST_UNAVAILABLE;
            return start_host(gen_out);
        }
        waited = 1;
        if (ck__cond_wait_until(&ck__host.cond, &ck__g.lock, deadline))
            return CK_ERROR_RESOURCE_CALL_TIMED_OUT;
    }
}

void ck__host_shutdown(void) {
    ck__host_init();
    ck__mutex_lock(&ck__g.lock);
    /* A start in progress (a worker that Terminate gave up waiting for) finishes first, so
     * the host it brings up is stopped here rather than left behind. */
    uint64_t start_deadline = ck__now_ms() + ck_type.timeouts.handshake + 2000u;
    while (ck__host.state == CK_HOST_STARTING)
        if (ck__cond_wait_until(&ck__host.cond, &ck__g.lock, start_deadline))
            break;
    ck_host_run *run = ck__host.run;
    int ready = ck__host.state == CK_HOST_READY;
    uint32_t gen = ck__host.gen;
    if (run != NULL && run->expect_exit)
        run = NULL; /* another thread is already shutting this run down */
    if (run != NULL)
        run->expect_exit = 1;
    ck__mutex_unlock(&ck__g.lock);
    if (run != NULL) {
        if (ready)
            ck__host_roundtrip(gen, NULL, CK_OP_SHUTDOWN, NULL, 0, ck__timeout(CK_OP_SHUTDOWN),
                               NULL, NULL, NULL, NULL, NULL);
        /* Give it a moment to exit by itself, then the whole tree goes. */
        ck__mutex_lock(&ck__g.lock);
        uint64_t deadline = ck__now_ms() + 1000u;
        while (!run->dead)
            if (ck__cond_wait_until(&ck__host.cond, &ck__g.lock, deadline))
                break;
        if (!run->dead)
            ck__host_mark_dead_locked(run, "did not exit after SHUTDOWN; killed it");
        if (ck__host.run == run) {
            ck__host.run = NULL;
            ck__host.state = CK_HOST_NONE;
        }
        ck__mutex_unlock(&ck__g.lock);
        cleanup_run(run); /* only here: start_host leaves a run with expect_exit alone */
    }
    ck__dispatch_stop(2000);
}
