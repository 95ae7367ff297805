/*
 * ck_loadbench.c - many resources of one type in one monitor process, polled the way RHS
 * polls them.
 *
 *   ck_loadbench [--instances N] [--threads T] [--looks-alive MS] [--is-alive MS]
 *                [--seconds S] [--warmup S] [--spread] [--busy K] [--verbose] <library> <Type>
 *
 * 1. Opens N resources and brings them all Online at once on a cold host (the time until
 *    the last one is Online, and the longest gap between status reports of a pending
 *    resource: RHS's PendingTimeout clock).
 * 2. Polls for S seconds from T caller threads (default one per 16 resources, the
 *    documented NT4 ratio; resapi.md 3.1): every resource gets LooksAlive every MS and
 *    IsAlive every MS on its own schedule, which starts where its Online ended, as RHS
 *    starts polling (--spread: resource i starts at i/N of each period instead). Calls are
 *    synchronous on the caller thread, as in RHS. Polling runs --warmup seconds (default
 *    2: the host's JIT warms up) before the measured window.
 * 3. Prints one JSON line: calls wanted and made per second (made = answered inside the
 *    window), latency p50/p99/max, how late calls started, failed calls (FALSE) and
 *    calls that missed their deadline (answered after the same check was due again, or
 *    after the library's timeout for it), the CPU during the window of the library (its
 *    own threads, plus what the caller threads spent inside its entry points), of the
 *    handler host, and of this driver's scheduling (apart), and the host's RSS.
 * 4. Closes everything (the last Close stops the host).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_lib.h"
#include "bench_util.h"

typedef struct due {
    uint64_t at; /* ns */
    int inst;
    int kind; /* 0 LooksAlive, 1 IsAlive */
} due;

typedef struct caller {
    pthread_t thread;
    due *heap;
    size_t count;
    uint64_t *samples;
    size_t nsamples, cap;
    uint64_t wanted, made, failed, missed, late_max;
    uint64_t *lateness;
    uint64_t in_call_cpu; /* CPU this thread spent inside the library's calls (window) */
    volatile pid_t tid;
} caller;

static bench_lib lib;
static RESID *res;
static uint64_t period_ns[2], deadline_ns[2];
static uint64_t window_start, window_end;
static int spread;

