/*
 * outbox.c - how requests reach the host. Every write wakes the host, and on a busy node a
 * wake-up costs more than the request it carries, so short requests (health checks) that
 * come while other short requests are in flight wait in the outbox and go together, at
 * most CK_BATCH_US after the previous write: at most one wake-up of the host per
 * CK_BATCH_US however many resources are polled. A request with nothing else in flight
 * goes at once, so a lone call waits for nothing; a held one waits at most CK_BATCH_US,
 * and never past its own deadline.
 */
#include <stdlib.h>
#include <string.h>

#include "host/supervisor.h"

/* The longest a short request waits for its batch, in µs. */
#define CK_BATCH_US 1000u
/* Frames with larger payloads go by themselves. */
#define CK_BATCH_MAX_PAYLOAD 4096u

static int append_locked(const ck_request *req, const BYTE *payload, DWORD size) {
    size_t total = ck__frame_size(size);
    if (ck__host.out_len + total > ck__host.out_cap) {
        size_t cap = ck__host.out_cap != 0 ? ck__host.out_cap * 2 : 4096u;
        while (cap < ck__host.out_len + total)
            cap *= 2;
        uint8_t *grown = realloc(ck__host.out, cap);
        if (grown == NULL)
            return CK_ERR_NOMEM;
        ck__host.out = grown;
        ck__host.out_cap = cap;
    }
    ck_frame f = {CK_KIND_REQUEST, req->op, req->id, req->resource_id, 0, payload, size};
    if (ck__frame_encode(&f, ck__host.out + ck__host.out_len, total) != total)
        return CK_ERR_INVALID_ARG;
    ck__host.out_len += total;
    ck__host.out_count++;
    return CK_OK;
}

uint64_t ck__outbox_due_us(void) {
    return ck__host.last_flush_us + CK_BATCH_US;
}

int ck__outbox_put_locked(ck_request *req, const BYTE *payload, DWORD size, uint64_t deadline_us) {
    if (size > CK_BATCH_MAX_PAYLOAD || append_locked(req, payload, size) != CK_OK)
        return CK_SEND_ALONE;
    uint64_t now = ck__now_us(), due = ck__outbox_due_us();
    /* Held only when others are in flight, its batch is not due yet, and its deadline is
     * beyond the batch's. */
    if (!req->may_read || ck__host.short_linked <= 1 || now >= due || deadline_us <= due)
        return CK_SEND_NOW;
    req->queued = 1;
    if (ck__host.hold_owner == NULL)
        ck__host.hold_owner = req;
    return CK_SEND_HELD;
}

void ck__outbox_take_locked(ck_batch *batch) {
    batch->bytes = ck__host.out;
    batch->len = ck__host.out_len;
    ck__host.out = NULL;
    ck__host.out_len = ck__host.out_cap = 0;
    ck__host.last_flush_us = ck__now_us();
    ck__host.hold_owner = NULL;
    if (ck__host.out_count != 0)
        for (ck_request *r = ck__host.requests; r != NULL; r = r->next)
            r->queued = 0;
    ck__host.out_count = 0;
}

void ck__outbox_drop_locked(void) {
    ck_batch batch;
    ck__outbox_take_locked(&batch);
    free(batch.bytes);
}

int ck__outbox_write(ck_batch *batch, uint32_t gen, const ck_request *req, const BYTE *payload,
                     DWORD size, DWORD timeout_ms) {
    int rc = CK_OK;
    uint8_t *alone = NULL;
    size_t alone_len = 0;
    if (req != NULL) {
        ck_frame f = {CK_KIND_REQUEST, req->op, req->id, req->resource_id, 0, payload, size};
        alone_len = ck__frame_size(size);
        alone = malloc(alone_len);
        if (alone == NULL)
            rc = CK_ERR_NOMEM;
        else if (ck__frame_encode(&f, alone, alone_len) != alone_len)
            rc = CK_ERR_INVALID_ARG;
    }
    if (rc == CK_OK) {
        ck__mutex_lock(&ck__host.write_lock);
        if (ck__host.w_gen != gen || ck__host.w_fd == CK_FD_NONE)
            rc = CK_ERR_HOST_DEAD;
        if (rc == CK_OK && batch->len != 0)
            rc = ck__pipe_write(ck__host.w_fd, batch->bytes, batch->len, timeout_ms);
        if (rc == CK_OK && alone != NULL)
            rc = ck__pipe_write(ck__host.w_fd, alone, alone_len, timeout_ms);
        ck__mutex_unlock(&ck__host.write_lock);
    }
    free(alone);
    free(batch->bytes);
    batch->bytes = NULL;
    batch->len = 0;
    return rc;
}
