/*
 * Runs one OCF agent action again and again and prints the wall time of every call in
 * microseconds, one per line, then "rc <code> <count>" lines. Spawning from C keeps the
 * driver's own cost (posix_spawn + waitpid) far below a Node child_process call.
 * Usage: agent-bench <iterations> <warmup> <agent path> <action>   (environment passed on)
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Returns the exit status, 128 + signal when a signal ended it, -1 when it could not run. */
static int run_once(const char *path, char *const argv[]) {
    pid_t pid;
    int status;
    if (posix_spawn(&pid, path, NULL, NULL, argv, environ) != 0)
        return -1;
    if (waitpid(pid, &status, 0) < 0)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: agent-bench <iterations> <warmup> <agent path> <action>\n");
        return 2;
    }
    long iterations = atol(argv[1]);
    long warmup = atol(argv[2]);
    char *const child[] = {argv[3], argv[4], NULL};
    int counts[258] = {0};
    if (iterations < 1 || warmup < 0)
        return 2;
    for (long i = 0; i < warmup; i++)
        run_once(argv[3], child);
    for (long i = 0; i < iterations; i++) {
        long long t0 = now_ns();
        int rc = run_once(argv[3], child);
        long long t1 = now_ns();
        counts[rc + 1]++;
        printf("%lld\n", (t1 - t0) / 1000);
    }
    for (int i = 0; i < 258; i++) {
        if (counts[i])
            printf("rc %d %d\n", i - 1, counts[i]);
    }
    return 0;
}
