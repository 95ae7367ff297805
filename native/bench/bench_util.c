/* bench_util.c - clock, CPU and memory of processes, percentiles, load generator. */
#include "bench_util.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

uint64_t bench_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void bench_sleep_until_ns(uint64_t t_ns) {
    struct timespec ts = {(time_t)(t_ns / 1000000000u), (long)(t_ns % 1000000000u)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {
    }
}

uint64_t bench_cpu_self_ns(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ((uint64_t)ru.ru_utime.tv_sec + (uint64_t)ru.ru_stime.tv_sec) * 1000000000u +
           ((uint64_t)ru.ru_utime.tv_usec + (uint64_t)ru.ru_stime.tv_usec) * 1000u;
}

uint64_t bench_cpu_thread_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

pid_t bench_tid(void) {
    return (pid_t)syscall(SYS_gettid);
}

uint64_t bench_cpu_pid_ns(pid_t pid) {
    return bench_cpu_tasks_ns(pid, NULL, 0);
}

uint64_t bench_cpu_tasks_ns(pid_t pid, const pid_t *skip, size_t nskip) {
    char path[64];
    if (pid == 0)
        pid = getpid();
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *dir = opendir(path);
    if (dir == NULL)
        return 0;
    uint64_t total = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        pid_t tid = (pid_t)atoi(e->d_name);
        int skipped = 0;
        for (size_t i = 0; i < nskip && !skipped; i++)
            skipped = skip[i] == tid;
        if (skipped)
            continue;
        char file[300];
        snprintf(file, sizeof file, "/proc/%d/task/%s/schedstat", (int)pid, e->d_name);
        FILE *f = fopen(file, "r");
        unsigned long long ns = 0;
        if (f != NULL) {
            if (fscanf(f, "%llu", &ns) == 1)
                total += ns;
            fclose(f);
        }
    }
    closedir(dir);
    return total;
}

long bench_rss_kib(pid_t pid) {
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long kib = 0;
    if (f == NULL)
        return 0;
    while (fgets(line, sizeof line, f) != NULL)
        if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
            break;
    fclose(f);
    return kib;
}

pid_t bench_find_child(const char *comm) {
    DIR *dir = opendir("/proc");
    pid_t found = 0, me = getpid();
    struct dirent *e;
    while (dir != NULL && found == 0 && (e = readdir(dir)) != NULL) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char path[300], buf[512];
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            continue;
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[n] = '\0';
        /* pid (comm) state ppid ...: comm may hold spaces, so split at the last ')'. */
        char *open = strchr(buf, '('), *close = strrchr(buf, ')');
        int ppid = 0;
        if (open == NULL || close == NULL || sscanf(close + 1, " %*c %d", &ppid) != 1)
            continue;
        *close = '\0';
        if (ppid == (int)me && strcmp(open + 1, comm) == 0)
            found = (pid_t)atoi(e->d_name);
    }
    if (dir != NULL)
        closedir(dir);
    return found;
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

void bench_sort(uint64_t *samples, size_t n) {
    qsort(samples, n, sizeof *samples, cmp_u64);
}

double bench_pct_us(const uint64_t *sorted, size_t n, double p) {
    if (n == 0)
        return 0;
    size_t i = (size_t)(p / 100.0 * (double)n);
    return (double)sorted[i < n ? i : n - 1] / 1000.0;
}

#define MAX_BUSY 16
static pid_t busy[MAX_BUSY];
static int busy_count;

void bench_busy_start(int n) {
    for (; n > 0 && busy_count < MAX_BUSY; n--) {
        pid_t pid = fork();
        if (pid == 0) {
            /* Gone with the bench, even when it is killed before bench_busy_stop. */
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            volatile uint64_t x = 0;
            for (;;)
                x++;
        }
        if (pid > 0)
            busy[busy_count++] = pid;
    }
}

void bench_busy_stop(void) {
    for (int i = 0; i < busy_count; i++) {
        kill(busy[i], SIGKILL);
        waitpid(busy[i], NULL, 0);
    }
    busy_count = 0;
}

double bench_loadavg(void) {
    double l = 0;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f != NULL) {
        if (fscanf(f, "%lf", &l) != 1)
            l = 0;
        fclose(f);
    }
    return l;
}
