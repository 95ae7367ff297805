/* text.c - UTF-8 <-> UTF-16 and the one case fold (see text.h). */
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include "errors.h"

#define BAD_UTF8 UINT32_MAX
#define MAX_UNITS 0x40000000u

/* ---- UTF-8 -> UTF-16 ---- */

/*
 * The code point at s (len >= 1 bytes left), or BAD_UTF8 for an ill-formed subpart. *used
 * is the bytes taken: the whole sequence, or the maximal ill-formed subpart (a lead byte
 * and the continuation bytes that fit it), never the byte that broke it - the WHATWG
 * decoder's rule, which rejects overlong forms, surrogates and values past U+10FFFF.
 */
static uint32_t utf8_next(const unsigned char *s, size_t len, size_t *used) {
    unsigned c = s[0];
    size_t need;
    uint32_t cp;
    unsigned lo = 0x80, hi = 0xBF;
    *used = 1;
    if (c < 0x80)
        return c;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, cp = c & 0x0Fu;
        lo = c == 0xE0 ? 0xA0 : lo; /* overlong */
        hi = c == 0xED ? 0x9F : hi; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, cp = c & 0x07u;
        lo = c == 0xF0 ? 0x90 : lo; /* overlong */
        hi = c == 0xF4 ? 0x8F : hi; /* past U+10FFFF */
    } else {
        return BAD_UTF8;
    }
    for (size_t i = 1; i <= need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi) {
            *used = i;
            return BAD_UTF8;
        }
        cp = (cp << 6) | (s[i] & 0x3Fu);
        lo = 0x80, hi = 0xBF;
    }
    *used = need + 1;
    return cp;
}

/* Decodes into out (room for len + 1 units); returns 0 on ill-formed input when strict. */
static int utf8_decode(const char *s, size_t len, WCHAR *out, int strict) {
    size_t o = 0, i = 0;
    while (i < len) {
        size_t used;
        uint32_t cp = utf8_next((const unsigned char *)s + i, len - i, &used);
        i += used;
        if (cp == BAD_UTF8 && strict)
            return 0;
        if (cp == BAD_UTF8)
            cp = 0xFFFD;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[o++] = (WCHAR)(0xD800 + (cp >> 10));
            out[o++] = (WCHAR)(0xDC00 + (cp & 0x3FF));
        } else {
            out[o++] = (WCHAR)cp;
        }
    }
    out[o] = 0;
    return 1;
}

int ck__utf8_valid(const char *s, size_t len) {
    size_t i = 0, used;
    while (s != NULL && i < len &&
           utf8_next((const unsigned char *)s + i, len - i, &used) != BAD_UTF8)
        i += used;
    return i == len;
}

WCHAR *ck__utf8_to_utf16(const char *s, size_t len) {
    if (s == NULL && len != 0)
        return NULL;
    /* Every byte gives at most one unit (a 4-byte sequence gives two). */
    WCHAR *out = len < MAX_UNITS ? malloc((len + 1) * sizeof(WCHAR)) : NULL;
    if (out != NULL)
        utf8_decode(s, len, out, 0);
    return out;
}

WCHAR *ck__utf8_to_utf16_strict(const char *s) {
    size_t len = s != NULL ? strlen(s) : 0;
    WCHAR *out = s != NULL && len < MAX_UNITS ? malloc((len + 1) * sizeof(WCHAR)) : NULL;
    if (out != NULL && !utf8_decode(s, len, out, 1)) {
        free(out);
        out = NULL;
    }
    return out;
}

/* ---- UTF-16 -> UTF-8 ---- */

/* UTF-16 held either as WCHARs or as little-endian bytes (property lists, unaligned). */
typedef struct units {
    const WCHAR *w;
    const BYTE *le;
    size_t count;
} units;

static uint32_t unit(const units *u, size_t i) {
    return u->w != NULL ? u->w[i] : (uint32_t)(u->le[i * 2] | (u->le[i * 2 + 1] << 8));
}