static void heap_push(caller *c, due d) {
    size_t i = c->count++;
    while (i > 0 && c->heap[(i - 1) / 2].at > d.at) {
        c->heap[i] = c->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    c->heap[i] = d;
}

static due heap_pop(caller *c) {
    due top = c->heap[0], last = c->heap[--c->count];
    size_t i = 0;
    for (;;) {
        size_t k = 2 * i + 1;
        if (k >= c->count)
            break;
        if (k + 1 < c->count && c->heap[k + 1].at < c->heap[k].at)
            k++;
        if (c->heap[k].at >= last.at)
            break;
        c->heap[i] = c->heap[k];
        i = k;
    }
    if (c->count > 0)
        c->heap[i] = last;
    return top;
}

/* The first time at or after start on the grid origin + k * period. */
static uint64_t first_due(uint64_t origin, uint64_t period, uint64_t start) {
    if (origin >= start)
        return origin;
    uint64_t k = (start - origin + period - 1) / period;
    return origin + k * period;
}

static void *caller_main(void *arg) {
    caller *c = arg;
    c->tid = bench_tid();
    while (c->count > 0) {
        due d = heap_pop(c);
        if (d.at >= window_end)
            continue;
        uint64_t now = bench_now_ns();
        if (now < d.at) {
            bench_sleep_until_ns(d.at);
            now = bench_now_ns();
        }
        int counted = d.at >= window_start; /* else a warm-up call */
        uint64_t cpu0 = counted ? bench_cpu_thread_ns() : 0;
        BOOL alive = d.kind == 0 ? lib.f->LooksAlive(res[d.inst]) : lib.f->IsAlive(res[d.inst]);
        uint64_t end = bench_now_ns();
        if (!counted) {
            d.at += period_ns[d.kind];
            heap_push(c, d);
            continue;
        }
        c->in_call_cpu += bench_cpu_thread_ns() - cpu0;
        c->wanted++;
        uint64_t late = now - d.at;
        if (late > c->late_max)
            c->late_max = late;
        if (c->nsamples < c->cap) {
            c->lateness[c->nsamples] = late;
            c->samples[c->nsamples++] = end - now;
        }
        if (end <= window_end)
            c->made++;
        if (!alive)
            c->failed++;
        else if (end - d.at > period_ns[d.kind] || end - now > deadline_ns[d.kind])
            c->missed++;
        d.at += period_ns[d.kind];
        heap_push(c, d);
    }
    return NULL;
}

static int online_all(int n, double *all_ms, double *gap_ms) {
    uint64_t t0 = bench_now_ns();
    for (int i = 0; i < n; i++) {
        HANDLE ev = NULL;
        bench_state_reset(i);
        DWORD rc = lib.f->Online(res[i], &ev);
        if (rc == CK_ERROR_SUCCESS)
            bench_state_final(i, ClusterResourceOnline);
        else if (rc != CK_ERROR_IO_PENDING)
            return -1;
    }
    int online = 0;
    uint64_t last = t0;
    for (int i = 0; i < n; i++) {
        if (bench_wait_final(i, 300000) == ClusterResourceOnline)
            online++;
        if (bench_final_at(i) > last)
            last = bench_final_at(i);
    }
    *all_ms = (double)(last - t0) / 1e6;
    *gap_ms = bench_longest_pending_gap_ms();
    return online == n ? 0 : -1;
}

static int parse(int argc, char **argv, int *n, int *threads, int *la_ms, int *ia_ms,
                 double *seconds, double *warmup, int *busy, int *verbose, const char **path,
                 const char **type) {
    for (int i = 1; i < argc; i++) {
        int more = i + 1 < argc;
        if (strcmp(argv[i], "--instances") == 0 && more)
            *n = atoi(argv[++i]);
        else if (strcmp(argv[i], "--threads") == 0 && more)
            *threads = atoi(argv[++i]);
        else if (strcmp(argv[i], "--looks-alive") == 0 && more)
            *la_ms = atoi(argv[++i]);
        else if (strcmp(argv[i], "--is-alive") == 0 && more)
            *ia_ms = atoi(argv[++i]);
        else if (strcmp(argv[i], "--seconds") == 0 && more)
            *seconds = atof(argv[++i]);
        else if (strcmp(argv[i], "--warmup") == 0 && more)
            *warmup = atof(argv[++i]);
        else if (strcmp(argv[i], "--spread") == 0)
            spread = 1;
        else if (strcmp(argv[i], "--busy") == 0 && more)
            *busy = atoi(argv[++i]);
        else if (strcmp(argv[i], "--verbose") == 0)
            *verbose = 1;
        else if (*path == NULL)
            *path = argv[i];
        else if (*type == NULL)
            *type = argv[i];
        else
            return -1;
    }
    if (*threads <= 0)
        *threads = (*n + 15) / 16;
    return *path != NULL && *type != NULL && *n > 0 && *la_ms > 0 && *ia_ms > 0 && *seconds > 0 &&
                   *warmup >= 0
               ? 0
               : -1;
}

int main(int argc, char **argv) {
    int n = 1000, threads = 0, la_ms = 100, ia_ms = 1000, busy = 0, verbose = 0;
    double seconds = 10, warmup = 2;
    const char *path = NULL, *type = NULL;
    if (parse(argc, argv, &n, &threads, &la_ms, &ia_ms, &seconds, &warmup, &busy, &verbose, &path,
              &type) != 0) {
        fprintf(stderr, "usage: ck_loadbench [--instances N] [--threads T] [--looks-alive MS] "
                        "[--is-alive MS] [--seconds S] [--warmup S] [--spread] [--busy K] "
                        "[--verbose] <library> <Type>\n");
        return 2;
    }
    if (bench_lib_load(&lib, path, type, n, verbose) != 0)
        return 1;
    res = calloc((size_t)n, sizeof *res);
    for (int i = 0; i < n; i++)
        if ((res[i] = bench_open(&lib, i, "Load")) == NULL) {
            fprintf(stderr, "Open %d failed\n", i);
            return 1;
        }
    double online_ms = 0, gap_ms = 0;
    if (online_all(n, &online_ms, &gap_ms) != 0) {
        fprintf(stderr, "not every resource came Online (run with --verbose)\n");
        return 1;
    }
    pid_t host = bench_find_child("node");
    period_ns[0] = (uint64_t)la_ms * 1000000u;
    period_ns[1] = (uint64_t)ia_ms * 1000000u;
    /* The library answers FALSE after these (the bench type's timeouts); 1 s / 5 s. */
    deadline_ns[0] = 1000000000u;
    deadline_ns[1] = 5000000000u;
    uint64_t poll_start = bench_now_ns() + 100000000u;
    window_start = poll_start + (uint64_t)(warmup * 1e9);
    window_end = window_start + (uint64_t)(seconds * 1e9);
    caller *callers = calloc((size_t)threads, sizeof *callers);
    double per_thread = (double)n / threads * seconds * (1000.0 / la_ms + 1000.0 / ia_ms) + 64;
    for (int t = 0; t < threads; t++) {
        caller *c = &callers[t];
        c->heap = malloc(sizeof *c->heap * (size_t)(2 * (n / threads + 1)));
        c->cap = (size_t)per_thread;
        c->samples = malloc(sizeof *c->samples * c->cap);
        c->lateness = malloc(sizeof *c->lateness * c->cap);
        for (int i = t; i < n; i += threads)
            for (int k = 0; k < 2; k++)
                heap_push(c, (due){first_due(spread ? poll_start +
                                                          period_ns[k] * (uint64_t)i / (uint64_t)n
                                                    : bench_final_at(i),
                                             period_ns[k], poll_start),
                                   i, k});
    }
    bench_busy_start(busy);
    for (int t = 0; t < threads; t++)
        pthread_create(&callers[t].thread, NULL, caller_main, &callers[t]);
    /* The library's own threads (readers, dispatcher) are every thread but the callers and
     * this one; the callers' share is what they spent inside the calls. */
    pid_t *drivers = malloc(sizeof *drivers * (size_t)(threads + 1));
    drivers[threads] = bench_tid();
    for (int t = 0; t < threads; t++) {
        while (callers[t].tid == 0)
            bench_sleep_until_ns(bench_now_ns() + 1000000u);
        drivers[t] = callers[t].tid;
    }
    bench_sleep_until_ns(window_start);
    uint64_t self0 = bench_cpu_self_ns(), host0 = host > 0 ? bench_cpu_pid_ns(host) : 0;
    uint64_t lib0 = bench_cpu_tasks_ns(0, drivers, (size_t)threads + 1);
    bench_sleep_until_ns(window_end);
    uint64_t self_cpu = bench_cpu_self_ns() - self0;
    uint64_t host_cpu = host > 0 ? bench_cpu_pid_ns(host) - host0 : 0;
    uint64_t lib_cpu = bench_cpu_tasks_ns(0, drivers, (size_t)threads + 1) - lib0;
    uint64_t lib_threads_cpu = lib_cpu;
    long rss = host > 0 ? bench_rss_kib(host) : 0;
    for (int t = 0; t < threads; t++)
        pthread_join(callers[t].thread, NULL);
    bench_busy_stop();

    uint64_t wanted = 0, made = 0, failed = 0, missed = 0, late_max = 0;
    size_t total = 0;
    for (int t = 0; t < threads; t++)
        total += callers[t].nsamples;
    uint64_t *all = malloc(sizeof *all * (total + 1)), *late = malloc(sizeof *late * (total + 1));
    size_t k = 0;
    for (int t = 0; t < threads; t++) {
        caller *c = &callers[t];
        wanted += c->wanted;
        made += c->made;
        failed += c->failed;
        missed += c->missed;
        lib_cpu += c->in_call_cpu;
        late_max = c->late_max > late_max ? c->late_max : late_max;
        memcpy(all + k, c->samples, c->nsamples * sizeof *all);
        memcpy(late + k, c->lateness, c->nsamples * sizeof *late);
        k += c->nsamples;
    }
    bench_sort(all, total);
    bench_sort(late, total);
    double window_s = (double)(window_end - window_start) / 1e9;
    uint64_t close0 = bench_now_ns();
    for (int i = 0; i < n; i++)
        lib.f->Close(res[i]);
    double close_ms = (double)(bench_now_ns() - close0) / 1e6;
    double core = window_s * 1e7; /* ns of one core over the window, per cent */
    printf("{\"instances\":%d,\"threads\":%d,\"looksAliveMs\":%d,\"isAliveMs\":%d,"
           "\"seconds\":%.1f,\"spread\":%d,\"busy\":%d,\"onlineAllMs\":%.1f,"
           "\"longestPendingGapMs\":%.1f,\"wantedPerS\":%.1f,\"madePerS\":%.1f,"
           "\"latencyUs\":{\"p50\":%.1f,\"p99\":%.1f,\"max\":%.1f},"
           "\"lateStartUs\":{\"p99\":%.1f,\"max\":%.1f},\"failed\":%llu,\"missed\":%llu,"
           "\"cpuPctOfCore\":%.2f,\"libraryCpuPctOfCore\":%.2f,\"hostCpuPctOfCore\":%.2f,"
           "\"driverCpuPctOfCore\":%.2f,\"libraryThreadsCpuPctOfCore\":%.2f,"
           "\"cpuPerCallUs\":%.2f,\"hostRssKiB\":%ld,"
           "\"closeAllMs\":%.1f,\"loadavg\":%.2f}\n",
           n, threads, la_ms, ia_ms, seconds, spread, busy, online_ms, gap_ms,
           (double)wanted / window_s, (double)made / window_s, bench_pct_us(all, total, 50),
           bench_pct_us(all, total, 99), bench_pct_us(all, total, 100),
           bench_pct_us(late, total, 99), (double)late_max / 1e3, (unsigned long long)failed,
           (unsigned long long)missed, (double)(lib_cpu + host_cpu) / core, (double)lib_cpu / core,
           (double)host_cpu / core, (double)(self_cpu > lib_cpu ? self_cpu - lib_cpu : 0) / core,
           (double)lib_threads_cpu / core,
           wanted > 0 ? (double)(lib_cpu + host_cpu) / (double)wanted / 1e3 : 0, rss, close_ms,
           bench_loadavg());
    for (int t = 0; t < threads; t++) {
        free(callers[t].heap);
        free(callers[t].samples);
        free(callers[t].lateness);
    }
    free(callers);
    free(drivers);
    free(all);
    free(late);
    free(res);
    return failed == 0 && missed == 0 ? 0 : 1;
}
