/*
 * ck_pingpong.c - the physical limit of a round trip between two processes on this
 * machine: a 20-byte "request" (a LooksAlive frame) over one pipe and a 21-byte "answer"
 * (its response frame) back over another, with blocking reads on both sides and nothing
 * else. The same sizes and the same pipes as library -> host -> library.
 *
 *   ck_pingpong [--iterations N] [--warmup W] [--rate R] [--busy K] [--peer program [args...]]
 *
 * The echoing side is a forked copy of this program, or --peer (which reads requests on
 * stdin and answers on stdout: e.g. a minimal Node.js echo, to show Node's own floor).
 * Prints one JSON line: p50/p99/max of the round trip in µs and the CPU per round trip of
 * both processes together (user + system). --rate R paces the round trips at R per second
 * (the CPU of a wake-up per call, as polling causes it), else they run back to back.
 * --busy K runs K spinning processes meanwhile.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"

#define REQ_SIZE 20
#define ANS_SIZE 21

static int read_full(int fd, unsigned char *buf, size_t n) {
    while (n > 0) {
        ssize_t r = read(fd, buf, n);
        if (r <= 0)
            return -1;
        buf += r;
        n -= (size_t)r;
    }
    return 0;
}

static void echo_loop(int in, int out) {
    unsigned char req[REQ_SIZE], ans[ANS_SIZE];
    memset(ans, 0, sizeof ans);
    while (read_full(in, req, sizeof req) == 0) {
        memcpy(ans, req, sizeof req);
        ans[5] = 2; /* kind: response */
        ans[0] = 17;
        ans[20] = 1; /* alive */
        if (write(out, ans, sizeof ans) != (ssize_t)sizeof ans)
            break;
    }
    _exit(0);
}

static pid_t start_peer(char **peer, int *to_peer, int *from_peer) {
    int a[2], b[2];
    if (pipe(a) != 0 || pipe(b) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(a[1]);
        close(b[0]);
        if (peer == NULL)
            echo_loop(a[0], b[1]);
        dup2(a[0], 0);
        dup2(b[1], 1);
        execvp(peer[0], peer);
        _exit(127);
    }
    close(a[0]);
    close(b[1]);
    *to_peer = a[1];
    *from_peer = b[0];
    return pid;
}

int main(int argc, char **argv) {
    int n = 10000, warmup = 500, busy = 0;
    double rate = 0;
    char **peer = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--iterations") == 0 && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (strcmp(argv[i], "--warmup") == 0 && i + 1 < argc)
            warmup = atoi(argv[++i]);
        else if (strcmp(argv[i], "--rate") == 0 && i + 1 < argc)
            rate = atof(argv[++i]);
        else if (strcmp(argv[i], "--busy") == 0 && i + 1 < argc)
            busy = atoi(argv[++i]);
        else if (strcmp(argv[i], "--peer") == 0 && i + 1 < argc) {
            peer = &argv[i + 1];
            break;
        } else {
            fprintf(stderr,
                    "usage: ck_pingpong [--iterations N] [--warmup W] [--rate R] [--busy K] "
                    "[--peer program [args...]]\n");
            return 2;
        }
    }
    if (n <= 0 || warmup < 0)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    int to_peer, from_peer;
    pid_t pid = start_peer(peer, &to_peer, &from_peer);
    if (pid < 0) {
        perror("ck_pingpong: cannot start the peer");
        return 1;
    }
    unsigned char req[REQ_SIZE] = {16, 0, 0, 0, 1, 1, 0x15, 0, 1, 0, 0, 0, 1, 0, 0, 0};
    unsigned char ans[ANS_SIZE];
    uint64_t *samples = malloc(sizeof *samples * (size_t)n);
    int failed = samples == NULL;
    for (int i = 0; i < warmup && !failed; i++)
        failed = write(to_peer, req, sizeof req) != (ssize_t)sizeof req ||
                 read_full(from_peer, ans, sizeof ans) != 0;
    bench_busy_start(busy);
    /* The caller's share is its CPU inside the round trips (with --rate its sleeps between
     * them are not the pipe's cost); the peer does nothing but answer. */
    uint64_t cpu = 0, peer0 = bench_cpu_pid_ns(pid);
    uint64_t start = bench_now_ns(), gap = rate > 0 ? (uint64_t)(1e9 / rate) : 0;
    for (int i = 0; i < n && !failed; i++) {
        if (gap != 0)
            bench_sleep_until_ns(start + (uint64_t)i * gap);
        uint64_t c0 = bench_cpu_thread_ns(), t0 = bench_now_ns();
        failed = write(to_peer, req, sizeof req) != (ssize_t)sizeof req ||
                 read_full(from_peer, ans, sizeof ans) != 0;
        samples[i] = bench_now_ns() - t0;
        cpu += bench_cpu_thread_ns() - c0;
    }
    uint64_t peer_cpu = bench_cpu_pid_ns(pid) - peer0;
    bench_busy_stop();
    close(to_peer);
    close(from_peer);
    waitpid(pid, NULL, 0);
    if (failed) {
        fprintf(stderr, "ck_pingpong: the peer stopped answering\n");
        return 1;
    }
    bench_sort(samples, (size_t)n);
    printf(
        "{\"iterations\":%d,\"rate\":%.0f,\"busy\":%d,\"roundTripUs\":{\"p50\":%.3f,\"p99\":%.3f,"
        "\"max\":%.3f},\"cpuPerCallUs\":%.3f,\"callerCpuPerCallUs\":%.3f,"
        "\"peerCpuPerCallUs\":%.3f,\"loadavg\":%.2f}\n",
        n, rate, busy, bench_pct_us(samples, (size_t)n, 50), bench_pct_us(samples, (size_t)n, 99),
        bench_pct_us(samples, (size_t)n, 100), (double)(cpu + peer_cpu) / n / 1000.0,
        (double)cpu / n / 1000.0, (double)peer_cpu / n / 1000.0, bench_loadavg());
    free(samples);
    return 0;
}
