/* log.c - cluster-log lines (LogEvent with FormatMessage syntax) and UTF-8/16 helpers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

/* Longer lines are cut: the cluster log keeps 500 characters per entry anyway. */
#define CK_LOG_MAX 1024

/* u"%1!s!\n" spelled as numbers so it is the same on every compiler's WCHAR. */
static const WCHAR log_format[] = {'%', '1', '!', 's', '!', '\n', 0};

static uint32_t decode_utf8(const unsigned char *s, size_t len, size_t *used) {
    unsigned char c = s[0];
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
        *used = 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07u;
    } else {
        *used = 1;
        return 0xFFFD;
    }
    if (len < n) {
        *used = 1;
        return 0xFFFD;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *used = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are not characters. */
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *used = 1;
        return 0xFFFD;
    }
    *used = n;
    return cp;
}

WCHAR *ck__utf8_to_utf16(const char *s, size_t len) {
    WCHAR *out = malloc((len + 1) * sizeof(WCHAR));
    if (out == NULL)
        return NULL;
    size_t o = 0, i = 0;
    while (i < len) {
        size_t used;
        uint32_t cp = decode_utf8((const unsigned char *)s + i, len - i, &used);
        i += used;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[o++] = (WCHAR)(0xD800 + (cp >> 10));
            out[o++] = (WCHAR)(0xDC00 + (cp & 0x3FF));
        } else {
            out[o++] = (WCHAR)cp;
        }
    }
    out[o] = 0;
    return out;
}

char *ck__utf16_to_utf8(const WCHAR *s) {
    size_t n = 0;
    while (s[n] != 0)
        n++;
    char *out = malloc(n * 3 + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = s[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00u);
            i++;
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[o++] = (char)(0xE0 | (cp >> 12));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (cp >> 18));
            out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    return out;
}

static WCHAR fold(WCHAR c) {
    /* ASCII and Latin-1 letters; enough for type names, which the cluster compares
     * case-insensitively. */
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return (WCHAR)(c - 0x20);
    return c;
}

int ck__wcs_icmp(const WCHAR *a, const WCHAR *b) {
    for (;; a++, b++) {
        WCHAR x = fold(*a), y = fold(*b);
        if (x != y)
            return x < y ? -1 : 1;
        if (x == 0)
            return 0;
    }
}

void ck__log_text(RESOURCE_HANDLE handle, LOG_LEVEL level, const char *text, size_t len) {
    ck__log_via(ck__g.log_event, handle, level, text, len);
}

void ck__log_via(PLOG_EVENT_ROUTINE log_event, RESOURCE_HANDLE handle, LOG_LEVEL level,
                 const char *text, size_t len) {
    if (log_event == NULL)
        return;
    if (len > CK_LOG_MAX)
        len = CK_LOG_MAX;
    WCHAR *text16 = ck__utf8_to_utf16(text, len);
    if (text16 == NULL)
        return;
    log_event(handle, level, log_format, text16);
    free(text16);
}

static int format_line(char *buf, size_t cap, const char *fmt, va_list ap) {
    int n = vsnprintf(buf, cap, fmt, ap);
    if (n < 0)
        return 0;
    return (size_t)n >= cap ? (int)cap - 1 : n;
}

void ck__log(ck_instance *inst, LOG_LEVEL level, const char *fmt, ...) {
    char buf[CK_LOG_MAX + 1];
    va_list ap;
    va_start(ap, fmt);
    int n = format_line(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ck__log_text(inst != NULL ? inst->handle : NULL, level, buf, (size_t)n);
}

void ck__log_deferred(uint32_t resource_id, LOG_LEVEL level, const char *fmt, ...) {
    char buf[CK_LOG_MAX + 1];
    va_list ap;
    va_start(ap, fmt);
    int n = format_line(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ck__dispatch_log(resource_id, level, buf, (size_t)n);
}
