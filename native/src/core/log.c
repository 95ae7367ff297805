/* log.c - cluster-log lines: LogEvent with FormatMessage syntax and a UTF-16 text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

/* u"%1!s!\n" spelled as numbers so it is the same on every compiler's WCHAR. */
static const WCHAR log_format[] = {'%', '1', '!', 's', '!', '\n', 0};

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

/* Finds the end of a cut at most max bytes long that does not split a UTF-8 character. */
static size_t utf8_cut(const char *text, size_t len, size_t max) {
    if (len <= max)
        return len;
    size_t cut = max;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0u) == 0x80u)
        cut--;
    return cut;
}

size_t ck__reply_line(char *buf, size_t cap, const char *what, const char *text, size_t size) {
    if (buf == NULL || cap == 0)
        return 0;
    size_t len = 0;
    while (text != NULL && len < size && text[len] != '\0')
        len++;
    size_t shown = utf8_cut(text, len, CK_REPLY_TEXT_MAX);
    int n;
    if (shown < len)
        n = snprintf(buf, cap, "%s: %.*s [... cut, %lu more bytes]", what, (int)shown, text,
                     (unsigned long)(len - shown));
    else
        n = snprintf(buf, cap, "%s: %.*s", what, (int)shown, text != NULL ? text : "");
    if (n < 0)
        return 0;
    return (size_t)n >= cap ? cap - 1 : (size_t)n;
}

void ck__log_reply(ck_instance *inst, LOG_LEVEL level, const char *what, const BYTE *text,
                   DWORD size) {
    char buf[CK_LOG_MAX + 1];
    size_t n = ck__reply_line(buf, sizeof buf, what, (const char *)text, text != NULL ? size : 0);
    ck__log_text(inst != NULL ? inst->handle : NULL, level, buf, n);
}
