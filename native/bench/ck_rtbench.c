/*
 * ck_rtbench.c - round-trip bench for a resource library.
 *
 *   ck_rtbench [--iterations N] [--warmup W] [--set Name=Value]... [--verbose] <library> <Type>
 *
 * Loads the library with dlopen, binds minimal host services (an in-memory database) when it
 * exports ck_bind_host_services, calls Startup and Open, stores the --set values (digits = DWORD,
 * anything else = SZ), brings the resource Online (cold: first host start), times N LooksAlive
 * and N IsAlive calls after W warm-up calls each, then Offline + Online again (warm host), and
 * prints one JSON line with p50/p99/max in microseconds (ns resolution) and both Online latencies
 * in ms.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clusterkit.h"

#define MAX_VALUES 64

static struct {
    WCHAR name[64];
    DWORD type;
    BYTE data[512];
    DWORD cb;
} db[MAX_VALUES];
static int db_count;
static int verbose;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int last_state = -1;

/* Nanoseconds: a pure-C call takes well under a microsecond. Printed in µs. */
static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int name_eq(const WCHAR *a, const WCHAR *b) {
    for (;; a++, b++) {
        WCHAR x = (*a >= 'a' && *a <= 'z') ? (WCHAR)(*a - 32) : *a;
        WCHAR y = (*b >= 'a' && *b <= 'z') ? (WCHAR)(*b - 32) : *b;
        if (x != y)
            return 0;
        if (x == 0)
            return 1;
    }
}

static int find(const WCHAR *name) {
    for (int i = 0; i < db_count; i++)
        if (name_eq(db[i].name, name))
            return i;
    return -1;
}

static DWORD db_query(HKEY key, const WCHAR *name, DWORD *type, BYTE *data, DWORD *cb) {
    (void)key;
    int i = find(name);
    if (i < 0)
        return CK_ERROR_FILE_NOT_FOUND;
    if (type != NULL)
        *type = db[i].type;
    DWORD rc = (data != NULL && *cb < db[i].cb) ? CK_ERROR_MORE_DATA : CK_ERROR_SUCCESS;
    if (data != NULL && rc == CK_ERROR_SUCCESS)
        memcpy(data, db[i].data, db[i].cb);
    *cb = db[i].cb;
    return rc;
}

static DWORD db_set(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb) {
    (void)key;
    int i = find(name);
    if (i < 0 && db_count < MAX_VALUES)
        i = db_count++;
    size_t n = 0;
    while (name[n] != 0)
        n++;
    if (i < 0 || n >= 64 || cb > sizeof db[i].data)
        return CK_ERROR_NOT_ENOUGH_MEMORY;
    memcpy(db[i].name, name, (n + 1) * sizeof(WCHAR));
    db[i].type = type;
    memcpy(db[i].data, data, cb);
    db[i].cb = cb;
    return CK_ERROR_SUCCESS;
}

static DWORD db_delete(HKEY key, const WCHAR *name) {
    (void)key;
    int i = find(name);
    if (i < 0)
        return CK_ERROR_FILE_NOT_FOUND;
    db[i] = db[--db_count];
    return CK_ERROR_SUCCESS;
}

static void event_signaled(HANDLE h) {
    (void)h;
}

