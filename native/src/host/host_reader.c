/*
 * host_reader.c - the handling of every frame the host sends, and the stderr reader of a
 * host run (stdout is read by stdout_reader.c). Whoever reads never calls LogEvent or a
 * host service: log lines and failures go to the dispatcher queue (dispatch.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/supervisor.h"
#include "protocol/payloads.h"

#define POLL_MS 250u

/* ---- frames ---- */

static void refuse(ck_host_run *run, const char *fmt, const char *a, size_t alen) {
    char why[600];
    snprintf(why, sizeof why, fmt, (int)alen, a);
    run->hello = -1;
    ck__log_deferred(0, LOG_ERROR, "handler host refused: %s", why);
    ck__host_mark_dead_locked(run, NULL);
}

static void on_hello(ck_host_run *run, const ck_frame *f) {
    ck_hello hello;
    if (f->kind != CK_KIND_EVENT || f->code != CK_EV_HELLO) {
        refuse(run, "its first frame was not HELLO%.*s", "", 0);
        return;
    }
    /* The version comes first: a host of another protocol version may lay HELLO out
     * differently, and "rebuild" is the useful answer then, not "malformed". */
    uint32_t version = f->payload_size >= 4 ? ck__le32(f->payload) : CK_PROTOCOL_VERSION;
    if (version != CK_PROTOCOL_VERSION) {
        char v[16];
        int n = snprintf(v, sizeof v, "%u", (unsigned)version);
        refuse(run, "protocol version %.*s, the library speaks 1 (rebuild the type with this kit)",
               v, (size_t)n);
        return;
    }
    if (ck__hello_decode(f->payload, f->payload_size, &hello) != CK_OK) {
        refuse(run, "its HELLO is malformed%.*s", "", 0);
        return;
    }
    const char *want = ck_type.schema_hash != NULL ? ck_type.schema_hash : "";
    size_t hash_len = hello.schema_hash_len;
    if (hash_len != strlen(want) || memcmp(hello.schema_hash, want, hash_len) != 0) {
        refuse(run,
               "schema hash %.*s does not match the library's (the bundle and the library "
               "come from different builds; rebuild the type)",
               hello.schema_hash, hash_len > 80 ? 80 : hash_len);
        return;
    }
    run->hello = 1;
    ck__cond_broadcast(&ck__host.cond);
    ck__log_deferred(0, LOG_INFORMATION, "handler host ready (pid %ld, kit %.*s)", run->proc.pid,
                     (int)(hello.kit_version_len > 40 ? 40 : hello.kit_version_len),
                     hello.kit_version);
}

/* The answer's request leaves the table now; its caller gets the answer once the reader
 * has let go of the lock (stdout_reader.c). */
static void on_response(ck_host_run *run, const ck_frame *f) {
    for (ck_request *r = ck__host.requests; r != NULL; r = r->next) {
        if (r->id != f->request_id)
            continue;
        if (r->op != f->code || r->resource_id != f->resource_id)
            return; /* not the answer to that request: ignore it */
        if (run->claim_count == run->claim_cap) {
            size_t cap = run->claim_cap != 0 ? run->claim_cap * 2 : 16;
            ck_claim *grown = realloc(run->claims, cap * sizeof *grown);
            if (grown == NULL) {
                /* Answered here instead, under the lock: slower, never lost. */
                ck__request_claim_locked(r);
                ck__request_answer(r, f->status, f->payload, f->payload_size);
                return;
            }
            run->claims = grown;
            run->claim_cap = cap;
        }
        ck__request_claim_locked(r);
        run->claims[run->claim_count++] =
            (ck_claim){r, f->status, f->payload, (DWORD)f->payload_size};
        return;
    }
    /* A late answer to a request that already timed out: ignored, as the protocol says. */
}

