/*
 * platform_test.c - drives the Windows platform layer (win32*.c) for real under Wine
 * or Windows: threads, events, clock, paths, environment, and handler-host processes
 * (pipes, quoting, the inherited-handle list, job kill, reap). Needs child.exe next to
 * it. Prints "PASS <name>" / "FAIL <name>: why" and ends with "ALL DONE" only when
 * every check held.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "errors.h"
#include "platform/platform.h"

static int failures;
static char child_exe[MAX_PATH];

#define CHECK(name, cond, ...)                                                                     \
    do {                                                                                           \
        if (cond) {                                                                                \
            printf("PASS %s\n", name);                                                             \
        } else {                                                                                   \
            printf("FAIL %s: ", name);                                                             \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
            failures++;                                                                            \
        }                                                                                          \
        fflush(stdout);                                                                            \
    } while (0)

static int spawn(const char *mode, const char *arg, ck_process *p) {
    char *argv[] = {"child.exe", (char *)mode, (char *)arg, NULL};
    int os = 0;
    memset(p, 0, sizeof *p);
    return ck__process_spawn(child_exe, argv, NULL, p, &os);
}

/* Reads until EOF or `want` bytes (0 = until EOF), at most 20 s. */
static size_t read_all(ck_fd fd, char *buf, size_t cap, size_t want) {
    size_t n = 0;
    uint64_t deadline = ck__now_ms() + 20000;
    while (n + 1 < cap && ck__now_ms() < deadline && (want == 0 || n < want)) {
        long r = ck__pipe_read(fd, buf + n, cap - 1 - n, 1000);
        if (r == 0 || (r < 0 && r != CK_ERR_TIMEOUT))
            break;
        if (r > 0)
            n += (size_t)r;
    }
    buf[n] = 0;
    return n;
}

static int wait_reaped(long pid, int *code) {
    for (int i = 0; i < 400; i++) {
        int r = ck__process_reap(pid, code);
        if (r != 0)
            return r;
        Sleep(50);
    }
    return 0;
}

static int process_gone(DWORD pid) {
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, pid);
    if (h == NULL)
        return 1;
    DWORD w = WaitForSingleObject(h, 20000);
    CloseHandle(h);
    return w == WAIT_OBJECT_0;
}

static void thread_fn(void *arg) {
    ck__event_set((ck_event *)arg);
}

static void test_basics(void) {
    uint64_t t0 = ck__now_ms();
    ck__sleep_ms(60);
    CHECK("clock-monotonic", ck__now_ms() - t0 >= 40 && ck__now_us() > 0, "slept 60 ms");
    ck_event *ev = ck__event_create(0);
    int a = ck__event_wait(ev, 0);
    ck__event_set(ev);
    int b = ck__event_wait(ev, 0), c = ck__event_wait(ev, 0);
    CHECK("event-auto-reset", a == 1 && b == 0 && c == 1, "%d %d %d", a, b, c);
    ck_thread th;
    int rc = ck__thread_start(&th, thread_fn, ev);
    int w = ck__event_wait(ev, 20000);
    ck__thread_join(&th);
    CHECK("thread-start-join", rc == 0 && w == 0, "rc=%d wait=%d", rc, w);
    ck__event_destroy(ev);
    ck_mutex m;
    ck_cond cv;
    ck__mutex_init(&m);
    ck__cond_init(&cv);
    ck__mutex_lock(&m);
    int timed = 0;
    uint64_t deadline = ck__now_ms() + 50;
    while (!timed)
        timed = ck__cond_wait_until(&cv, &m, deadline);
    ck__mutex_unlock(&m);
    CHECK("cond-deadline", ck__now_ms() >= deadline, "woke early");
    ck__cond_destroy(&cv);
    ck__mutex_destroy(&m);
}

static void test_paths(void) {
    char dir[MAX_PATH * 3], found[MAX_PATH * 3];
    int rc = ck__module_dir(dir, sizeof dir);
    CHECK("module-dir", rc == 0 && strlen(dir) > 0 && strncmp(dir, child_exe, strlen(dir)) == 0,
          "rc=%d dir=%s", rc, dir);
    rc = ck__find_program(child_exe, found, sizeof found);
    CHECK("find-program-path", rc == 0 && strcmp(found, child_exe) == 0, "rc=%d", rc);
    rc = ck__find_program("cmd", found, sizeof found);
    CHECK("find-program-on-path", rc == 0 && strstr(found, "cmd.exe") != NULL, "rc=%d", rc);
    rc = ck__find_program("no-such-program-ck", found, sizeof found);
    CHECK("find-program-missing", rc == CK_ERR_NODE_NOT_FOUND, "rc=%d", rc);
    SetEnvironmentVariableW(L"CK_TEST_VAR", L"h\x00e9llo");
    const char *v = ck__getenv("CK_TEST_VAR");
    CHECK("getenv-utf8", v != NULL && strcmp(v, "h\xc3\xa9llo") == 0, "%s", v ? v : "(null)");
    CHECK("getenv-missing", ck__getenv("CK_TEST_NOT_SET") == NULL, "not NULL");
}

