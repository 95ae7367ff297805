/* bench_lib.c - load a resource library and play the parts of RHS the bench needs. */
#include "bench_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"

#define MAX_VALUES 64

static struct {
    WCHAR name[64];
    DWORD type;
    BYTE data[512];
    DWORD cb;
} db[MAX_VALUES];
static int db_count;
static int verbose;

typedef struct slot {
    int state;         /* last reported CLUSTER_RESOURCE_STATE, -1 = none since reset */
    uint64_t final_at; /* ns of the last final report */
    uint64_t last_at;  /* ns of the reset or the last report */
} slot;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static slot *slots;
static int slot_count;
static uint64_t reports;
static uint64_t longest_gap_ns;

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
    pthread_mutex_lock(&mu);
    int i = find(name);
    DWORD rc = CK_ERROR_FILE_NOT_FOUND;
    if (i >= 0) {
        if (type != NULL)
            *type = db[i].type;
        rc = (data != NULL && *cb < db[i].cb) ? CK_ERROR_MORE_DATA : CK_ERROR_SUCCESS;
        if (data != NULL && rc == CK_ERROR_SUCCESS)
            memcpy(data, db[i].data, db[i].cb);
        *cb = db[i].cb;
    }
    pthread_mutex_unlock(&mu);
    return rc;
}

static DWORD db_set(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb) {
    (void)key;
    size_t n = 0;
    while (name[n] != 0)
        n++;
    if (n >= 64 || cb > sizeof db[0].data)
        return CK_ERROR_NOT_ENOUGH_MEMORY;
    pthread_mutex_lock(&mu);
    int i = find(name);
    if (i < 0 && db_count < MAX_VALUES)
        i = db_count++;
    if (i >= 0) {
        memcpy(db[i].name, name, (n + 1) * sizeof(WCHAR));
        db[i].type = type;
        memcpy(db[i].data, data, cb);
        db[i].cb = cb;
    }
    pthread_mutex_unlock(&mu);
    return i >= 0 ? CK_ERROR_SUCCESS : CK_ERROR_NOT_ENOUGH_MEMORY;
}

static DWORD db_delete(HKEY key, const WCHAR *name) {
    (void)key;
    pthread_mutex_lock(&mu);
    int i = find(name);
    if (i >= 0)
        db[i] = db[--db_count];
    pthread_mutex_unlock(&mu);
    return i >= 0 ? CK_ERROR_SUCCESS : CK_ERROR_FILE_NOT_FOUND;
}

static void event_signaled(HANDLE h) {
    (void)h;
}

static void WINAPI log_event(RESOURCE_HANDLE h, LOG_LEVEL level, LPCWSTR fmt, ...) {
    if (!verbose)
        return;
    va_list ap;
    va_start(ap, fmt);
    const WCHAR *text = va_arg(ap, const WCHAR *);
    va_end(ap);
    fprintf(stderr, "log[%d] #%lu ", (int)level, (unsigned long)(uintptr_t)h);
    for (; text != NULL && *text != 0; text++)
        fputc(*text < 0x80 ? (int)*text : '?', stderr);
    fputc('\n', stderr);
}

static DWORD WINAPI set_status(RESOURCE_HANDLE h, PRESOURCE_STATUS st) {
    int i = (int)(uintptr_t)h - 1;
    uint64_t now = bench_now_ns();
    pthread_mutex_lock(&mu);
    reports++;
    if (i >= 0 && i < slot_count) {
        slot *s = &slots[i];
        if (s->last_at != 0 && now - s->last_at > longest_gap_ns)
            longest_gap_ns = now - s->last_at;
        s->state = (int)st->ResourceState;
        s->last_at = st->ResourceState >= ClusterResourcePending ? now : 0;
        if (st->ResourceState < ClusterResourcePending)
            s->final_at = now;
        pthread_cond_broadcast(&cv);
    }
    pthread_mutex_unlock(&mu);
    return ResourceExitStateContinue;
}

void bench_state_reset(int i) {
    pthread_mutex_lock(&mu);
    slots[i].state = -1;
    slots[i].final_at = 0;
    slots[i].last_at = bench_now_ns();
    pthread_mutex_unlock(&mu);
}

