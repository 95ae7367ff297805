/*
 * fuzz_frame.c - libFuzzer target for the frame decoder of native/src/protocol/frame.c:
 * the bytes are a stream; every frame decoded must re-encode to exactly the
 * bytes it was decoded from, and decoding stops at NEED_MORE or the first error,
 * which must be one of the named ERR_* codes.
 */
#include <stdlib.h>
#include <string.h>

#include "protocol/frame.h"

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
        at += used;
    }
    return 0;
}
