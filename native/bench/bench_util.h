/*
 * bench_util.h - what the bench programs share: a nanosecond clock, CPU time of this
 * process and of another one, resident memory, percentiles, and the load generator (busy
 * processes) for the "both cores busy" figures. POSIX (Linux /proc) only.
 */
#ifndef CK_BENCH_UTIL_H
#define CK_BENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

uint64_t bench_now_ns(void);
/* Sleeps until the CLOCK_MONOTONIC time t_ns. */
void bench_sleep_until_ns(uint64_t t_ns);

/* User + system CPU of this process (every thread, exited ones too), in ns. */
uint64_t bench_cpu_self_ns(void);
/* CPU of the calling thread, in ns. */
uint64_t bench_cpu_thread_ns(void);
/* The calling thread's kernel id. */
pid_t bench_tid(void);
/* On-CPU time of every live thread of pid (0 = this process) whose id is not in skip[0..n),
 * in ns. */
uint64_t bench_cpu_tasks_ns(pid_t pid, const pid_t *skip, size_t nskip);
/* On-CPU time of every live thread of pid (/proc/<pid>/task/<tid>/schedstat), in ns;
 * 0 if pid is gone. */
uint64_t bench_cpu_pid_ns(pid_t pid);
/* VmRSS of pid in KiB (0 if unknown). */
long bench_rss_kib(pid_t pid);
/* The first child process of this process whose command name is comm (e.g. "node"),
 * or 0. The resource library starts the handler host as our child. */
pid_t bench_find_child(const char *comm);

/* Sorts samples in place; the p-th percentile (0..100) in µs of ns samples. */
void bench_sort(uint64_t *samples, size_t n);
double bench_pct_us(const uint64_t *sorted, size_t n, double p);

/* Starts n processes that spin at normal priority (a load generator); stop kills them. */
void bench_busy_start(int n);
void bench_busy_stop(void);

/* Load average over the last minute (what else was running). */
double bench_loadavg(void);

#endif /* CK_BENCH_UTIL_H */