static void test_echo_and_args(void) {
    ck_process p;
    char buf[512];
    int rc = spawn("echo", NULL, &p), code = -5;
    int wr = ck__pipe_write(p.stdin_w, "hello\n", 6, 5000);
    size_t n = read_all(p.stdout_r, buf, sizeof buf, 6);
    CHECK("spawn-echo", rc == 0 && wr == 0 && n == 6 && memcmp(buf, "hello\n", 6) == 0,
          "rc=%d wr=%d n=%u", rc, wr, (unsigned)n);
    ck__fd_close(&p.stdin_w);
    n = read_all(p.stdout_r, buf, sizeof buf, 0);
    CHECK("eof-after-stdin-closed", n == 0 && wait_reaped(p.pid, &code) == 1 && code == 0,
          "n=%u code=%d", (unsigned)n, code);
    ck__process_close_pipes(&p);

    char *argv[] = {"child.exe", "args", "a b", "quo\"te", "back\\", "", "tr\\\"ick", NULL};
    int os = 0;
    rc = ck__process_spawn(child_exe, argv, NULL, &p, &os);
    n = read_all(p.stdout_r, buf, sizeof buf, 0);
    const char *want = "[a b]\n[quo\"te]\n[back\\]\n[]\n[tr\\\"ick]\n";
    /* The CRT may write \r\n to a pipe; compare without the \r. */
    char plain[512];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (buf[i] != '\r')
            plain[k++] = buf[i];
    plain[k] = 0;
    CHECK("argv-quoting", rc == 0 && strcmp(plain, want) == 0, "got:\n%s", plain);
    wait_reaped(p.pid, &code);
    ck__process_close_pipes(&p);

    rc = spawn("stderr", "oops", &p);
    n = read_all(p.stderr_r, buf, sizeof buf, 0);
    CHECK("stderr-pipe-and-exit-code",
          rc == 0 && strncmp(buf, "oops", 4) == 0 && wait_reaped(p.pid, &code) == 1 && code == 3,
          "buf=%s code=%d", buf, code);
    ck__process_close_pipes(&p);
    CHECK("reap-unknown", ck__process_reap(p.pid, &code) == -1, "reaped twice");
}

