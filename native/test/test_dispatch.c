/*
 * test_dispatch.c - the dispatcher queue under a flood of host output while LogEvent is stuck
 * (as when the harness's JS thread is busy): the queue stays bounded, queuing never waits for
 * LogEvent, the library's own lines and failures are never dropped, and one warning counts
 * what was dropped.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "support.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int blocked = 1, entered;
static int delivered, own_lines, failures;
static unsigned long long reported_drops;

static int has(const WCHAR *text, const char *ascii) {
    size_t n = strlen(ascii);
    for (size_t i = 0; text[i] != 0; i++) {
        size_t k = 0;
        while (k < n && text[i + k] == (WCHAR)(unsigned char)ascii[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

static unsigned long long leading_number(const WCHAR *text) {
    unsigned long long v = 0;
    for (size_t i = 0; text[i] >= '0' && text[i] <= '9'; i++)
        v = v * 10 + (unsigned long long)(text[i] - '0');
    return v;
}

static void WINAPI slow_log(RESOURCE_HANDLE h, LOG_LEVEL level, LPCWSTR fmt, ...) {
    (void)h, (void)level;
    va_list ap;
    va_start(ap, fmt);
    const WCHAR *text = va_arg(ap, const WCHAR *);
    va_end(ap);
    pthread_mutex_lock(&mu);
    entered = 1;
    pthread_cond_broadcast(&cv);
    while (blocked)
        pthread_cond_wait(&cv, &mu);
    delivered++;
    if (has(text, "library line"))
        own_lines++;
    if (has(text, "the handler reported a failure: app crashed"))
        failures++;
    if (has(text, "lines of handler host output were dropped"))
        reported_drops += leading_number(text);
    pthread_mutex_unlock(&mu);
}

static DWORD WINAPI ignore_status(RESOURCE_HANDLE h, PRESOURCE_STATUS st) {
    (void)h, (void)st;
    return ResourceExitStateContinue;
}

int main(void) {
    static const WCHAR type[] = {'C', 'k', 'T', 'e', 's', 't', 'T', 'y', 'p', 'e', 0};
    PCLRES_FUNCTION_TABLE table = NULL;
    ck_test_bind_services();
    CHECK_EQ(
        Startup(type, CLRES_VERSION_V1_00, CLRES_VERSION_V2_00, ignore_status, slow_log, &table),
        CK_ERROR_SUCCESS);

    /* The first line takes the dispatcher into LogEvent, where it stays until released. */
    ck__dispatch_host_output(0, LOG_INFORMATION, "first", 5);
    pthread_mutex_lock(&mu);
    while (!entered)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);

    /* 40,000 lines of 8 KB: 320 MB if every one were kept. */
    enum { LINES = 40000, LINE = 8192 };
    char *text = malloc(LINE);
    memset(text, 'x', LINE);
    size_t most_bytes = 0;
    for (int i = 0; i < LINES; i++) {
        ck__dispatch_host_output(0, LOG_INFORMATION, text, LINE);
        if (i == LINES / 2) {
            ck__dispatch_log(0, LOG_ERROR, "library line", 12);
            ck__dispatch_failed(0, "app crashed", 11);
        }
        size_t lines, bytes;
        unsigned long long dropped;
        ck__dispatch_queued(&lines, &bytes, &dropped);
        if (bytes > most_bytes)
            most_bytes = bytes;
    }
    size_t lines, bytes;
    unsigned long long dropped;
    ck__dispatch_queued(&lines, &bytes, &dropped);
    printf("40000 x 8 KB lines with LogEvent stuck: %zu lines queued, at most %zu bytes, %llu "
           "dropped\n",
           lines, most_bytes, dropped);
    CHECK(lines <= 2048);
    CHECK(most_bytes <= (2048 + 2) * 1024);
    CHECK(dropped >= LINES - 2048);

    pthread_mutex_lock(&mu);
    blocked = 0;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    ck__dispatch_stop(30000);

    pthread_mutex_lock(&mu);
    printf("delivered %d lines; the warning counted %llu dropped\n", delivered, reported_drops);
    CHECK_EQ(own_lines, 1);
    CHECK_EQ(failures, 1);
    CHECK_EQ(reported_drops, dropped);
    /* Every line is either delivered or counted: first + the queued ones + own + failure +
     * the warning. */
    CHECK_EQ((unsigned long long)delivered, 1 + (LINES - reported_drops) + 2 + 1);
    pthread_mutex_unlock(&mu);
    free(text);
    return ck_test_finish("test_dispatch");
}
