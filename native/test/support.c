/* support.c - see support.h. POSIX only (the tests run on Linux). */
#include "support.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int ck_test_failures;

int ck_test_finish(const char *name) {
    if (ck_test_failures != 0) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, ck_test_failures);
        ck_test_dump_log();
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}

uint64_t ck_test_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long ck_test_unhex(const char *hex, uint8_t **out) {
    size_t n = strlen(hex);
    if (strcmp(hex, "-") == 0)
        n = 0;
    if (n % 2 != 0)
        return -1;
    *out = malloc(n / 2 + 1);
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(*out);
            *out = NULL;
            return -1;
        }
        (*out)[i] = (uint8_t)(hi * 16 + lo);
    }
    return (long)(n / 2);
}

int ck_test_vectors(const char *file, ck_test_line_fn fn, void *ctx) {
    char path[1024];
    snprintf(path, sizeof path, "%s/test/vectors/%s", CK_REPO_ROOT, file);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    static char line[1 << 16];
    int count = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        size_t len = strlen(line);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char *fields[8];
        int nf = 0;
        char *p = line;
        fields[nf++] = p;
        while ((p = strchr(p, '\t')) != NULL && nf < 8) {
            *p++ = '\0';
            fields[nf++] = p;
        }
        fn(nf, fields, ctx);
        count++;
    }
    fclose(f);
    return count;
}

/* ---- fake services ---- */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;

#define MAX_LINES 4096
static char *lines[MAX_LINES];
static int line_count;

#define MAX_HANDLES 64
static struct {
    RESOURCE_HANDLE handle;
    int count;
    RESOURCE_STATUS last;
    DWORD answer;
} statuses[MAX_HANDLES];
static int status_handles;

static struct {
    HANDLE event;
    int count;
} signals[MAX_HANDLES];
static int signal_handles;

#define MAX_VALUES 256
static struct {
    HKEY key;
    WCHAR name[64];
    DWORD type;
    BYTE data[512];
    DWORD cb;
} values[MAX_VALUES];
static int value_count;

static void wait_changed(uint64_t deadline) {
    uint64_t now = ck_test_now_ms();
    if (now >= deadline)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t ns = (uint64_t)ts.tv_nsec + (deadline - now > 50 ? 50 : deadline - now) * 1000000u;
    ts.tv_sec += (time_t)(ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    pthread_cond_timedwait(&changed, &mu, &ts);
}

static char *to_utf8(const WCHAR *s) {
    size_t n = 0;
    while (s[n])
        n++;
    char *out = malloc(n * 3 + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        unsigned c = s[i];
        if (c < 0x80) {
            *o++ = (char)c;
        } else if (c < 0x800) {
            *o++ = (char)(0xC0 | (c >> 6));
            *o++ = (char)(0x80 | (c & 0x3F));
        } else {
            *o++ = (char)(0xE0 | (c >> 12));
            *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *o++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *o = '\0';
    return out;
}

static void WINAPI log_event(RESOURCE_HANDLE handle, LOG_LEVEL level, LPCWSTR fmt, ...) {
    (void)handle;
    va_list ap;
    va_start(ap, fmt);
    const WCHAR *text = va_arg(ap, const WCHAR *);
    va_end(ap);
    char *utf8 = to_utf8(text);
    char *line = malloc(strlen(utf8) + 8);
    sprintf(line, "[%d] %s", (int)level, utf8);
    free(utf8);
    pthread_mutex_lock(&mu);
    if (line_count < MAX_LINES)
        lines[line_count++] = line;
    else
        free(line);
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&mu);
}

static DWORD WINAPI set_status(RESOURCE_HANDLE handle, PRESOURCE_STATUS status) {
    pthread_mutex_lock(&mu);
    int i;
    for (i = 0; i < status_handles; i++)
        if (statuses[i].handle == handle)
            break;
    if (i == status_handles && status_handles < MAX_HANDLES)
        statuses[status_handles++].handle = handle;
    DWORD answer = ResourceExitStateContinue;
    if (i < MAX_HANDLES) {
        statuses[i].count++;
        statuses[i].last = *status;
        answer = statuses[i].answer;
    }
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&mu);
    return answer;
}

void ck_test_status_answer(RESOURCE_HANDLE handle, DWORD answer) {
    pthread_mutex_lock(&mu);
    int i;
    for (i = 0; i < status_handles; i++)
        if (statuses[i].handle == handle)
            break;
    if (i == status_handles && status_handles < MAX_HANDLES)
        statuses[status_handles++].handle = handle;
    if (i < MAX_HANDLES)
        statuses[i].answer = answer;
    pthread_mutex_unlock(&mu);
}

static void event_signaled(HANDLE event) {
    pthread_mutex_lock(&mu);
    int i;
    for (i = 0; i < signal_handles; i++)
        if (signals[i].event == event)
            break;
    if (i == signal_handles && signal_handles < MAX_HANDLES)
        signals[signal_handles++].event = event;
    if (i < MAX_HANDLES)
        signals[i].count++;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&mu);
}