static void test_handle_list(void) {
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE stray = CreateEventW(&sa, TRUE, FALSE, NULL); /* inheritable, not ours to pass */
    char hex[32], buf[128], cmd[MAX_PATH + 64];
    snprintf(hex, sizeof hex, "%llx", (unsigned long long)(uintptr_t)stray);
    /* Control: a plain inheriting CreateProcess does pass it on. */
    SECURITY_ATTRIBUTES psa = {sizeof psa, NULL, TRUE};
    HANDLE r = NULL, w = NULL;
    CreatePipe(&r, &w, &psa, 0);
    SetHandleInformation(r, HANDLE_FLAG_INHERIT, 0);
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdOutput = w;
    snprintf(cmd, sizeof cmd, "\"%s\" handle %s", child_exe, hex);
    BOOL ok = CreateProcessA(NULL, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    CloseHandle(w);
    size_t n = ok ? read_all(r, buf, sizeof buf, 0) : 0;
    CloseHandle(r);
    int control = ok && strncmp(buf, "inherited", 9) == 0;
    if (ok) {
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
    }
    ck_process p;
    int rc = spawn("handle", hex, &p), code;
    n = read_all(p.stdout_r, buf, sizeof buf, 0);
    CHECK("control-inherits-stray-handle", control, "plain CreateProcess did not inherit");
    CHECK("inherits-only-pipe-handles", rc == 0 && n > 0 && strncmp(buf, "absent", 6) == 0,
          "ours=%s", buf);
    wait_reaped(p.pid, &code);
    ck__process_close_pipes(&p);
    CloseHandle(stray);
}

static DWORD start_tree(ck_process *p) {
    char buf[64];
    size_t n = 0;
    int rc = spawn("tree", NULL, p);
    if (rc != 0) {
        printf("start_tree: spawn failed (%d)\n", rc);
        return 0;
    }
    /* "tree" never exits: read up to the end of its one line. */
    while (n == 0 || (buf[n - 1] != '\n' && n + 1 < sizeof buf)) {
        size_t got = read_all(p->stdout_r, buf + n, sizeof buf - n, 1);
        if (got == 0)
            break;
        n += got;
    }
    buf[n] = 0;
    if (strtoul(buf, NULL, 10) == 0)
        printf("start_tree: no pid line, got '%s'\n", buf);
    return (DWORD)strtoul(buf, NULL, 10);
}

static void test_jobs(void) {
    ck_process p;
    int code = 0;
    DWORD grandchild = start_tree(&p);
    ck__process_kill_group(p.pgid);
    CHECK("kill-group-ends-tree",
          grandchild != 0 && process_gone(grandchild) && wait_reaped(p.pid, &code) == 1,
          "grandchild=%lu", (unsigned long)grandchild);
    ck__process_close_pipes(&p);

    grandchild = start_tree(&p);
    HANDLE h = OpenProcess(PROCESS_TERMINATE, FALSE, (DWORD)p.pid);
    if (h != NULL) {
        TerminateProcess(h, 9); /* the host dies alone... */
        CloseHandle(h);
    }
    int reaped = wait_reaped(p.pid, &code);
    CHECK("reap-closes-job",
          grandchild != 0 && reaped == 1 && code == 9 &&
              process_gone(grandchild), /* ...its children follow */
          "reaped=%d code=%d", reaped, code);
    ck__process_close_pipes(&p);

    /* A group the handler reported (an app inside the host's job) is killed by pid... */
    grandchild = start_tree(&p);
    ck__process_kill_group((long)grandchild);
    int gone = grandchild != 0 && process_gone(grandchild);
    int host_runs = ck__process_reap(p.pid, &code) == 0;
    CHECK("kill-group-of-an-app", gone && host_runs, "grandchild=%lu gone=%d host running=%d",
          (unsigned long)grandchild, gone, host_runs);
    ck__process_kill_group(p.pgid);
    wait_reaped(p.pid, &code);
    ck__process_close_pipes(&p);

    /* ...but a process outside our jobs is never touched, even by its pid. */
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    char cmd[MAX_PATH + 16];
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    snprintf(cmd, sizeof cmd, "\"%s\" sleep", child_exe);
    BOOL started = CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
    if (started) {
        ck__process_kill_group((long)pi.dwProcessId);
        DWORD still = WaitForSingleObject(pi.hProcess, 1000);
        CHECK("kill-group-spares-foreign-process", still == WAIT_TIMEOUT, "it was killed");
        TerminateProcess(pi.hProcess, 0);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
    } else {
        CHECK("kill-group-spares-foreign-process", 0, "could not start the control process");
    }

    ck_process s;
    int rc = spawn("sleep", NULL, &s);
    char buf[16];
    long r = ck__pipe_read(s.stdout_r, buf, sizeof buf, 100);
    CHECK("read-timeout", rc == 0 && r == CK_ERR_TIMEOUT, "r=%ld", r);
    static char big[4 * 1024 * 1024];
    int wr = ck__pipe_write(s.stdin_w, big, sizeof big, 500);
    CHECK("write-timeout", wr == CK_ERR_TIMEOUT, "wr=%d", wr);
    ck__process_kill_group(s.pgid);
    wait_reaped(s.pid, &code);
    wr = ck__pipe_write(s.stdin_w, "x", 1, 1000);
    CHECK("write-to-dead-host", wr == CK_ERR_IO, "wr=%d", wr);
    ck__process_close_pipes(&s);
}

int main(int argc, char **argv) {
    (void)argc;
    char *slash = NULL;
    GetModuleFileNameA(NULL, child_exe, MAX_PATH);
    for (char *q = child_exe; *q; q++)
        if (*q == '\\' || *q == '/')
            slash = q;
    if (slash == NULL) {
        printf("FAIL setup: cannot locate %s\n", argv[0]);
        return 1;
    }
    strcpy(slash + 1, "child.exe");
    test_basics();
    test_paths();
    test_echo_and_args();
    test_handle_list();
    test_jobs();
    if (failures) {
        printf("FAILED %d\n", failures);
        return 1;
    }
    printf("ALL DONE\n");
    return 0;
}
