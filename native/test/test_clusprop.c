/*
 * test_clusprop.c - runs test/vectors/clusprop.tsv through the C codec: every
 * `ok` line must decode to exactly the listed entries and re-encode to the same
 * bytes; every `err INVALID_DATA` line must be refused with ERROR_INVALID_DATA,
 * and so must every truncation of every `ok` line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "props/clusprop.h"

#ifndef CK_REPO_ROOT
#error "CK_REPO_ROOT must name the repository root"
#endif

static int failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes `len` hex characters into a malloc'd buffer; "-" is empty. */
static BYTE *unhex(const char *s, size_t len, DWORD *size) {
    if (len == 1 && s[0] == '-')
        len = 0;
    BYTE *out = malloc(len / 2 + 1);
    if (out == NULL || len % 2 != 0) {
        free(out);
        return NULL;
    }
    for (size_t i = 0; i < len / 2; i++) {
        int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(out);
            return NULL;
        }
        out[i] = (BYTE)(hi << 4 | lo);
    }
    *size = (DWORD)(len / 2);
    return out;
}

/* Encodes a LIST (`Name|syntax:hex|...;...`, `-` for none) with the writer. */
static DWORD encode_list(const char *list, BYTE **out, DWORD *size) {
    ck_clusprop_writer w;
    ck__clusprop_writer_init(&w, 1);
    const char *p = strcmp(list, "-") == 0 ? "" : list;
    while (*p) {
        size_t n = strcspn(p, "|;");
        WCHAR name[128];
        if (n == 0 || n >= 128)
            return CK_ERROR_INVALID_PARAMETER;
        for (size_t i = 0; i < n; i++)
            name[i] = (WCHAR)(unsigned char)p[i];
        name[n] = 0;
        ck__clusprop_add_name(&w, name);
        p += n;
        while (*p == '|') {
            p++;
            DWORD syntax = (DWORD)strtoul(p, NULL, 16);
            const char *data = strchr(p, ':');
            if (data == NULL)
                return CK_ERROR_INVALID_PARAMETER;
            data++;
            size_t len = strcspn(data, "|;");
            DWORD cb = 0;
            BYTE *bytes = unhex(data, len, &cb);
            if (bytes == NULL)
                return CK_ERROR_INVALID_PARAMETER;
            ck__clusprop_add_value(&w, syntax, bytes, cb);
            free(bytes);
            p = data + len;
        }
        ck__clusprop_add_endmark(&w);
        if (*p == ';')
            p++;
    }
    return ck__clusprop_finish(&w, out, size);
}

/* Decodes `bytes` and prints them in the LIST notation into `text`. */
static DWORD describe(const BYTE *bytes, DWORD size, char *text, size_t cap) {
    ck_clusprop_iter it;
    ck_clusprop_prop prop;
    size_t at = 0;
    text[0] = 0;
    DWORD rc = ck__clusprop_iter_init(&it, bytes, size);
    while (rc == CK_ERROR_SUCCESS && (rc = ck__clusprop_next(&it, &prop)) == CK_ERROR_SUCCESS) {
        if (it.index > 1)
            at += (size_t)snprintf(text + at, cap - at, ";");
        for (DWORD i = 0; i + 2 < prop.name_size && at + 2 < cap; i += 2)
            text[at++] = (char)prop.name[i];
        text[at] = 0;
        DWORD cursor = 0;
        ck_clusprop_value v;
        while (ck__clusprop_value(&prop, &cursor, &v)) {
            at += (size_t)snprintf(text + at, cap - at, "|%08x:", (unsigned)v.syntax);
            if (v.size == 0)
                at += (size_t)snprintf(text + at, cap - at, "-");
            for (DWORD i = 0; i < v.size && at + 3 < cap; i++) {
                at += (size_t)snprintf(text + at, cap - at, "%02x", v.data[i]);
            }
        }
    }
    if (rc != CK_ERROR_NO_MORE_ITEMS)
        return rc;
    if (it.count == 0)
        snprintf(text, cap, "-");
    return CK_ERROR_SUCCESS;
}

static void run_vector(const char *name, const char *expect, const char *hex) {
    DWORD size = 0;
    BYTE *bytes = unhex(hex, strlen(hex), &size);
    CHECK(bytes != NULL, "%s: bad hex in the vector file", name);
    if (bytes == NULL)
        return;
    char text[8192];
    DWORD rc = describe(bytes, size, text, sizeof(text));
    if (strncmp(expect, "ok ", 3) == 0) {
        CHECK(rc == CK_ERROR_SUCCESS, "%s: decode failed with %u", name, (unsigned)rc);
        CHECK(rc != CK_ERROR_SUCCESS || strcmp(text, expect + 3) == 0, "%s: decoded %s", name,
              text);
        CHECK(ck__clusprop_check(bytes, size, NULL) == CK_ERROR_SUCCESS, "%s: check failed", name);
        BYTE *again = NULL;
        DWORD again_size = 0;
        rc = encode_list(expect + 3, &again, &again_size);
        CHECK(rc == CK_ERROR_SUCCESS && again_size == size && memcmp(again, bytes, size) == 0,
              "%s: re-encoding gives different bytes (rc %u, %u bytes)", name, (unsigned)rc,
              (unsigned)again_size);
        free(again);
        for (DWORD cut = 0; cut < size; cut++) {
            CHECK(ck__clusprop_check(bytes, cut, NULL) == CK_ERROR_INVALID_DATA,
                  "%s: truncated to %u bytes was accepted", name, (unsigned)cut);
        }
    } else {
        CHECK(strcmp(expect, "err INVALID_DATA") == 0, "%s: unknown expectation %s", name, expect);
        CHECK(rc == CK_ERROR_INVALID_DATA, "%s: expected INVALID_DATA, got %u", name, (unsigned)rc);
        CHECK(ck__clusprop_check(bytes, size, NULL) == CK_ERROR_INVALID_DATA, "%s: check", name);
    }
    free(bytes);
}

int main(void) {
    const char *path = CK_REPO_ROOT "/test/vectors/clusprop.tsv";
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    if (f == NULL)
        return 1;
    static char line[65536];
    int ok = 0, err = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == 0 || line[0] == '#')
            continue;
        char *expect = strchr(line, '\t');
        char *hex = expect ? strchr(expect + 1, '\t') : NULL;
        CHECK(hex != NULL, "malformed vector line: %s", line);
        if (hex == NULL)
            continue;
        *expect++ = 0;
        *hex++ = 0;
        if (strncmp(expect, "ok", 2) == 0)
            ok++;
        else
            err++;
        run_vector(line, expect, hex);
    }
    fclose(f);
    CHECK(ok >= 20 && err >= 20, "too few vectors: %d ok, %d err", ok, err);
    printf("clusprop vectors: %d ok, %d err, %d failures\n", ok, err, failures);
    return failures == 0 ? 0 : 1;
}
