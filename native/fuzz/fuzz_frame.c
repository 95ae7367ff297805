/*
 * fuzz_frame.c - libFuzzer target for the frame decoder of native/src/protocol/frame.c
 * and the payload decoders of payloads.c: the bytes are a stream; every frame decoded
 * must re-encode to exactly the bytes it was decoded from, its payload goes through every
 * payload decoder (which must accept or refuse it with ERR_BAD_PAYLOAD, never read past
 * it), and decoding stops at NEED_MORE or the first error, which must be one of the named
 * ERR_* codes.
 */
#include <stdlib.h>
#include <string.h>

#include "protocol/frame.h"
#include "protocol/payloads.h"

/* Every decoder the library runs on what a host sends. */
static void decode_payload(const ck_frame *f) {
    ck_hello hello;
    ck_str str;
    uint32_t a, b;
    int32_t code;
    size_t next;
    int rc[] = {ck__hello_decode(f->payload, f->payload_size, &hello),
                ck__spawned_decode(f->payload, f->payload_size, &a, &b),
                ck__exited_decode(f->payload, f->payload_size, &a, &code),
                ck__str_decode(f->payload, f->payload_size, 0, &str, &next)};
    for (size_t i = 0; i < sizeof rc / sizeof rc[0]; i++)
        if (rc[i] != CK_OK && rc[i] != CK_ERR_BAD_PAYLOAD)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t at = 0;
    while (at <= size) {
        ck_frame frame;
        size_t used = 0;
        int rc = ck__frame_decode(data + at, size - at, &frame, &used);
        if (rc == CK_FRAME_NEED_MORE) {
            if (used != 0)
                abort();
            break;
        }
        if (rc != CK_OK) {
            if (rc != CK_ERR_TOO_SHORT && rc != CK_ERR_TOO_LONG && rc != CK_ERR_VERSION &&
                rc != CK_ERR_KIND && rc != CK_ERR_REQUEST_ID)
                abort();
            break;
        }
        if (used < CK_FRAME_PREFIX + CK_FRAME_HEADER || used > size - at)
            abort();
        uint8_t *again = malloc(used);
        if (again == NULL)
            abort();
        if (ck__frame_encode(&frame, again, used) != used || memcmp(again, data + at, used) != 0)
            abort();
        free(again);
        decode_payload(&frame);
        at += used;
    }
    return 0;
}
