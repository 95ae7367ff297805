/*
 * supervisor.c - the handler host's lifecycle (docs/protocol.md): lazy start with the
 * HELLO handshake, re-OPEN after a restart, the request table with deadlines, kill of
 * the whole tree, and a clean SHUTDOWN when the last instance closes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "supervisor.h"

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
    case CK_OP_OPEN: ms = t->open; break;
    case CK_OP_CLOSE: ms = t->close; break;
    case CK_OP_ONLINE: ms = t->online; break;
    case CK_OP_OFFLINE: ms = t->offline; break;
    case CK_OP_TERMINATE: ms = t->terminate; break;
    case CK_OP_LOOKS_ALIVE: ms = t->looks_alive; break;
    case CK_OP_IS_ALIVE: ms = t->is_alive; break;
    case CK_OP_PING: ms = 500; break;
    case CK_OP_SHUTDOWN: ms = 1000; break;
    default: ms = t->control; break;
    }
    return ms != 0 ? ms : 5000;
}

/* ---- death ---- */

static void kill_groups_cb(ck_instance *inst, void *ctx) {
    (void)ctx;
    ck__instance_kill_groups_locked(inst);
}

void ck__host_mark_dead_locked(ck_host_run *run, const char *why) {
    if (run == NULL || run->dead)
        return;
    run->dead = 1;
    /* Even after the host was reaped its group may hold children it did not detach; the
     * group id cannot be reused while any member lives. */
    ck__process_kill_group(run->proc.pgid);
    if (ck__host.run == run) {
        if (ck__host.state == CK_HOST_READY)
            ck__host.state = CK_HOST_DEAD;
        /* In-flight calls complete at once instead of waiting for their deadlines. */
        for (ck_request *r = ck__host.requests; r != NULL; r = r->next) {
            if (!r->done) {
                r->done = 1;
                r->status = CK_ERROR_RESOURCE_FAILED;
                ck__cond_broadcast(&r->cond);
            }
        }
        ck__instance_each_locked(kill_groups_cb, NULL);
    }
    ck__cond_broadcast(&ck__host.cond);
    if (why != NULL)
        ck__log_deferred(0, run->expect_exit ? LOG_INFORMATION : LOG_ERROR,
                         "handler host (pid %ld) %s", run->proc.pid, why);
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
    free(run);
}

/* ---- start ---- */

static int resolve_command(char *node, size_t node_cap, char *bundle, size_t bundle_cap) {
    const char *want = ck_type.node_path;
    if (want == NULL || want[0] == '\0')
        want = ck__getenv("CLUSTERKIT_NODE");
    if (want == NULL || want[0] == '\0')
        want = "node";
    if (ck__find_program(want, node, node_cap) != CK_OK) {
        ck__log_deferred(0, LOG_ERROR,
                         "cannot start the handler host: node executable '%s' not found (set "
                         "it at build time, or CLUSTERKIT_NODE, or put node on PATH)",
                         want);
        return CK_ERR_NODE_NOT_FOUND;
    }
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
        ck__log_deferred(0, LOG_ERROR, "cannot start the handler host: the bundle path of "
                                       "'%s' cannot be built", file);
        return CK_ERR_SPAWN;
    }
    FILE *f = fopen(bundle, "rb");
    if (f == NULL) {
        ck__log_deferred(0, LOG_ERROR,
                         "cannot start the handler host: bundle '%s' not found (build the "
                         "type so the bundle sits next to the library)", bundle);
        return CK_ERR_SPAWN;
    }
    fclose(f);
    return CK_OK;
}

static ck_host_run *spawn_run(void) {
    char node[1024], bundle[2048];
    if (resolve_command(node, sizeof node, bundle, sizeof bundle) != CK_OK)
        return NULL;
    ck_host_run *run = calloc(1, sizeof *run);
    if (run == NULL)
        return NULL;
    char *argv[] = {node, bundle, NULL};
    int os_error = 0;
    if (ck__process_spawn(node, argv, NULL, &run->proc, &os_error) != CK_OK) {
        ck__log_deferred(0, LOG_ERROR, "cannot start the handler host '%s %s': %s", node, bundle,
                         strerror(os_error));
        free(run);
        return NULL;
    }
    return run;
}