static void WINAPI log_event(RESOURCE_HANDLE h, LOG_LEVEL level, LPCWSTR fmt, ...) {
    (void)h;
    if (!verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    const WCHAR *text = va_arg(ap, const WCHAR *);
    va_end(ap);
    fprintf(stderr, "log[%d] ", (int)level);
    for (; text != NULL && *text != 0; text++)
        fputc(*text < 0x80 ? (int)*text : '?', stderr);
    fputc('\n', stderr);
}

static DWORD WINAPI set_status(RESOURCE_HANDLE h, PRESOURCE_STATUS st) {
    (void)h;
    pthread_mutex_lock(&mu);
    last_state = (int)st->ResourceState;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    return ResourceExitStateContinue;
}

/* Waits (up to 60 s) for a final state after ERROR_IO_PENDING. */
static int wait_final(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 60;
    pthread_mutex_lock(&mu);
    while (last_state < 0 || last_state >= ClusterResourcePending)
        if (pthread_cond_timedwait(&cv, &mu, &ts) != 0)
            break;
    int st = last_state;
    pthread_mutex_unlock(&mu);
    return st;
}

static void set_value(const char *arg) {
    const char *eq = strchr(arg, '=');
    if (eq == NULL || eq == arg || eq - arg >= 63) {
        fprintf(stderr, "--set expects Name=Value, got '%s'\n", arg);
        exit(2);
    }
    WCHAR name[64];
    size_t n = (size_t)(eq - arg);
    for (size_t i = 0; i < n; i++)
        name[i] = (WCHAR)(unsigned char)arg[i];
    name[n] = 0;
    const char *v = eq + 1;
    if (v[0] != '\0' && strspn(v, "0123456789") == strlen(v)) {
        DWORD x = (DWORD)strtoul(v, NULL, 10);
        BYTE d[4] = {(BYTE)x, (BYTE)(x >> 8), (BYTE)(x >> 16), (BYTE)(x >> 24)};
        db_set(NULL, name, CK_REG_DWORD, d, 4);
    } else {
        BYTE d[512];
        size_t len = strlen(v);
        if (len > 250)
            len = 250;
        for (size_t i = 0; i < len; i++) {
            d[2 * i] = (BYTE)v[i];
            d[2 * i + 1] = 0;
        }
        d[2 * len] = d[2 * len + 1] = 0;
        db_set(NULL, name, CK_REG_SZ, d, (DWORD)(2 * len + 2));
    }
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

typedef BOOL(WINAPI *alive_fn)(RESID);

static int time_calls(alive_fn fn, RESID r, int warmup, int n, uint64_t *samples, char *out,
                      size_t cap) {
    int failures = 0;
    for (int i = 0; i < warmup; i++)
        failures += !fn(r);
    for (int i = 0; i < n; i++) {
        uint64_t t0 = now_ns();
        failures += !fn(r);
        samples[i] = now_ns() - t0;
    }
    qsort(samples, (size_t)n, sizeof *samples, cmp_u64);
    snprintf(out, cap, "{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f}", samples[n / 2] / 1000.0,
             samples[(n * 99) / 100] / 1000.0, samples[n - 1] / 1000.0);
    return failures;
}

/* Online and wait for it; returns ms, or -1 on failure. */
static double bring_online(const CLRES_V1_FUNCTIONS *f, RESID r) {
    HANDLE ev = NULL;
    pthread_mutex_lock(&mu);
    last_state = -1;
    pthread_mutex_unlock(&mu);
    uint64_t t0 = now_ns();
    DWORD rc = f->Online(r, &ev);
    if (rc == CK_ERROR_IO_PENDING)
        rc = wait_final() == ClusterResourceOnline ? CK_ERROR_SUCCESS : CK_ERROR_RESOURCE_FAILED;
    return rc == CK_ERROR_SUCCESS ? (double)(now_ns() - t0) / 1e6 : -1.0;
}

int main(int argc, char **argv) {
    int n = 10000, warmup = 500;
    const char *lib = NULL, *type = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (strcmp(argv[i], "--warmup") == 0 && i + 1 < argc)
            warmup = atoi(argv[++i]);
        else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc)
            set_value(argv[++i]);
        else if (strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else if (lib == NULL)
            lib = argv[i];
        else if (type == NULL)
            type = argv[i];
    }
    if (lib == NULL || type == NULL || n <= 0 || warmup < 0) {
        fprintf(stderr, "usage: ck_rtbench [--iterations N] [--warmup W] [--set Name=Value]... "
                        "[--verbose] <library> <TypeName>\n");
        return 2;
    }
    void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (h == NULL) {
        fprintf(stderr, "cannot load %s: %s\n", lib, dlerror());
        return 1;
    }
    PSTARTUP_ROUTINE startup = (PSTARTUP_ROUTINE)dlsym(h, CK_STARTUP_ROUTINE);
    typedef DWORD (*bind_fn)(const ck_host_services *);
    bind_fn bind = (bind_fn)dlsym(h, "ck_bind_host_services");
    if (startup == NULL) {
        fprintf(stderr, "%s does not export Startup\n", lib);
        return 1;
    }
    static ck_host_services svc = {sizeof(ck_host_services), db_query, db_set, db_delete,
                                   event_signaled,           NULL,     NULL,   NULL};
    if (bind != NULL && bind(&svc) != CK_ERROR_SUCCESS) {
        fprintf(stderr, "ck_bind_host_services failed\n");
        return 1;
    }
    WCHAR wtype[128], wname[] = {'B', 'e', 'n', 'c', 'h', '1', 0};
    size_t tl = strlen(type) < 127 ? strlen(type) : 127;
    for (size_t i = 0; i < tl; i++)
        wtype[i] = (WCHAR)(unsigned char)type[i];
    wtype[tl] = 0;
    PCLRES_FUNCTION_TABLE table = NULL;
    DWORD rc =
        startup(wtype, CLRES_VERSION_V1_00, CLRES_VERSION_V1_00, set_status, log_event, &table);
    if (rc != CK_ERROR_SUCCESS || table == NULL) {
        fprintf(stderr, "Startup failed: %u\n", (unsigned)rc);
        return 1;
    }
    const CLRES_V1_FUNCTIONS *f = &table->V1Functions;
    RESID r = f->Open(wname, (HKEY)(uintptr_t)1, (RESOURCE_HANDLE)(uintptr_t)1);
    if (r == NULL) {
        fprintf(stderr, "Open failed\n");
        return 1;
    }
    double cold = bring_online(f, r);
    if (cold < 0) {
        fprintf(stderr, "Online failed (run with --verbose for the cluster log)\n");
        f->Close(r);
        return 1;
    }
    uint64_t *samples = malloc(sizeof *samples * (size_t)n);
    char la[128], ia[128];
    int failures = time_calls(f->LooksAlive, r, warmup, n, samples, la, sizeof la);
    failures += time_calls(f->IsAlive, r, warmup, n, samples, ia, sizeof ia);
    pthread_mutex_lock(&mu);
    last_state = -1;
    pthread_mutex_unlock(&mu);
    rc = f->Offline(r);
    if (rc == CK_ERROR_IO_PENDING)
        wait_final();
    double warm = bring_online(f, r);
    rc = f->Offline(r);
    if (rc == CK_ERROR_IO_PENDING)
        wait_final();
    f->Close(r);
    printf("{\"library\":\"%s\",\"type\":\"%s\",\"iterations\":%d,\"warmup\":%d,"
           "\"looksAliveUs\":%s,\"isAliveUs\":%s,\"onlineColdMs\":%.2f,\"onlineWarmMs\":%.2f,"
           "\"failedCalls\":%d}\n",
           lib, type, n, warmup, la, ia, cold, warm, failures);
    free(samples);
    return failures == 0 && warm >= 0 ? 0 : 1;
}
