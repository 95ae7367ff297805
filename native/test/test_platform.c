/* test_platform.c - the POSIX platform layer: spawn with pipes in its own process group,
 * no leaked descriptors, clean signal state, process-group kill, reap, events, PATH,
 * %VAR% expansion. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errors.h"
#include "platform/platform.h"
#include "support.h"

/* Reads the child's whole stdout (until EOF), at most cap-1 bytes. */
static size_t read_all(ck_fd fd, char *buf, size_t cap) {
    size_t len = 0;
    uint64_t deadline = ck__now_ms() + 20000;
    while (len < cap - 1 && ck__now_ms() < deadline) {
        long n = ck__pipe_read(fd, buf + len, cap - 1 - len, 1000);
        if (n == CK_ERR_TIMEOUT)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    buf[len] = '\0';
    return len;
}

static int spawn_and_read(char *const argv[], const char *input, char *out, size_t cap, char *err,
                          size_t err_cap, int *code) {
    ck_process p;
    int rc = ck__process_spawn(argv[0], argv, NULL, &p, NULL);
    CHECK_EQ(rc, CK_OK);
    if (rc != CK_OK)
        return -1;
    CHECK_EQ(p.pgid, p.pid);
    if (input != NULL)
        CHECK_EQ(ck__pipe_write(p.stdin_w, input, strlen(input), 5000), CK_OK);
    read_all(p.stdout_r, out, cap);
    read_all(p.stderr_r, err, err_cap);
    uint64_t deadline = ck__now_ms() + 10000;
    while ((rc = ck__process_reap(p.pid, code)) == 0 && ck__now_ms() < deadline)
        ck__sleep_ms(5);
    CHECK_EQ(rc, 1);
    CHECK_EQ(ck__process_reap(p.pid, code), -1); /* already reaped */
    /* Writing to a pipe whose reader is gone fails cleanly instead of raising SIGPIPE. */
    if (input != NULL)
        CHECK_EQ(ck__pipe_write(p.stdin_w, "x", 1, 1000), CK_ERR_IO);
    long pid = p.pid;
    ck__process_close_pipes(&p);
    return (int)pid;
}

static void test_spawn_pipes_and_hygiene(void) {
    /* A descriptor opened without O_CLOEXEC must still not reach the child. */
    int leak = open("/dev/null", O_RDONLY);
    CHECK(leak >= 0 && dup2(leak, 50) == 50);
    char out[4096], err[256];
    int code = 99;
    char *sh[] = {"/bin/sh", "-c",
                  "read line; echo \"got:$line\"; echo err-line >&2; "
                  "if [ -e /proc/$$/fd/50 ]; then echo LEAKED; fi; "
                  "echo pgid:$(cut -d' ' -f5 /proc/$$/stat)",
                  NULL};
    int pid = spawn_and_read(sh, "hello\n", out, sizeof out, err, sizeof err, &code);
    CHECK(strstr(out, "got:hello") != NULL);
    CHECK(strstr(out, "LEAKED") == NULL);
    char want[64];
    snprintf(want, sizeof want, "pgid:%d\n", pid);
    CHECK(strstr(out, want) != NULL);
    CHECK(strstr(err, "err-line") != NULL);
    CHECK_EQ(code, 0);
    close(50);
    close(leak);

    /* Signal state: the parent ignores SIGPIPE (as Node does) and blocks SIGTERM; the
     * child (grep itself, which changes nothing) must start with defaults and no mask. */
    signal(SIGPIPE, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, NULL);
    char *grep[] = {"/bin/grep", "-E", "^(SigBlk|SigIgn):", "/proc/self/status", NULL};
    spawn_and_read(grep, NULL, out, sizeof out, err, sizeof err, &code);
    CHECK(strstr(out, "SigBlk:\t0000000000000000") != NULL);
    const char *ign = strstr(out, "SigIgn:\t");
    /* SIGPIPE is signal 13: bit 12 of the mask. */
    CHECK(ign != NULL && (strtoull(ign + 8, NULL, 16) & 0x1000u) == 0);
    pthread_sigmask(SIG_UNBLOCK, &block, NULL);
    signal(SIGPIPE, SIG_DFL);
}

static void test_group_kill(void) {
    char pidfile[128];
    ck_test_pidfile(pidfile, sizeof pidfile, "grandchild");
    char script[256];
    snprintf(script, sizeof script, "sleep 60 & echo $! > %s; wait", pidfile);
    char *argv[] = {"sh", "-c", script, NULL};
    ck_process p;
    CHECK_EQ(ck__process_spawn("/bin/sh", argv, NULL, &p, NULL), CK_OK);
    long grandchild = ck_test_read_pid(pidfile, 10000);
    CHECK(grandchild > 0);
    CHECK_EQ(ck__process_reap(p.pid, NULL), 0); /* still running */
    ck__process_kill_group(p.pgid);
    int code = 0, rc;
    uint64_t deadline = ck__now_ms() + 10000;
    while ((rc = ck__process_reap(p.pid, &code)) == 0 && ck__now_ms() < deadline)
        ck__sleep_ms(5);
    CHECK_EQ(rc, 1);
    CHECK_EQ(code, -1); /* killed by a signal */
    CHECK(ck_test_wait_gone(grandchild, 10000));
    ck__process_close_pipes(&p);
    unlink(pidfile);
    ck__process_kill_group(1);               /* refused: never init's group */
    ck__process_kill_group((long)getpgrp()); /* refused: never our own group */
}

static void test_spawn_failure(void) {
    char *argv[] = {"nope", NULL};
    ck_process p;
    int os_error = 0;
    CHECK_EQ(ck__process_spawn("/nonexistent/ck-no-such-program", argv, NULL, &p, &os_error),
             CK_ERR_SPAWN);
    CHECK(os_error != 0);
    CHECK_EQ(ck__process_spawn(NULL, argv, NULL, &p, &os_error), CK_ERR_INVALID_ARG);
}

static void test_events_and_clock(void) {
    ck_event *ev = ck__event_create(0);
    CHECK(ev != NULL);
    uint64_t t0 = ck__now_ms();
    CHECK_EQ(ck__event_wait(ev, 50), 1); /* times out */
    CHECK(ck__now_ms() - t0 >= 50);
    ck__event_set(ev);
    CHECK_EQ(ck__event_wait(ev, 0), 0);
    CHECK_EQ(ck__event_wait(ev, 0), 1); /* auto-reset */
    ck__event_destroy(ev);
    ck_event *manual = ck__event_create(1);
    ck__event_set(manual);
    CHECK_EQ(ck__event_wait(manual, 0), 0);
    CHECK_EQ(ck__event_wait(manual, 0), 0); /* stays set */
    ck__event_reset(manual);
    CHECK_EQ(ck__event_wait(manual, 10), 1);
    ck__event_destroy(manual);
    uint64_t us = ck__now_us();
    CHECK(us / 1000 + 5 >= ck__now_ms() - 5);
}

static void test_paths(void) {
    char buf[1024];
    CHECK_EQ(ck__find_program("sh", buf, sizeof buf), CK_OK);
    CHECK(strchr(buf, '/') != NULL);
    CHECK_EQ(ck__find_program("ck-definitely-not-a-program", buf, sizeof buf),
             CK_ERR_NODE_NOT_FOUND);
    CHECK_EQ(ck__find_program("/bin/sh", buf, sizeof buf), CK_OK);
    CHECK_EQ(ck__module_dir(buf, sizeof buf), CK_OK);
    CHECK(buf[0] == '/');
}

/* UTF-16LE bytes of an ASCII string with its NUL; returns the size. */
static size_t le16(const char *s, uint8_t *out) {
    size_t n = 0;
    for (; s[n]; n++)
        out[n * 2] = (uint8_t)s[n], out[n * 2 + 1] = 0;
    out[n * 2] = out[n * 2 + 1] = 0;
    return n * 2 + 2;
}

static int expands_to(const char *in, const char *want) {
    uint8_t a[256], b[256], *out = NULL;
    size_t out_cb = 0, in_cb = le16(in, a), want_cb = le16(want, b);
    int ok = ck__expand_env(a, in_cb, &out, &out_cb) == CK_OK && out_cb == want_cb &&
             memcmp(out, b, want_cb) == 0;
    free(out);
    return ok;
}

static void test_expand(void) {
    setenv("CK_T_A", "alpha", 1);
    setenv("CK_T_EMPTY", "", 1);
    unsetenv("CK_T_NONE");
    CHECK(expands_to("%CK_T_A%", "alpha"));
    CHECK(expands_to("x%CK_T_A%y%CK_T_A%", "xalphayalpha"));
    CHECK(expands_to("%CK_T_NONE%/d", "%CK_T_NONE%/d"));
    CHECK(expands_to("a%CK_T_EMPTY%b", "ab"));
    CHECK(expands_to("100%", "100%"));
    CHECK(expands_to("%%", "%%"));
    CHECK(expands_to("", ""));
    uint8_t odd[3] = {'a', 0, 0}, *out = NULL;
    size_t cb = 0;
    CHECK_EQ(ck__expand_env(odd, 3, &out, &cb), CK_ERR_INVALID_ARG);
    /* A value in UTF-8 comes back as UTF-16. */
    setenv("CK_T_UTF8", "\xc3\xa9", 1);
    uint8_t a[64], *got = NULL;
    CHECK_EQ(ck__expand_env(a, le16("%CK_T_UTF8%", a), &got, &cb), CK_OK);
    CHECK(cb == 4 && got[0] == 0xE9 && got[1] == 0 && got[2] == 0 && got[3] == 0);
    free(got);
}

int main(void) {
    test_spawn_pipes_and_hygiene();
    test_group_kill();
    test_spawn_failure();
    test_events_and_clock();
    test_paths();
    test_expand();
    return ck_test_finish("test_platform");
}
