/*
 * ck_rtbench.c - round-trip bench for a resource library.
 *
 *   ck_rtbench [--iterations N] [--warmup W] [--busy K] [--set Name=Value]... [--verbose]
 *              <library> <Type>
 *
 * Loads the library the way RHS does (bench_lib.c), stores the --set values, brings one
 * resource Online (cold: first host start), times N LooksAlive and N IsAlive calls after W
 * warm-up calls each, then Offline + Online again (warm host), and prints one JSON line
 * with p50/p99/max in µs (ns resolution), both Online latencies in ms, and the CPU per
 * health call of this process (the library; the caller's own share is a clock read) plus
 * the handler host (user + system, every thread). --busy K runs K spinning processes at
 * normal priority during the timed calls (the "both cores busy" figure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_lib.h"
#include "bench_util.h"

typedef BOOL(WINAPI *alive_fn)(RESID);

typedef struct figure {
    char json[160];
    uint64_t cpu_self_ns, cpu_host_ns;
    int failures;
} figure;

static void time_calls(alive_fn fn, RESID r, int warmup, int n, uint64_t *samples, pid_t host,
                       figure *out) {
    for (int i = 0; i < warmup; i++)
        out->failures += !fn(r);
    uint64_t self0 = bench_cpu_self_ns(), host0 = host > 0 ? bench_cpu_pid_ns(host) : 0;
    for (int i = 0; i < n; i++) {
        uint64_t t0 = bench_now_ns();
        out->failures += !fn(r);
        samples[i] = bench_now_ns() - t0;
    }
    out->cpu_self_ns = bench_cpu_self_ns() - self0;
    out->cpu_host_ns = host > 0 ? bench_cpu_pid_ns(host) - host0 : 0;
    bench_sort(samples, (size_t)n);
    snprintf(out->json, sizeof out->json,
             "{\"p50\":%.3f,\"p99\":%.3f,\"max\":%.3f,\"cpuUs\":%.3f,\"hostCpuUs\":%.3f}",
             bench_pct_us(samples, (size_t)n, 50), bench_pct_us(samples, (size_t)n, 99),
             bench_pct_us(samples, (size_t)n, 100),
             (double)(out->cpu_self_ns + out->cpu_host_ns) / n / 1000.0,
             (double)out->cpu_host_ns / n / 1000.0);
}

/* Online and wait for it; returns ms, or -1 on failure. */
static double bring_online(const CLRES_V1_FUNCTIONS *f, RESID r) {
    HANDLE ev = NULL;
    bench_state_reset(0);
    uint64_t t0 = bench_now_ns();
    DWORD rc = f->Online(r, &ev);
    if (rc == CK_ERROR_IO_PENDING)
        rc = bench_wait_final(0, 60000) == ClusterResourceOnline ? CK_ERROR_SUCCESS
                                                                 : CK_ERROR_RESOURCE_FAILED;
    return rc == CK_ERROR_SUCCESS ? (double)(bench_now_ns() - t0) / 1e6 : -1.0;
}

static void take_offline(const CLRES_V1_FUNCTIONS *f, RESID r) {
    bench_state_reset(0);
    if (f->Offline(r) == CK_ERROR_IO_PENDING)
        bench_wait_final(0, 60000);
}

int main(int argc, char **argv) {
    int n = 10000, warmup = 500, busy = 0, verbose = 0;
    const char *lib_path = NULL, *type = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (strcmp(argv[i], "--warmup") == 0 && i + 1 < argc)
            warmup = atoi(argv[++i]);
        else if (strcmp(argv[i], "--busy") == 0 && i + 1 < argc)
            busy = atoi(argv[++i]);
        else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc)
            bench_db_set_arg(argv[++i]);
        else if (strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else if (lib_path == NULL)
            lib_path = argv[i];
        else if (type == NULL)
            type = argv[i];
    }
    if (lib_path == NULL || type == NULL || n <= 0 || warmup < 0) {
        fprintf(stderr, "usage: ck_rtbench [--iterations N] [--warmup W] [--busy K] "
                        "[--set Name=Value]... [--verbose] <library> <TypeName>\n");
        return 2;
    }
    bench_lib lib;
    if (bench_lib_load(&lib, lib_path, type, 1, verbose) != 0)
        return 1;
    const CLRES_V1_FUNCTIONS *f = lib.f;
    RESID r = bench_open(&lib, 0, "Bench");
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
    pid_t host = bench_find_child("node");
    uint64_t *samples = malloc(sizeof *samples * (size_t)n);
    figure la = {0}, ia = {0};
    bench_busy_start(busy);
    time_calls(f->LooksAlive, r, warmup, n, samples, host, &la);
    time_calls(f->IsAlive, r, warmup, n, samples, host, &ia);
    bench_busy_stop();
    take_offline(f, r);
    double warm = bring_online(f, r);
    take_offline(f, r);
    f->Close(r);
    printf("{\"library\":\"%s\",\"type\":\"%s\",\"iterations\":%d,\"warmup\":%d,\"busy\":%d,"
           "\"looksAliveUs\":%s,\"isAliveUs\":%s,\"onlineColdMs\":%.2f,\"onlineWarmMs\":%.2f,"
           "\"failedCalls\":%d,\"loadavg\":%.2f}\n",
           lib_path, type, n, warmup, busy, la.json, ia.json, cold, warm, la.failures + ia.failures,
           bench_loadavg());
    free(samples);
    return la.failures + ia.failures == 0 && warm >= 0 ? 0 : 1;
}