static DWORD start_host(uint32_t *gen_out) {
    ck_host_run *old = ck__host.run;
    ck__host.run = NULL;
    ck__host.state = CK_HOST_STARTING;
    ck__mutex_unlock(&ck__g.lock);
    cleanup_run(old);
    ck_host_run *run = spawn_run();
    ck__mutex_lock(&ck__g.lock);
    if (run == NULL) {
        ck__host.state = CK_HOST_NONE;
        ck__cond_broadcast(&ck__host.cond);
        return CK_ERROR_RESOURCE_FAILED;
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
    return CK_ERROR_RESOURCE_FAILED;
}

/* Lock held. Returns with the lock held and the host READY (or an error). */
static DWORD ensure_host_locked(uint32_t *gen_out) {
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
                return CK_ERROR_RESOURCE_FAILED;
            return start_host(gen_out);
        }
        waited = 1;
        if (ck__cond_wait_until(&ck__host.cond, &ck__g.lock, deadline))
            return CK_ERROR_RESOURCE_CALL_TIMED_OUT;
    }
}

/* ---- requests ---- */

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

static void unlink_request_locked(ck_request *req) {
    for (ck_request **p = &ck__host.requests; *p != NULL; p = &(*p)->next)
        if (*p == req) {
            *p = req->next;
            return;
        }
}

/* One request and its response on host generation gen. No lock held. */
static DWORD roundtrip(uint32_t gen, ck_instance *inst, uint16_t op, const BYTE *payload,
                       DWORD size, DWORD timeout_ms, BYTE **reply, DWORD *reply_size,
                       ck_op *owner, ck_progress_fn on_progress, void *ctx) {
    ck_request req;
    memset(&req, 0, sizeof req);
    ck__cond_init(&req.cond);
    req.op = op;
    req.owner = owner;
    uint64_t deadline = ck__now_ms() + timeout_ms;
    DWORD status;
    ck__mutex_lock(&ck__g.lock);
    if (ck__host.state != CK_HOST_READY || ck__host.gen != gen) {
        ck__mutex_unlock(&ck__g.lock);
        ck__cond_destroy(&req.cond);
        return CK_ERROR_RESOURCE_FAILED;
    }
    if (owner != NULL && owner->aborted) {
        ck__mutex_unlock(&ck__g.lock);
        ck__cond_destroy(&req.cond);
        return CK_ERROR_OPERATION_ABORTED;
    }
    req.id = ck__host.next_request_id++;
    if (req.id == 0)
        req.id = ck__host.next_request_id++;
    req.resource_id = inst != NULL ? inst->id : 0;
    req.next = ck__host.requests;
    ck__host.requests = &req;
    if (owner != NULL)
        owner->req = &req;
    ck__mutex_unlock(&ck__g.lock);

    int rc = send_frame(gen, op, req.id, req.resource_id, payload, size, timeout_ms);
    if (rc == CK_ERR_TIMEOUT || rc == CK_ERR_IO) {
        /* A partial frame may be in the pipe: the stream is unusable. */
        char why[160];
        snprintf(why, sizeof why, "could not be sent a request (%s); killed it",
                 ck__err_name(rc));
        ck__mutex_lock(&ck__g.lock);
        if (ck__host.run != NULL && ck__host.run->gen == gen)
            ck__host_mark_dead_locked(ck__host.run, why);
        ck__mutex_unlock(&ck__g.lock);
    }
    ck__mutex_lock(&ck__g.lock);
    if (rc != CK_OK && !req.done) {
        req.done = 1;
        req.status = rc == CK_ERR_INVALID_ARG ? CK_ERROR_INVALID_PARAMETER
                                               : CK_ERROR_RESOURCE_FAILED;
    }
    unsigned seen = 0;
    int timed_out = 0;
    while (!(owner != NULL && owner->aborted)) {
        /* Progress first: events the host sent before its answer are reported before it. */
        if (req.progress != seen && on_progress != NULL) {
            seen++;
            ck__mutex_unlock(&ck__g.lock);
            int stop = on_progress(ctx);
            ck__mutex_lock(&ck__g.lock);
            if (stop && owner != NULL)
                owner->aborted = 1;
            continue;
        }
        if (req.done)
            break;
        if (ck__cond_wait_until(&req.cond, &ck__g.lock, deadline) && !req.done) {
            timed_out = 1;
            break;
        }
    }
    unlink_request_locked(&req);
    if (owner != NULL)
        owner->req = NULL;
    if (req.done) {
        status = req.status;
        if (op == CK_OP_ONLINE && status == CK_ERROR_SUCCESS && inst != NULL)
            inst->online_gen = gen;
    } else {
        status = timed_out ? CK_ERROR_RESOURCE_CALL_TIMED_OUT : CK_ERROR_OPERATION_ABORTED;
    }
    ck__mutex_unlock(&ck__g.lock);
    if (req.done && reply != NULL) {
        *reply = req.reply;
        if (reply_size != NULL)
            *reply_size = req.reply_size;
    } else {
        free(req.reply);
    }
    ck__cond_destroy(&req.cond);
    return status;
}

