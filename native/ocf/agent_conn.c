/*
 * agent_conn.c - one connection to the resource's handler host: connect, check who
 * answers (the peer must run as our own user, root in a cluster), check its HELLO, then
 * request/response with a deadline. The frames are the DLL's (frame.c).
 */
#define _GNU_SOURCE /* struct ucred */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "agent.h"
#include "protocol/frame.h"
#include "protocol/payloads.h"

/* How long a connected host may take to say HELLO. */
#define CK_OCF_HELLO_MS 5000u

static int remaining(uint64_t deadline) {
    uint64_t now = ck__now_ms();
    return now >= deadline ? 0 : (int)(deadline - now > 60000u ? 60000u : deadline - now);
}

/* Reads more bytes; 1 on data, 0 on timeout, -1 when the host closed or failed. */
static int fill(ck_ocf_conn *c, uint64_t deadline) {
    if (c->len == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4096;
        uint8_t *grown = realloc(c->buf, cap);
        if (grown == NULL)
            return -1;
        c->buf = grown;
        c->cap = cap;
    }
    for (;;) {
        int wait = remaining(deadline);
        if (wait == 0)
            return 0;
        struct pollfd pfd = {c->fd, POLLIN, 0};
        int r = poll(&pfd, 1, wait);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue; /* re-check the deadline */
        if (r < 0)
            return -1;
        ssize_t n = read(c->fd, c->buf + c->len, c->cap - c->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        c->len += (size_t)n;
        return 1;
    }
}

/* The next frame into *f (payload copied into *owned); 1, 0 on timeout, -1 broken/closed. */
static int next_frame(ck_ocf_conn *c, uint64_t deadline, ck_frame *f, uint8_t **owned) {
    for (;;) {
        size_t used = 0;
        int rc = ck__frame_decode(c->buf, c->len, f, &used);
        if (rc == CK_OK) {
            *owned = malloc(f->payload_size + 1);
            if (*owned == NULL)
                return -1;
            memcpy(*owned, f->payload, f->payload_size);
            (*owned)[f->payload_size] = 0;
            f->payload = *owned;
            memmove(c->buf, c->buf + used, c->len - used);
            c->len -= used;
            return 1;
        }
        if (rc != CK_FRAME_NEED_MORE) {
            ck__ocf_log("ERROR", "broken frame stream from the handler host (%s)",
                        ck__err_name(rc));
            return -1;
        }
        int got = fill(c, deadline);
        if (got <= 0)
            return got;
    }
}

/* LOG events become log lines; FAILED is kept as the reason of an unhealthy resource. */
static void on_event(ck_ocf_conn *c, const ck_frame *f) {
    const char *text = (const char *)f->payload;
    if (f->code == CK_EV_LOG) {
        static const char *const levels[] = {"INFO", "WARNING", "ERROR", "ERROR"};
        ck__ocf_log(f->status < 4 ? levels[f->status] : "INFO", "%s", text);
    } else if (f->code == CK_EV_FAILED) {
        snprintf(c->failed, sizeof c->failed, "%s", text);
    }
}

static int send_all(int fd, const uint8_t *p, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int check_hello(ck_ocf_conn *c, uint64_t deadline) {
    ck_frame f;
    uint8_t *payload = NULL;
    int got = next_frame(c, deadline, &f, &payload);
    if (got < 0)
        return CK_OCF_CONN_NO_HOST; /* accepted, then gone: the host was dying */
    if (got == 0) {
        ck__ocf_reason("the handler host did not say HELLO within %u ms", CK_OCF_HELLO_MS);
        return CK_OCF_CONN_REFUSED;
    }
    ck_hello hello;
    int ok = f.kind == CK_KIND_EVENT && f.code == CK_EV_HELLO &&
             ck__hello_decode(f.payload, f.payload_size, &hello) == CK_OK;
    int rc = CK_OCF_CONN_OK;
    if (!ok) {
        ck__ocf_reason("the handler host sent something else than HELLO first");
        rc = CK_OCF_CONN_REFUSED;
    } else if (hello.protocol_version != CK_PROTOCOL_VERSION ||
               hello.schema_hash_len != strlen(ck_type.schema_hash) ||
               memcmp(hello.schema_hash, ck_type.schema_hash, hello.schema_hash_len) != 0) {
        ck__ocf_reason("the running handler host (pid %u) serves another build of %s; stop "
                       "the resource and start it again",
                       (unsigned)hello.host_pid, ck_ocf.agent_name);
        rc = CK_OCF_CONN_REFUSED;
    }
    free(payload);
    return rc;
}

int ck__ocf_connect(ck_ocf_conn *c, const char *path, uint64_t deadline) {
    memset(c, 0, sizeof *c);
    c->next_id = 1;
    struct sockaddr_un addr = {0};
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path)
        return CK_OCF_CONN_NO_HOST;
    memcpy(addr.sun_path, path, strlen(path));
    c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (c->fd < 0)
        return CK_OCF_CONN_NO_HOST;
    if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        ck__ocf_close(c);
        return CK_OCF_CONN_NO_HOST; /* ENOENT, ECONNREFUSED: no host listens there */
    }
    struct ucred peer;
    socklen_t len = sizeof peer;
    if (getsockopt(c->fd, SOL_SOCKET, SO_PEERCRED, &peer, &len) != 0 || peer.uid != geteuid()) {
        ck__ocf_reason("the process listening on %s is not running as this user; refusing it",
                       path);
        ck__ocf_close(c);
        return CK_OCF_CONN_REFUSED;
    }
    uint64_t hello_deadline = ck__now_ms() + CK_OCF_HELLO_MS;
    int rc = check_hello(c, hello_deadline < deadline ? hello_deadline : deadline);
    if (rc != CK_OCF_CONN_OK)
        ck__ocf_close(c);
    return rc;
}

int ck__ocf_call(ck_ocf_conn *c, uint16_t op, const uint8_t *payload, uint32_t size,
                 uint64_t deadline, ck_ocf_reply *r) {
    memset(r, 0, sizeof *r);
    uint32_t id = c->next_id++;
    ck_frame req = {CK_KIND_REQUEST,
                    op,
                    id,
                    op == CK_OP_PING || op == CK_OP_SHUTDOWN ? 0u : CK_OCF_RESOURCE_ID,
                    0,
                    payload,
                    size};
    size_t cap = ck__frame_size(size);
    uint8_t *bytes = malloc(cap);
    size_t n = bytes != NULL ? ck__frame_encode(&req, bytes, cap) : 0;
    int sent = n != 0 ? send_all(c->fd, bytes, n) : -1;
    free(bytes);
    if (sent != 0)
        return -2;
    for (;;) {
        ck_frame f;
        uint8_t *owned = NULL;
        int got = next_frame(c, deadline, &f, &owned);
        if (got <= 0)
            return got == 0 ? -1 : -2;
        if (f.kind == CK_KIND_EVENT) {
            on_event(c, &f);
            free(owned);
        } else if (f.kind == CK_KIND_RESPONSE && f.request_id == id) {
            r->status = f.status;
            r->payload = owned;
            r->size = f.payload_size;
            return 0;
        } else {
            free(owned); /* the late answer of an earlier request */
        }
    }
}

void ck__ocf_close(ck_ocf_conn *c) {
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    free(c->buf);
    c->buf = NULL;
    c->len = c->cap = 0;
}