void bench_state_final(int i, int state) {
    pthread_mutex_lock(&mu);
    slots[i].state = state;
    slots[i].final_at = bench_now_ns();
    slots[i].last_at = 0;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

int bench_wait_final(int i, uint32_t timeout_ms) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ts.tv_sec += timeout_ms / 1000u;
    ts.tv_nsec += (long)(timeout_ms % 1000u) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&mu);
    while (slots[i].state < 0 || slots[i].state >= ClusterResourcePending)
        if (pthread_cond_timedwait(&cv, &mu, &ts) != 0)
            break;
    int st = slots[i].state < ClusterResourcePending ? slots[i].state : -1;
    pthread_mutex_unlock(&mu);
    return st;
}

uint64_t bench_final_at(int i) {
    pthread_mutex_lock(&mu);
    uint64_t t = slots[i].final_at;
    pthread_mutex_unlock(&mu);
    return t;
}

uint64_t bench_status_reports(void) {
    pthread_mutex_lock(&mu);
    uint64_t n = reports;
    pthread_mutex_unlock(&mu);
    return n;
}

double bench_longest_pending_gap_ms(void) {
    pthread_mutex_lock(&mu);
    double ms = (double)longest_gap_ns / 1e6;
    pthread_mutex_unlock(&mu);
    return ms;
}

void bench_db_set_arg(const char *arg) {
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
        size_t len = strlen(v) > 250 ? 250 : strlen(v);
        for (size_t i = 0; i < len; i++) {
            d[2 * i] = (BYTE)v[i];
            d[2 * i + 1] = 0;
        }
        d[2 * len] = d[2 * len + 1] = 0;
        db_set(NULL, name, CK_REG_SZ, d, (DWORD)(2 * len + 2));
    }
}

int bench_lib_load(bench_lib *lib, const char *path, const char *type, int max_instances,
                   int verbose_log) {
    verbose = verbose_log;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&cv, &attr);
    slots = calloc((size_t)max_instances, sizeof *slots);
    slot_count = max_instances;
    lib->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (slots == NULL || lib->dl == NULL) {
        fprintf(stderr, "cannot load %s: %s\n", path, lib->dl == NULL ? dlerror() : "no memory");
        return -1;
    }
    PSTARTUP_ROUTINE startup = (PSTARTUP_ROUTINE)dlsym(lib->dl, CK_STARTUP_ROUTINE);
    typedef DWORD (*bind_fn)(const ck_host_services *);
    bind_fn bind = (bind_fn)dlsym(lib->dl, "ck_bind_host_services");
    if (startup == NULL) {
        fprintf(stderr, "%s does not export Startup\n", path);
        return -1;
    }
    static ck_host_services svc = {sizeof(ck_host_services), db_query, db_set, db_delete,
                                   event_signaled,           NULL,     NULL,   NULL};
    if (bind != NULL && bind(&svc) != CK_ERROR_SUCCESS) {
        fprintf(stderr, "ck_bind_host_services failed\n");
        return -1;
    }
    WCHAR wtype[128];
    size_t tl = strlen(type) < 127 ? strlen(type) : 127;
    for (size_t i = 0; i < tl; i++)
        wtype[i] = (WCHAR)(unsigned char)type[i];
    wtype[tl] = 0;
    PCLRES_FUNCTION_TABLE table = NULL;
    DWORD rc =
        startup(wtype, CLRES_VERSION_V1_00, CLRES_VERSION_V1_00, set_status, log_event, &table);
    if (rc != CK_ERROR_SUCCESS || table == NULL) {
        fprintf(stderr, "Startup failed: %u\n", (unsigned)rc);
        return -1;
    }
    lib->f = &table->V1Functions;
    return 0;
}

RESID bench_open(bench_lib *lib, int i, const char *prefix) {
    char name[64];
    WCHAR wname[64];
    int n = snprintf(name, sizeof name, "%s%d", prefix, i);
    for (int k = 0; k <= n; k++)
        wname[k] = (WCHAR)(unsigned char)name[k];
    bench_state_reset(i);
    return lib->f->Open(wname, (HKEY)(uintptr_t)(i + 1), (RESOURCE_HANDLE)(uintptr_t)(i + 1));
}
