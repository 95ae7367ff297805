/*
 * frame.h - the library <-> handler-host frame codec of docs/protocol.md.
 */
#ifndef CK_FRAME_H
#define CK_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "errors.h"

#define CK_FRAME_PREFIX 4u
#define CK_FRAME_HEADER 16u
#define CK_FRAME_MAX_PAYLOAD (1024u * 1024u)
#define CK_FRAME_VERSION 1u

enum { CK_KIND_REQUEST = 1, CK_KIND_RESPONSE = 2, CK_KIND_EVENT = 3 };

/* Event codes (host -> library). */
enum {
    CK_EV_HELLO = 0x01,
    CK_EV_LOG = 0x02,
    CK_EV_PROGRESS = 0x03,
    CK_EV_FAILED = 0x04,
    CK_EV_PUBLISH = 0x05,
    CK_EV_SPAWNED = 0x06,
    CK_EV_EXITED = 0x07
};

/* A decoded frame; payload points into the decoded buffer. */
typedef struct ck_frame {
    uint8_t kind;
    uint16_t code;
    uint32_t request_id;
    uint32_t resource_id;
    uint32_t status;
    const uint8_t *payload;
    uint32_t payload_size;
} ck_frame;

#define CK_FRAME_NEED_MORE 1

/*
 * Decodes one frame from the start of buf. Returns CK_OK with *frame and *consumed
 * filled, CK_FRAME_NEED_MORE when buf holds only part of a frame (nothing consumed),
 * or a CK_ERR_* frame error (the stream is broken).
 */
int ck__frame_decode(const uint8_t *buf, size_t len, ck_frame *frame, size_t *consumed);

/* Bytes needed to encode a frame with payload_size bytes of payload. */
size_t ck__frame_size(uint32_t payload_size);

/*
 * Encodes a frame into out (capacity cap, at least ck__frame_size(payload_size)).
 * Returns the bytes written, or 0 on bad arguments (payload too large, cap too small).
 */
size_t ck__frame_encode(const ck_frame *frame, uint8_t *out, size_t cap);

/* Little-endian helpers shared by the payload codecs. */
static inline uint32_t ck__le32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint16_t ck__le16(const uint8_t *p) {
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline void ck__put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}
static inline void ck__put16(uint8_t *p, uint16_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

#endif /* CK_FRAME_H */
