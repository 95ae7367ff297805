/*
 * fuzz_support.c - the core seams the property code calls, reduced to what a
 * fuzz run needs: logging goes nowhere (the formatting still runs) and there is
 * no handler host to ask.
 */
#include <stdarg.h>
#include <stdio.h>

#include "ck_shared.h"

void ck__log(ck_instance *inst, LOG_LEVEL level, const char *fmt, ...) {
    char line[512];
    va_list ap;
    (void)inst;
    (void)level;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
}

void ck__log_reply(ck_instance *inst, LOG_LEVEL level, const char *what, const BYTE *text,
                   DWORD size) {
    char line[512];
    (void)inst;
    (void)level;
    snprintf(line, sizeof line, "%s: %.*s", what, text != NULL ? (int)size : 0,
             text != NULL ? (const char *)text : "");
}

DWORD ck__host_call(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                    DWORD timeout_ms, BYTE **reply, DWORD *reply_size) {
    (void)inst;
    (void)op;
    (void)payload;
    (void)size;
    (void)timeout_ms;
    *reply = NULL;
    *reply_size = 0;
    return CK_ERROR_RESOURCE_CALL_TIMED_OUT;
}