/* Requests that may start a host; the others have nothing to do without one. */
static int may_start(uint16_t op) {
    return op == CK_OP_ONLINE || op == CK_OP_OFFLINE || op == CK_OP_VALIDATE ||
           op == CK_OP_CONTROL;
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
    if (!start)
        return CK_ERROR_FILE_NOT_FOUND; /* the caller maps this to nothing_to_do */
    size_t len = strlen(inst->name8);
    if (len > 0xFFFF)
        len = 0xFFFF;
    BYTE *payload = malloc(2 + len);
    if (payload == NULL)
        return CK_ERROR_NOT_ENOUGH_MEMORY;
    ck__put16(payload, (uint16_t)len);
    memcpy(payload + 2, inst->name8, len);
    inst->opening = 1;
    ck__mutex_unlock(&ck__g.lock);
    BYTE *reply = NULL;
    DWORD reply_size = 0;
    DWORD st = roundtrip(gen, inst, CK_OP_OPEN, payload, (DWORD)(2 + len),
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

DWORD ck__host_request(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                       DWORD timeout_ms, BYTE **reply, DWORD *reply_size, ck_op *owner,
                       ck_progress_fn on_progress, void *ctx) {
    ck__host_init();
    if (reply != NULL)
        *reply = NULL;
    if (reply_size != NULL)
        *reply_size = 0;
    if (size > CK_FRAME_MAX_PAYLOAD || (payload == NULL && size != 0))
        return CK_ERROR_INVALID_PARAMETER;
    int start = may_start(op);
    uint32_t gen = 0;
    DWORD st = CK_ERROR_SUCCESS;
    ck__mutex_lock(&ck__g.lock);
    if (ck__host.state == CK_HOST_READY)
        gen = ck__host.gen;
    else if (!start)
        st = CK_ERROR_FILE_NOT_FOUND;
    else
        st = ensure_host_locked(&gen);
    if (st == CK_ERROR_SUCCESS && inst != NULL)
        st = ensure_open_locked(inst, gen, start);
    ck__mutex_unlock(&ck__g.lock);
    if (st == CK_ERROR_FILE_NOT_FOUND)
        return nothing_to_do(op);
    if (st != CK_ERROR_SUCCESS)
        return st;
    return roundtrip(gen, inst, op, payload, size, timeout_ms, reply, reply_size, owner,
                     on_progress, ctx);
}

DWORD ck__host_call(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                    DWORD timeout_ms, BYTE **reply, DWORD *reply_size) {
    return ck__host_request(inst, op, payload, size, timeout_ms, reply, reply_size, NULL, NULL,
                            NULL);
}

int ck__host_serves(ck_instance *inst) {
    ck__host_init();
    ck__mutex_lock(&ck__g.lock);
    int serves = ck__host.state == CK_HOST_READY && inst->online_gen == ck__host.gen &&
                 inst->state == CK_ST_ONLINE;
    ck__mutex_unlock(&ck__g.lock);
    return serves;
}

void ck__host_shutdown(void) {
    ck__host_init();
    ck__mutex_lock(&ck__g.lock);
    ck_host_run *run = ck__host.run;
    int ready = ck__host.state == CK_HOST_READY;
    uint32_t gen = ck__host.gen;
    if (run != NULL)
        run->expect_exit = 1;
    ck__mutex_unlock(&ck__g.lock);
    if (run != NULL) {
        if (ready)
            roundtrip(gen, NULL, CK_OP_SHUTDOWN, NULL, 0, ck__timeout(CK_OP_SHUTDOWN), NULL,
                      NULL, NULL, NULL, NULL);
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
        cleanup_run(run);
    }
    ck__dispatch_stop(2000);
}
