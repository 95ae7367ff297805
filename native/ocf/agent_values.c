/*
 * agent_values.c - the text form of an OCF parameter (docs/ocf.md) turned into the bytes
 * the property table stores (REG_* layouts: little-endian integers, UTF-16LE strings with
 * their NULs). The generator writes defaults in the same form (generator/ocf-params.ts);
 * both sides are checked against test/vectors/ocf-values.tsv.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "agent.h"
#include "text.h"

static int refuse(char *why, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    return -1;
}

static int le_bytes(uint64_t bits, DWORD n, uint8_t **data, DWORD *size) {
    uint8_t *out = malloc(n);
    if (out == NULL)
        return -1;
    for (DWORD i = 0; i < n; i++)
        out[i] = (uint8_t)(bits >> (8 * i));
    *data = out;
    *size = n;
    return 0;
}

/* A decimal integer within [lo, hi] (signed when lo < 0). */
static int integer(const char *text, int64_t lo, uint64_t hi, uint64_t *bits, char *why,
                   size_t cap) {
    const char *digits = text[0] == '-' ? text + 1 : text;
    if (*digits == '\0' || strspn(digits, "0123456789") != strlen(digits))
        return refuse(why, cap, "\"%s\" is not a decimal integer", text);
    errno = 0;
    if (text[0] == '-') {
        long long v = strtoll(text, NULL, 10);
        if (errno != 0 || lo >= 0 || v < lo)
            return refuse(why, cap, "%s is below the smallest value %lld", text, (long long)lo);
        *bits = (uint64_t)v;
        return 0;
    }
    unsigned long long v = strtoull(text, NULL, 10);
    if (errno != 0 || v > hi)
        return refuse(why, cap, "%s is above the largest value %llu", text, (unsigned long long)hi);
    *bits = v;
    return 0;
}

/* Pacemaker's own spellings of a boolean. */
static int boolean(const char *text, uint64_t *bits, char *why, size_t cap) {
    static const char *const yes[] = {"true", "yes", "on", "y", "1"};
    static const char *const no[] = {"false", "no", "off", "n", "0"};
    for (size_t i = 0; i < 5; i++) {
        if (strcasecmp(text, yes[i]) == 0)
            return (*bits = 1), 0;
        if (strcasecmp(text, no[i]) == 0)
            return (*bits = 0), 0;
    }
    return refuse(why, cap, "\"%s\" is not a boolean; use true or false", text);
}

/* A growing UTF-16LE buffer. */
typedef struct units {
    uint8_t *bytes;
    DWORD size, cap;
} units;

static int put_unit(units *u, WCHAR w) {
    if (u->size + 2 > u->cap) {
        DWORD cap = u->cap ? u->cap * 2 : 64;
        uint8_t *grown = realloc(u->bytes, cap);
        if (grown == NULL)
            return -1;
        u->bytes = grown;
        u->cap = cap;
    }
    u->bytes[u->size++] = (uint8_t)w;
    u->bytes[u->size++] = (uint8_t)(w >> 8);
    return 0;
}

/* Appends the UTF-16 of valid UTF-8 `text` (len bytes, no NUL inside) and one NUL. */
static int put_text(units *u, const char *text, size_t len, char *why, size_t cap) {
    if (!ck__utf8_valid(text, len))
        return refuse(why, cap, "the value is not valid UTF-8");
    WCHAR *w = ck__utf8_to_utf16(text, len);
    if (w == NULL)
        return -1;
    int rc = 0;
    for (const WCHAR *c = w; *c != 0 && rc == 0; c++)
        rc = put_unit(u, *c);
    free(w);
    return rc != 0 ? rc : put_unit(u, 0);
}

static int done(units *u, int rc, uint8_t **data, DWORD *size) {
    if (rc != 0) {
        free(u->bytes);
        return -1;
    }
    *data = u->bytes;
    *size = u->size;
    return 0;
}

static int string(const char *text, uint8_t **data, DWORD *size, char *why, size_t cap) {
    units u = {0};
    return done(&u, put_text(&u, text, strlen(text), why, cap), data, size);
}

/* "a,b\,c,d\\e" -> a NUL b,c NUL d\e NUL NUL: items split at unescaped commas. The empty
 * text is the empty list (two NULs, as the database stores it). */
static int multi(const char *text, uint8_t **data, DWORD *size, char *why, size_t cap) {
    size_t n = strlen(text);
    char *item = malloc(n + 1);
    units u = {0};
    int rc = item == NULL ? -1 : 0;
    size_t o = 0, count = 0;
    for (size_t i = 0; rc == 0 && i <= n; i++) {
        char c = text[i];
        if (c == '\\' && (text[i + 1] == ',' || text[i + 1] == '\\')) {
            item[o++] = text[++i];
        } else if (c == '\\') {
            rc = refuse(why, cap, "a backslash must be followed by , or \\ (byte %zu)", i + 1);
        } else if (c == ',' || (c == '\0' && n > 0)) {
            if (o == 0)
                rc = refuse(why, cap, "item %zu of the list is empty", count + 1);
            else
                rc = put_text(&u, item, o, why, cap);
            o = 0;
            count++;
        } else if (c != '\0') {
            item[o++] = c;
        }
    }
    free(item);
    if (rc == 0 && count == 0)
        rc = put_unit(&u, 0);
    if (rc == 0)
        rc = put_unit(&u, 0);
    return done(&u, rc, data, size);
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int binary(const char *text, uint8_t **data, DWORD *size, char *why, size_t cap) {
    size_t n = strlen(text);
    if (n % 2 != 0)
        return refuse(why, cap, "hexadecimal bytes need an even number of digits");
    uint8_t *out = malloc(n / 2 + 1);
    if (out == NULL)
        return -1;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
        if (hi < 0 || lo < 0) {
            free(out);
            return refuse(why, cap, "\"%.2s\" is not a hexadecimal byte", text + i);
        }
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *data = out;
    *size = (DWORD)(n / 2);
    return 0;
}

int ck__ocf_parse_value(ck_ocf_kind kind, const char *text, uint8_t **data, DWORD *size, char *why,
                        size_t cap) {
    uint64_t bits = 0;
    int rc;
    switch (kind) {
    case CK_OCF_DWORD:
        rc = integer(text, 0, 0xFFFFFFFFull, &bits, why, cap);
        return rc != 0 ? rc : le_bytes(bits, 4, data, size);
    case CK_OCF_LONG:
        rc = integer(text, INT32_MIN, INT32_MAX, &bits, why, cap);
        return rc != 0 ? rc : le_bytes(bits, 4, data, size);
    case CK_OCF_BOOL:
        rc = boolean(text, &bits, why, cap);
        return rc != 0 ? rc : le_bytes(bits, 4, data, size);
    case CK_OCF_ULARGE:
        rc = integer(text, 0, UINT64_MAX, &bits, why, cap);
        return rc != 0 ? rc : le_bytes(bits, 8, data, size);
    case CK_OCF_LARGE:
        rc = integer(text, INT64_MIN, INT64_MAX, &bits, why, cap);
        return rc != 0 ? rc : le_bytes(bits, 8, data, size);
    case CK_OCF_SZ:
    case CK_OCF_EXPAND_SZ:
    case CK_OCF_CHOICE:
    case CK_OCF_SECRET:
        return string(text, data, size, why, cap);
    case CK_OCF_MULTI_SZ:
        return multi(text, data, size, why, cap);
    case CK_OCF_BINARY:
        return binary(text, data, size, why, cap);
    }
    return refuse(why, cap, "unknown kind %d", (int)kind);
}