static void on_event(ck_host_run *run, const ck_frame *f) {
    ck_instance *inst = f->resource_id != 0 ? ck__instance_by_id_locked(f->resource_id) : NULL;
    uint32_t pid, group;
    int32_t code;
    switch (f->code) {
    case CK_EV_LOG:
        ck__dispatch_host_output(f->resource_id, (LOG_LEVEL)(f->status > 3 ? 3 : f->status),
                                 (const char *)f->payload, f->payload_size);
        break;
    case CK_EV_PROGRESS:
        for (ck_request *r = ck__host.requests; r != NULL; r = r->next)
            if (r->resource_id == f->resource_id &&
                (r->op == CK_OP_ONLINE || r->op == CK_OP_OFFLINE)) {
                r->progress++;
                ck__request_poke(r);
            }
        break;
    case CK_EV_FAILED:
        ck__dispatch_failed(f->resource_id, (const char *)f->payload, f->payload_size);
        break;
    case CK_EV_PUBLISH:
        if (inst != NULL) {
            BYTE *copy = f->payload_size != 0 ? malloc(f->payload_size) : NULL;
            if (copy != NULL || f->payload_size == 0) {
                if (copy != NULL)
                    memcpy(copy, f->payload, f->payload_size);
                free(inst->published);
                inst->published = copy;
                inst->published_size = f->payload_size;
            }
        }
        break;
    case CK_EV_SPAWNED:
        if (inst != NULL && ck__spawned_decode(f->payload, f->payload_size, &pid, &group) == CK_OK)
            ck__instance_spawned_locked(inst, (long)pid, (long)group);
        break;
    case CK_EV_EXITED:
        if (inst != NULL && ck__exited_decode(f->payload, f->payload_size, &pid, &code) == CK_OK)
            ck__instance_exited_locked(inst, (long)pid);
        break;
    default:
        (void)run; /* HELLO again or an unknown event: ignored for forward compatibility */
        break;
    }
}

void ck__host_on_frame_locked(ck_host_run *run, const ck_frame *f) {
    if (run->dead)
        return;
    if (run->hello == 0) {
        on_hello(run, f);
        return;
    }
    if (f->kind == CK_KIND_RESPONSE) {
        if (ck__host.run == run)
            on_response(run, f);
    } else if (f->kind == CK_KIND_EVENT) {
        on_event(run, f);
    } else {
        ck__host_mark_dead_locked(run, "sent a request frame, which only the library may send; "
                                       "killed it");
    }
}

/* ---- stdout: the frames in what a reader got (stdout_reader.c) ---- */

long ck__host_decode_locked(ck_host_run *run, uint8_t *buf, size_t len, size_t *need) {
    size_t off = 0;
    *need = 0;
    for (;;) {
        ck_frame f;
        size_t used;
        int rc = ck__frame_decode(buf + off, len - off, &f, &used);
        if (rc == CK_FRAME_NEED_MORE) {
            if (len - off >= CK_FRAME_PREFIX)
                *need = CK_FRAME_PREFIX + ck__le32(buf + off);
            return (long)off;
        }
        if (rc != CK_OK)
            return rc;
        ck__host_on_frame_locked(run, &f);
        off += used;
    }
}

/* ---- stderr ---- */

static void emit_line(const char *line, size_t len) {
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n'))
        len--;
    char out[1100];
    int n = snprintf(out, sizeof out, "host: %.*s", (int)(len > 1024 ? 1024 : len), line);
    if (n > 0)
        ck__dispatch_host_output(0, LOG_INFORMATION, out,
                                 (size_t)n < sizeof out ? (size_t)n : sizeof out - 1);
}

static int stopping(ck_host_run *run) {
    ck__mutex_lock(&ck__g.lock);
    int stop = run->stop;
    ck__mutex_unlock(&ck__g.lock);
    return stop;
}

void ck__host_stderr_reader(void *arg) {
    ck_host_run *run = arg;
    char line[1024], chunk[4096];
    size_t len = 0;
    for (;;) {
        int stop = stopping(run);
        /* When asked to stop, drain what is already there, then go. */
        long n = ck__pipe_read(run->proc.stderr_r, chunk, sizeof chunk, stop ? 0 : POLL_MS);
        if (n == CK_ERR_TIMEOUT) {
            if (stop)
                break;
            continue;
        }
        if (n <= 0)
            break;
        for (long i = 0; i < n; i++) {
            if (chunk[i] == '\n' || len == sizeof line) {
                emit_line(line, len);
                len = 0;
                if (chunk[i] == '\n')
                    continue;
            }
            line[len++] = chunk[i];
        }
    }
    if (len > 0)
        emit_line(line, len);
}
