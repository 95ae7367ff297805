/* frame.c - the frame codec (docs/protocol.md, "Frame"). */
#include "protocol/frame.h"

#include <string.h>

int ck__frame_decode(const uint8_t *buf, size_t len, ck_frame *frame, size_t *consumed) {
    if (frame == NULL || consumed == NULL || (buf == NULL && len != 0))
        return CK_ERR_INVALID_ARG;
    *consumed = 0;
    if (len < CK_FRAME_PREFIX)
        return CK_FRAME_NEED_MORE;
    uint32_t length = ck__le32(buf);
    /* Length checks come before waiting for the body, so garbage fails at once. */
    if (length < CK_FRAME_HEADER)
        return CK_ERR_TOO_SHORT;
    if (length > CK_FRAME_HEADER + CK_FRAME_MAX_PAYLOAD)
        return CK_ERR_TOO_LONG;
    if (len - CK_FRAME_PREFIX < length)
        return CK_FRAME_NEED_MORE;
    const uint8_t *h = buf + CK_FRAME_PREFIX;
    if (h[0] != CK_FRAME_VERSION)
        return CK_ERR_VERSION;
    uint8_t kind = h[1];
    if (kind < CK_KIND_REQUEST || kind > CK_KIND_EVENT)
        return CK_ERR_KIND;
    uint32_t request_id = ck__le32(h + 4);
    if ((kind == CK_KIND_EVENT) != (request_id == 0))
        return CK_ERR_REQUEST_ID;
    frame->kind = kind;
    frame->code = ck__le16(h + 2);
    frame->request_id = request_id;
    frame->resource_id = ck__le32(h + 8);
    frame->status = ck__le32(h + 12);
    frame->payload = h + CK_FRAME_HEADER;
    frame->payload_size = length - CK_FRAME_HEADER;
    *consumed = (size_t)CK_FRAME_PREFIX + length;
    return CK_OK;
}

size_t ck__frame_size(uint32_t payload_size) {
    return (size_t)CK_FRAME_PREFIX + CK_FRAME_HEADER + payload_size;
}

size_t ck__frame_encode(const ck_frame *frame, uint8_t *out, size_t cap) {
    if (frame == NULL || out == NULL || frame->payload_size > CK_FRAME_MAX_PAYLOAD ||
        (frame->payload == NULL && frame->payload_size != 0))
        return 0;
    size_t total = ck__frame_size(frame->payload_size);
    if (cap < total)
        return 0;
    ck__put32(out, CK_FRAME_HEADER + frame->payload_size);
    out[4] = CK_FRAME_VERSION;
    out[5] = frame->kind;
    ck__put16(out + 6, frame->code);
    ck__put32(out + 8, frame->request_id);
    ck__put32(out + 12, frame->resource_id);
    ck__put32(out + 16, frame->status);
    if (frame->payload_size != 0)
        memcpy(out + 20, frame->payload, frame->payload_size);
    return total;
}