static int wcs_ieq(const WCHAR *a, const WCHAR *b) {
    for (;; a++, b++) {
        WCHAR x = (*a >= 'a' && *a <= 'z') ? (WCHAR)(*a - 32) : *a;
        WCHAR y = (*b >= 'a' && *b <= 'z') ? (WCHAR)(*b - 32) : *b;
        if (x != y)
            return 0;
        if (x == 0)
            return 1;
    }
}

static int find_value(HKEY key, const WCHAR *name) {
    for (int i = 0; i < value_count; i++)
        if (values[i].key == key && wcs_ieq(values[i].name, name))
            return i;
    return -1;
}

static DWORD db_query(HKEY key, const WCHAR *name, DWORD *type, BYTE *data, DWORD *cb) {
    pthread_mutex_lock(&mu);
    int i = find_value(key, name);
    DWORD rc = CK_ERROR_FILE_NOT_FOUND;
    if (i >= 0) {
        if (type != NULL)
            *type = values[i].type;
        if (data == NULL || *cb < values[i].cb) {
            rc = data == NULL ? CK_ERROR_SUCCESS : CK_ERROR_MORE_DATA;
        } else {
            memcpy(data, values[i].data, values[i].cb);
            rc = CK_ERROR_SUCCESS;
        }
        *cb = values[i].cb;
    }
    pthread_mutex_unlock(&mu);
    return rc;
}

static int fail_set_skip, fail_set_count;
static DWORD fail_set_status;

void ck_test_db_fail_set(int nth, int count, DWORD status) {
    pthread_mutex_lock(&mu);
    fail_set_skip = nth - 1;
    fail_set_count = count;
    fail_set_status = status;
    pthread_mutex_unlock(&mu);
}

static DWORD db_set(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb) {
    pthread_mutex_lock(&mu);
    int fail = 0;
    if (fail_set_skip > 0)
        fail_set_skip--;
    else if (fail_set_count > 0)
        fail = fail_set_count-- > 0;
    pthread_mutex_unlock(&mu);
    if (fail)
        return fail_set_status;
    size_t n = 0;
    while (name[n])
        n++;
    if (n >= 64 || cb > 512)
        return CK_ERROR_INVALID_PARAMETER;
    pthread_mutex_lock(&mu);
    int i = find_value(key, name);
    if (i < 0 && value_count < MAX_VALUES)
        i = value_count++;
    if (i >= 0) {
        values[i].key = key;
        memcpy(values[i].name, name, (n + 1) * sizeof(WCHAR));
        values[i].type = type;
        memcpy(values[i].data, data, cb);
        values[i].cb = cb;
    }
    pthread_mutex_unlock(&mu);
    return i >= 0 ? CK_ERROR_SUCCESS : CK_ERROR_NOT_ENOUGH_MEMORY;
}

static DWORD db_delete(HKEY key, const WCHAR *name) {
    pthread_mutex_lock(&mu);
    int i = find_value(key, name);
    if (i >= 0)
        values[i] = values[--value_count];
    pthread_mutex_unlock(&mu);
    return i >= 0 ? CK_ERROR_SUCCESS : CK_ERROR_FILE_NOT_FOUND;
}

static ck_host_services services = {
    sizeof(ck_host_services), db_query, db_set, db_delete, event_signaled, (HKEY)(uintptr_t)0x7777};

void ck_test_bind_services(void) {
    DWORD rc = ck_bind_host_services(&services);
    CHECK_EQ(rc, CK_ERROR_SUCCESS);
}

PLOG_EVENT_ROUTINE ck_test_log_event(void) {
    return log_event;
}

PSET_RESOURCE_STATUS_ROUTINE ck_test_set_status(void) {
    return set_status;
}

int ck_test_wait_log(const char *needle, uint32_t timeout_ms) {
    uint64_t deadline = ck_test_now_ms() + timeout_ms;
    int found = 0;
    pthread_mutex_lock(&mu);
    for (;;) {
        for (int i = 0; i < line_count && !found; i++)
            found = strstr(lines[i], needle) != NULL;
        if (found || ck_test_now_ms() >= deadline)
            break;
        wait_changed(deadline);
    }
    pthread_mutex_unlock(&mu);
    return found;
}

