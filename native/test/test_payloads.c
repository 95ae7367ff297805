/* test_payloads.c - every line of test/vectors/payloads.tsv through the C payload codec
 * (protocol/payloads.c) in the directions the library has: it decodes str, HELLO, SPAWNED
 * and EXITED, encodes str and CONTROL, and turns text into UTF-16 (text.c).
 * test/protocol-payloads-vectors.test.ts runs the same lines through the TS codec. */
#include <stdlib.h>
#include <string.h>

#include "protocol/payloads.h"
#include "support.h"
#include "text.h"

/* Splits the expectation ("ok f1 f2 ..." or "err") into at most 4 fields after "ok". */
static int split(char *expect, char *fields[4]) {
    int n = 0;
    for (char *p = strtok(expect, " "); p != NULL && n < 5; p = strtok(NULL, " "), n++)
        if (n > 0)
            fields[n - 1] = p;
    return n - 1;
}

/* 1 when len bytes at text are exactly the bytes written as hex. */
static int bytes_are(const char *text, size_t len, const char *hex) {
    uint8_t *want = NULL;
    long n = ck_test_unhex(hex, &want);
    int same = n == (long)len && (n == 0 || memcmp(want, text, (size_t)n) == 0);
    free(want);
    return same;
}

static int check_str(const uint8_t *b, long len, char **f, int ok) {
    ck_str s;
    size_t next = 0;
    int rc = ck__str_decode(b, (size_t)len, 0, &s, &next);
    if (!ok) /* refused, or bytes left after it (the payload must be exactly one str) */
        return rc != CK_OK || next != (size_t)len;
    uint8_t *text = NULL, *again = NULL;
    size_t size = 0;
    long tlen = ck_test_unhex(f[0], &text);
    int good = rc == CK_OK && next == (size_t)len && bytes_are(s.text, s.len, f[0]) &&
               ck__str_encode((const char *)text, (size_t)tlen, &again, &size) == CK_OK &&
               size == (size_t)len && memcmp(again, b, size) == 0;
    free(text);
    free(again);
    return good;
}

static int check_hello(const uint8_t *b, long len, char **f, int ok) {
    ck_hello h;
    int rc = ck__hello_decode(b, (size_t)len, &h);
    if (!ok)
        return rc == CK_ERR_BAD_PAYLOAD;
    return rc == CK_OK && h.protocol_version == strtoul(f[0], NULL, 10) &&
           h.host_pid == strtoul(f[1], NULL, 10) &&
           bytes_are(h.schema_hash, h.schema_hash_len, f[2]) &&
           bytes_are(h.kit_version, h.kit_version_len, f[3]);
}

static int check_spawned(const uint8_t *b, long len, char **f, int ok) {
    uint32_t pid = 0, group = 0;
    int rc = ck__spawned_decode(b, (size_t)len, &pid, &group);
    if (!ok)
        return rc == CK_ERR_BAD_PAYLOAD;
    return rc == CK_OK && pid == strtoul(f[0], NULL, 10) && group == strtoul(f[1], NULL, 10);
}

static int check_exited(const uint8_t *b, long len, char **f, int ok) {
    uint32_t pid = 0;
    int32_t code = 0;
    int rc = ck__exited_decode(b, (size_t)len, &pid, &code);
    if (!ok)
        return rc == CK_ERR_BAD_PAYLOAD;
    return rc == CK_OK && pid == strtoul(f[0], NULL, 10) && code == strtol(f[1], NULL, 10);
}

static int check_control(const uint8_t *b, long len, char **f, int ok) {
    if (!ok)
        return 1; /* refusing a CONTROL payload is the host's job (the TS test) */
    uint8_t *input = NULL, *out = NULL;
    size_t size = 0;
    long ilen = ck_test_unhex(f[1], &input);
    int good = ck__control_encode((uint32_t)strtoul(f[0], NULL, 10), input, (size_t)ilen, &out,
                                  &size) == CK_OK &&
               size == (size_t)len && memcmp(out, b, size) == 0;
    free(input);
    free(out);
    return good;
}

static int check_text(const uint8_t *b, long len, char **f, int ok) {
    WCHAR *w = ck__utf8_to_utf16((const char *)b, (size_t)len);
    char got[256] = "-";
    for (size_t i = 0; w != NULL && w[i] != 0 && i * 4 + 5 < sizeof got; i++)
        snprintf(got + i * 4, 5, "%04x", (unsigned)w[i]);
    free(w);
    return ok && strcmp(got, f[0]) == 0;
}

typedef int (*check_fn)(const uint8_t *b, long len, char **f, int ok);
static const struct {
    const char *layout;
    check_fn check;
    int fields;
} checks[] = {
    {"str", check_str, 1},       {"hello", check_hello, 4},     {"spawned", check_spawned, 2},
    {"exited", check_exited, 2}, {"control", check_control, 2}, {"text", check_text, 1},
};

static void run_line(int nf, char **f, void *ctx) {
    (*(int *)ctx)++;
    char *fields[4] = {NULL, NULL, NULL, NULL};
    int ok = nf >= 3 && strncmp(f[2], "ok", 2) == 0;
    int got = nf >= 3 ? split(f[2], fields) : -1;
    uint8_t *bytes = NULL;
    long len = nf >= 4 ? ck_test_unhex(f[3], &bytes) : 0;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if (nf < 3 || len < 0 || strcmp(f[1], checks[i].layout) != 0)
            continue;
        if ((ok && got != checks[i].fields) || !checks[i].check(bytes, len, fields, ok)) {
            fprintf(stderr, "%s: the C codec disagrees with the vector\n", f[0]);
            ck_test_failures++;
        }
        free(bytes);
        return;
    }
    fprintf(stderr, "%s: malformed vector line\n", f[0]);
    ck_test_failures++;
    free(bytes);
}

static void test_limits(void) {
    uint8_t *out = NULL;
    size_t size = 0;
    static char big[CK_STR_MAX + 1];
    CHECK_EQ(ck__str_encode(big, sizeof big, &out, &size), CK_ERR_BAD_PAYLOAD);
    CHECK_EQ(ck__str_encode(big, CK_STR_MAX, &out, &size), CK_OK);
    CHECK(size == CK_STR_MAX + 2u && out[0] == 0xFF && out[1] == 0xFF);
    free(out);
    CHECK_EQ(ck__control_encode(1, NULL, 1, &out, &size), CK_ERR_INVALID_ARG);
    CHECK_EQ(ck__control_encode(1, (const uint8_t *)big, 1024 * 1024, &out, &size),
             CK_ERR_BAD_PAYLOAD);
}

int main(void) {
    int count = 0;
    CHECK(ck_test_vectors("payloads.tsv", run_line, &count) > 30);
    printf("payloads.tsv: %d vectors\n", count);
    test_limits();
    return ck_test_finish("test_payloads");
}
