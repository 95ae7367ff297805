/*
 * fuzz_support.c - the two core seams the property code calls, reduced to what a
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
