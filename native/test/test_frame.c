/* test_frame.c - every line of test/vectors/frames.tsv through the C frame codec:
 * decode (ok / more / err NAME), and for ok lines re-encode and compare the bytes. */
#include <stdlib.h>
#include <string.h>

#include "protocol/frame.h"
#include "support.h"

static void run_line(int nf, char **f, void *ctx) {
    int *count = ctx;
    (*count)++;
    if (nf < 2) {
        fprintf(stderr, "malformed vector line %s\n", f[0]);
        ck_test_failures++;
        return;
    }
    const char *name = f[0], *expect = f[1], *hex = nf > 2 ? f[2] : "";
    uint8_t *bytes = NULL;
    long len = ck_test_unhex(hex, &bytes);
    CHECK(len >= 0);
    if (len < 0)
        return;
    ck_frame fr;
    size_t used = 0;
    int rc = ck__frame_decode(bytes, (size_t)len, &fr, &used);
    if (strcmp(expect, "more") == 0) {
        if (rc != CK_FRAME_NEED_MORE)
            fprintf(stderr, "%s: expected NEED_MORE, got %s\n", name, ck__err_name(rc));
        CHECK_EQ(rc, CK_FRAME_NEED_MORE);
    } else if (strncmp(expect, "err ", 4) == 0) {
        if (strcmp(ck__err_name(rc), expect + 4) != 0) {
            fprintf(stderr, "%s: expected %s, got %s\n", name, expect + 4, ck__err_name(rc));
            ck_test_failures++;
        }
        CHECK(strlen(ck__err_message(rc)) > 0);
    } else if (strncmp(expect, "ok ", 3) == 0) {
        unsigned kind, code;
        unsigned long req, res, status;
        char payload_hex[1 << 15];
        int n = sscanf(expect + 3, "%u %u %lu %lu %lu %32767s", &kind, &code, &req, &res, &status,
                       payload_hex);
        CHECK_EQ(n, 6);
        if (rc != CK_OK) {
            fprintf(stderr, "%s: expected ok, got %s\n", name, ck__err_name(rc));
            ck_test_failures++;
            free(bytes);
            return;
        }
        uint8_t *payload = NULL;
        long plen = ck_test_unhex(payload_hex, &payload);
        CHECK_EQ(used, (size_t)len);
        CHECK_EQ(fr.kind, kind);
        CHECK_EQ(fr.code, code);
        CHECK_EQ(fr.request_id, req);
        CHECK_EQ(fr.resource_id, res);
        CHECK_EQ(fr.status, status);
        CHECK_EQ(fr.payload_size, plen);
        CHECK(plen == 0 || memcmp(fr.payload, payload, (size_t)plen) == 0);
        /* Re-encode from the expected fields and compare with the vector's bytes. */
        ck_frame enc = {(uint8_t)kind,    (uint16_t)code, (uint32_t)req, (uint32_t)res,
                        (uint32_t)status, payload,        (uint32_t)plen};
        uint8_t out[1 << 15];
        size_t written = ck__frame_encode(&enc, out, sizeof out);
        CHECK_EQ(written, (size_t)len);
        CHECK(written == (size_t)len && memcmp(out, bytes, written) == 0);
        /* Every strict prefix is NEED_MORE, never an error. */
        for (long cut = 0; cut < len; cut++) {
            size_t u;
            int prc = ck__frame_decode(bytes, (size_t)cut, &fr, &u);
            if (prc != CK_FRAME_NEED_MORE) {
                fprintf(stderr, "%s: prefix %ld gave %s\n", name, cut, ck__err_name(prc));
                ck_test_failures++;
                break;
            }
        }
        free(payload);
    } else {
        fprintf(stderr, "%s: unknown expectation '%s'\n", name, expect);
        ck_test_failures++;
    }
    free(bytes);
}

static void test_encode_limits(void) {
    uint8_t buf[64];
    ck_frame f = {CK_KIND_REQUEST, 0x1B, 1, 0, 0, NULL, 0};
    CHECK_EQ(ck__frame_encode(&f, buf, 19), 0); /* too small */
    CHECK_EQ(ck__frame_encode(&f, buf, sizeof buf), 20);
    f.payload_size = CK_FRAME_MAX_PAYLOAD + 1;
    CHECK_EQ(ck__frame_encode(&f, buf, sizeof buf), 0); /* payload too large */
    CHECK_EQ(ck__frame_decode(NULL, 4, &f, &(size_t){0}), CK_ERR_INVALID_ARG);
    /* Two frames back to back: the first is consumed alone. */
    uint8_t two[40];
    ck_frame a = {CK_KIND_EVENT, CK_EV_PROGRESS, 0, 5, 0, NULL, 0};
    size_t n1 = ck__frame_encode(&a, two, sizeof two);
    size_t n2 = ck__frame_encode(&a, two + n1, sizeof two - n1);
    size_t used;
    CHECK_EQ(ck__frame_decode(two, n1 + n2, &f, &used), CK_OK);
    CHECK_EQ(used, n1);
    CHECK_EQ(f.resource_id, 5);
}

int main(void) {
    int count = 0;
    int lines = ck_test_vectors("frames.tsv", run_line, &count);
    CHECK(lines > 20);
    printf("frames.tsv: %d vectors\n", count);
    test_encode_limits();
    return ck_test_finish("test_frame");
}