int ck_test_status_count(RESOURCE_HANDLE handle, RESOURCE_STATUS *last) {
    int count = 0;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < status_handles; i++)
        if (statuses[i].handle == handle) {
            count = statuses[i].count;
            if (last != NULL)
                *last = statuses[i].last;
        }
    pthread_mutex_unlock(&mu);
    return count;
}

int ck_test_wait_status(RESOURCE_HANDLE handle, int state, uint32_t timeout_ms) {
    uint64_t deadline = ck_test_now_ms() + timeout_ms;
    int reached = 0;
    pthread_mutex_lock(&mu);
    for (;;) {
        for (int i = 0; i < status_handles; i++)
            if (statuses[i].handle == handle && (int)statuses[i].last.ResourceState == state)
                reached = 1;
        if (reached || ck_test_now_ms() >= deadline)
            break;
        wait_changed(deadline);
    }
    pthread_mutex_unlock(&mu);
    return reached;
}

int ck_test_wait_new_status(RESOURCE_HANDLE handle, int state, int after, uint32_t timeout_ms) {
    uint64_t deadline = ck_test_now_ms() + timeout_ms;
    int reached = 0;
    pthread_mutex_lock(&mu);
    for (;;) {
        for (int i = 0; i < status_handles; i++)
            if (statuses[i].handle == handle && statuses[i].count > after &&
                (int)statuses[i].last.ResourceState == state)
                reached = 1;
        if (reached || ck_test_now_ms() >= deadline)
            break;
        wait_changed(deadline);
    }
    pthread_mutex_unlock(&mu);
    return reached;
}

int ck_test_signal_count(HANDLE event) {
    int count = 0;
    pthread_mutex_lock(&mu);
    for (int i = 0; i < signal_handles; i++)
        if (signals[i].event == event)
            count = signals[i].count;
    pthread_mutex_unlock(&mu);
    return count;
}

void ck_test_db_set_dword(HKEY key, const char *name, DWORD value) {
    WCHAR wname[64];
    size_t i = 0;
    for (; name[i] != '\0' && i < 63; i++)
        wname[i] = (WCHAR)(unsigned char)name[i];
    wname[i] = 0;
    BYTE data[4] = {(BYTE)value, (BYTE)(value >> 8), (BYTE)(value >> 16), (BYTE)(value >> 24)};
    db_set(key, wname, CK_REG_DWORD, data, 4);
}

void ck_test_dump_log(void) {
    pthread_mutex_lock(&mu);
    for (int i = 0; i < line_count; i++)
        fprintf(stderr, "  log: %s", lines[i]);
    pthread_mutex_unlock(&mu);
}

const CLRES_V2_FUNCTIONS *ck_test_startup_v2(void) {
    static const WCHAR name[] = {'C', 'k', 'T', 'e', 's', 't', 'T', 'y', 'p', 'e', 0};
    ck_test_bind_services();
    PCLRES_FUNCTION_TABLE table = NULL;
    DWORD rc =
        Startup(name, CLRES_VERSION_V1_00, CLRES_VERSION_V2_00, set_status, log_event, &table);
    CHECK_EQ(rc, CK_ERROR_SUCCESS);
    if (table == NULL) {
        fprintf(stderr, "Startup failed; cannot go on\n");
        exit(1);
    }
    return &table->V2Functions;
}

void ck_test_pidfile(char *buf, size_t cap, const char *tag) {
    snprintf(buf, cap, "/tmp/ck-test-%ld-%s.pid", (long)getpid(), tag);
    unlink(buf);
}

long ck_test_read_pid(const char *path, uint32_t timeout_ms) {
    uint64_t deadline = ck_test_now_ms() + timeout_ms;
    for (;;) {
        FILE *f = fopen(path, "r");
        long pid = 0;
        if (f != NULL) {
            if (fscanf(f, "%ld", &pid) != 1)
                pid = 0;
            fclose(f);
        }
        if (pid > 0 || ck_test_now_ms() >= deadline)
            return pid;
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
}

static int is_gone(long pid) {
    if (kill((pid_t)pid, 0) != 0 && errno == ESRCH)
        return 1;
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *close_paren = strrchr(buf, ')');
    return close_paren != NULL && close_paren[1] == ' ' && close_paren[2] == 'Z';
}

int ck_test_wait_gone(long pid, uint32_t timeout_ms) {
    if (pid <= 0)
        return 0;
    uint64_t deadline = ck_test_now_ms() + timeout_ms;
    while (!is_gone(pid)) {
        if (ck_test_now_ms() >= deadline)
            return 0;
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
    return 1;
}