/* The code point at *i (advanced past it); *lone set for an unpaired surrogate. */
static uint32_t utf16_next(const units *u, size_t *i, int *lone) {
    uint32_t c = unit(u, (*i)++);
    if (c >= 0xD800 && c <= 0xDBFF && *i < u->count) {
        uint32_t d = unit(u, *i);
        if (d >= 0xDC00 && d <= 0xDFFF) {
            (*i)++;
            return 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        }
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
        *lone = 1;
        return 0xFFFD;
    }
    return c;
}

static size_t put_utf8(uint32_t cp, char *out) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Encodes u into out (cap >= 1 bytes with the NUL), stopping before the first character
 * that does not fit. Returns 1 when everything fit. *lone reports unpaired surrogates. */
static int utf16_encode(const units *u, char *out, size_t cap, int *lone) {
    size_t at = 0, i = 0;
    *lone = 0;
    while (i < u->count) {
        char buf[4];
        size_t n = put_utf8(utf16_next(u, &i, lone), buf);
        if (n >= cap - at) {
            out[at] = '\0';
            return 0;
        }
        memcpy(out + at, buf, n);
        at += n;
    }
    out[at] = '\0';
    return 1;
}

static units wide(const WCHAR *s) {
    units u = {s, NULL, ck__wcslen(s)};
    return u;
}

char *ck__utf16_to_utf8(const WCHAR *s) {
    if (s == NULL)
        return NULL;
    units u = wide(s);
    /* A unit gives at most 3 bytes (a pair of them 4). */
    size_t cap = u.count * 3 + 1;
    char *out = malloc(cap);
    int lone;
    if (out != NULL)
        utf16_encode(&u, out, cap, &lone);
    return out;
}

int ck__utf16_to_utf8_strict(const WCHAR *s, char *buf, size_t cap) {
    if (s == NULL || buf == NULL || cap == 0)
        return CK_ERR_INVALID_ARG;
    units u = wide(s);
    int lone;
    return utf16_encode(&u, buf, cap, &lone) && !lone ? CK_OK : CK_ERR_IO;
}

void ck__name_utf8(const BYTE *bytes, DWORD size, char *out, size_t cap) {
    if (out == NULL || cap == 0)
        return;
    units u = {NULL, bytes, 0};
    while (bytes != NULL && u.count < size / 2 && unit(&u, u.count) != 0)
        u.count++;
    int lone;
    utf16_encode(&u, out, cap, &lone);
}

void ck__wname_utf8(const WCHAR *name, char *out, size_t cap) {
    if (out == NULL || cap == 0)
        return;
    units u = wide(name);
    int lone;
    utf16_encode(&u, out, cap, &lone);
}

/* ---- names ---- */

DWORD ck__wcslen(const WCHAR *s) {
    DWORD n = 0;
    while (s != NULL && s[n] != 0 && n < MAX_UNITS)
        n++;
    return n;
}

WCHAR ck__upcase(WCHAR c) {
    size_t lo = 0, hi = ck__upcase_range_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ck_upcase_range *r = &ck__upcase_ranges[mid];
        if (c < r->first)
            hi = mid;
        else if (c > r->last)
            lo = mid + 1;
        else
            return (c - r->first) % r->step == 0 ? (WCHAR)(c + r->delta) : c;
    }
    return c;
}

int ck__wcs_icmp(const WCHAR *a, const WCHAR *b) {
    for (;; a++, b++) {
        WCHAR x = ck__upcase(*a), y = ck__upcase(*b);
        if (x != y)
            return x < y ? -1 : 1;
        if (x == 0)
            return 0;
    }
}

int ck__name_equals(const WCHAR *name, const BYTE *bytes, DWORD size) {
    if (name == NULL || bytes == NULL || size < 2 || size % 2 != 0)
        return 0;
    units list = {NULL, bytes, size / 2 - 1}; /* without the NUL */
    if (ck__wcslen(name) != list.count)
        return 0;
    for (size_t i = 0; i < list.count; i++) {
        if (ck__upcase(name[i]) != ck__upcase((WCHAR)unit(&list, i)))
            return 0;
    }
    return 1;
}
