/* agent_report.c - what the agent tells Pacemaker: one exit reason, and log lines. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "text.h"

static int reason_given;

static void vline(const char *prefix, const char *fmt, va_list ap) {
    char text[1024];
    vsnprintf(text, sizeof text, fmt, ap);
    /* One line: Pacemaker shows the reason on one line and our log is line-based. */
    for (char *c = text; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    fprintf(stderr, "%s%s\n", prefix, text);
}

void ck__ocf_reason(const char *fmt, ...) {
    if (reason_given)
        return;
    reason_given = 1;
    const char *prefix = getenv("OCF_EXIT_REASON_PREFIX");
    va_list ap;
    va_start(ap, fmt);
    vline(prefix != NULL && *prefix != '\0' ? prefix : "ocf-exit-reason:", fmt, ap);
    va_end(ap);
}

void ck__ocf_log(const char *level, const char *fmt, ...) {
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s: ", level);
    va_list ap;
    va_start(ap, fmt);
    vline(prefix, fmt, ap);
    va_end(ap);
}

/* The library's LogEvent: its property checks name the property and the rule broken, which
 * is the exit reason an administrator needs. */
static VOID WINAPI library_log(RESOURCE_HANDLE handle, LOG_LEVEL level, LPCWSTR format, ...) {
    (void)handle;
    (void)format; /* always "%1!s!\n" with one string */
    va_list ap;
    va_start(ap, format);
    const WCHAR *text16 = va_arg(ap, const WCHAR *);
    va_end(ap);
    char *text = text16 != NULL ? ck__utf16_to_utf8(text16) : NULL;
    if (text == NULL)
        return;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
        text[--n] = '\0';
    if (level >= LOG_ERROR)
        ck__ocf_reason("%s", text);
    ck__ocf_log(level >= LOG_ERROR     ? "ERROR"
                : level == LOG_WARNING ? "WARNING"
                                       : "INFO",
                "%s", text);
    free(text);
}

static DWORD WINAPI ignore_status(RESOURCE_HANDLE handle, PRESOURCE_STATUS status) {
    (void)handle;
    (void)status;
    return CK_ERROR_SUCCESS;
}

void ck__ocf_capture_library_log(void) {
    PCLRES_FUNCTION_TABLE table;
    (void)Startup(ck_type.type_name, CLRES_VERSION_V1_00, CLRES_VERSION_V1_00, ignore_status,
                  library_log, &table);
}
