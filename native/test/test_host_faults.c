/*
 * test_host_faults.c - the supervisor against a misbehaving stand-in host
 * (hosts/fake_host.c): a failing Online, an asynchronous FAILED event (event handle),
 * health checks that never answer (deadline), Terminate and Cancel of a pending Online,
 * a monitor that answers ResourceExitStateTerminate, a TERMINATE that is never answered (groups
 * killed, then the whole host), and Close while the host is still starting (the host that comes up
 * is stopped, not left behind). The fixture type's timeouts: looks_alive 500 ms, is_alive 1000 ms,
 * terminate 1000 ms.
 */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

static const WCHAR name[] = {'F', 'a', 'u', 'l', 't', 0};
static const CLRES_V2_FUNCTIONS *f;
static char pidfile[128], childfile[128];
static uintptr_t next_handle = 0x900;

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

typedef struct res {
    RESID r;
    RESOURCE_HANDLE h;
    HANDLE ev;
} res;

static res open_in_mode(const char *mode) {
    setenv("CK_FAKE_MODE", mode, 1);
    unlink(pidfile);
    unlink(childfile);
    res x;
    x.h = (RESOURCE_HANDLE)next_handle++;
    if (strcmp(mode, "ok") == 0) /* the "ok" scenario is the one RHS tells to stop */
        ck_test_status_answer(x.h, ResourceExitStateTerminate);
    x.r = f->Open(name, (HKEY)(uintptr_t)1, x.h, 0);
    x.ev = NULL;
    CHECK(x.r != NULL);
    CHECK_EQ(f->Online(x.r, &x.ev, 0, NULL, 0, 0), CK_ERROR_IO_PENDING);
    return x;
}

static void close_all(res *x) {
    long host = ck_test_read_pid(pidfile, 0);
    f->Close(x->r);
    CHECK(ck_test_wait_gone(host, 10000));
}

static void fail_online(void) {
    res x = open_in_mode("fail-online");
    CHECK(ck_test_wait_status(x.h, ClusterResourceFailed, 30000));
    CHECK(ck_test_wait_log("Online failed (status 5038): port in use", 5000));
    close_all(&x);
}

static void fail_after_online(void) {
    res x = open_in_mode("fail-after-online");
    CHECK(ck_test_wait_status(x.h, ClusterResourceOnline, 30000));
    CHECK(ck_test_wait_log("the handler reported a failure: app crashed", 5000));
    uint64_t deadline = ck_test_now_ms() + 5000;
    while (ck_test_signal_count(x.ev) == 0 && ck_test_now_ms() < deadline)
        sleep_ms(10);
    CHECK_EQ(ck_test_signal_count(x.ev), 1);
    close_all(&x);
}

static void hang_alive(void) {
    res x = open_in_mode("hang-alive");
    CHECK(ck_test_wait_status(x.h, ClusterResourceOnline, 30000));
    uint64_t t0 = ck_test_now_ms();
    CHECK_EQ(f->LooksAlive(x.r), FALSE);
    uint64_t looks = ck_test_now_ms() - t0;
    t0 = ck_test_now_ms();
    CHECK_EQ(f->IsAlive(x.r), FALSE);
    uint64_t is = ck_test_now_ms() - t0;
    printf("unanswered LooksAlive took %llu ms (deadline 500), IsAlive %llu ms (1000)\n",
           (unsigned long long)looks, (unsigned long long)is);
    /* Upper bounds leave room for a machine busy with the vitest suites next to us. */
    CHECK(looks >= 490 && looks < 500 + 5000);
    CHECK(is >= 990 && is < 1000 + 5000);
    CHECK(ck_test_wait_log("LooksAlive: no answer within 500 ms", 5000));
    close_all(&x);
}

static void terminate_pending(void) {
    res x = open_in_mode("hang-online");
    CHECK(ck_test_wait_status(x.h, ClusterResourceOnlinePending, 30000)); /* its PROGRESS */
    int before = ck_test_status_count(x.h, NULL);
    uint64_t t0 = ck_test_now_ms();
    f->Terminate(x.r); /* returns once the pending worker has stopped */
    CHECK(ck_test_now_ms() - t0 < 1000 + 900 + 5000);
    CHECK(!ck_test_wait_log("the pending worker did not stop in time", 0));
    /* An aborted worker reports nothing more. */
    CHECK_EQ(ck_test_status_count(x.h, NULL), before);
    /* Offline of the terminated resource succeeds at once. */
    CHECK_EQ(f->Offline(x.r, NULL, 0, NULL, 0, 0), CK_ERROR_SUCCESS);
    close_all(&x);
}

static void cancel_pending(void) {
    res x = open_in_mode("hang-online");
    CHECK(ck_test_wait_status(x.h, ClusterResourceOnlinePending, 30000));
    CHECK_EQ(f->Cancel(x.r, 0), CK_ERROR_SUCCESS);
    CHECK(ck_test_wait_status(x.h, ClusterResourceFailed, 10000));
    CHECK(ck_test_wait_log("Online failed (status 995): aborted", 5000));
    close_all(&x);
}

static void hang_terminate(void) {
    res x = open_in_mode("hang-terminate");
    CHECK(ck_test_wait_status(x.h, ClusterResourceOnline, 30000));
    long host = ck_test_read_pid(pidfile, 5000), app = ck_test_read_pid(childfile, 5000);
    CHECK(host > 0 && app > 0);
    uint64_t t0 = ck_test_now_ms();
    f->Terminate(x.r);
    uint64_t spent = ck_test_now_ms() - t0;
    printf("Terminate with a hung handler returned after %llu ms (terminate timeout 1000)\n",
           (unsigned long long)spent);
    CHECK(spent >= 1000 && spent < 1000 + 900 + 500 + 5000);
    CHECK(ck_test_wait_gone(app, 10000));  /* its recorded group, at the deadline */
    CHECK(ck_test_wait_gone(host, 10000)); /* PING unanswered: the whole host */
    CHECK(ck_test_wait_log("did not answer within 1000 ms; killed its processes", 5000));
    CHECK(ck_test_wait_log("did not answer PING", 5000));
    f->Close(x.r);
}

/* The host dies under an Online instance: its event handle is signaled at once (RHS then calls
 * IsAlive), as for an application the handler reports failed, not at the next IsAlive poll. */
static void host_dies_while_online(void) {
    res x = open_in_mode("hang-alive");
    CHECK(ck_test_wait_status(x.h, ClusterResourceOnline, 30000));
    long host = ck_test_read_pid(pidfile, 5000);
    CHECK(host > 0);
    CHECK_EQ(ck_test_signal_count(x.ev), 0);
    kill((pid_t)host, SIGKILL);
    uint64_t deadline = ck_test_now_ms() + 20000;
    while (ck_test_signal_count(x.ev) == 0 && ck_test_now_ms() < deadline)
        sleep_ms(10);
    CHECK_EQ(ck_test_signal_count(x.ev), 1);
    CHECK(ck_test_wait_log("is gone while the resource is online", 5000));
    CHECK_EQ(f->IsAlive(x.r), FALSE);
    f->Terminate(x.r);
    close_all(&x);
}

/* A managed process's leader exits and leaves a child in its group; then the host is killed.
 * The library kept the group (it is not empty), so the child dies with the host. */
static void grandchild_outlives_leader(void) {
    res x = open_in_mode("grandchild");
    CHECK(ck_test_wait_status(x.h, ClusterResourceOnline, 30000));
    long host = ck_test_read_pid(pidfile, 5000), sleeper = ck_test_read_pid(childfile, 5000);
    CHECK(host > 0 && sleeper > 0);
    /* The EXITED of the leader was handled once a later request is answered. */
    CHECK_EQ(f->IsAlive(x.r), TRUE);
    kill((pid_t)host, SIGKILL);
    CHECK(ck_test_wait_gone(sleeper, 20000));
    if (!ck_test_wait_gone(sleeper, 0))
        kill((pid_t)sleeper, SIGKILL);
    f->Terminate(x.r);
    close_all(&x);
}

/* Threads of this process (Linux: the entries of /proc/self/task). */
static int thread_count(void) {
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
        if (e->d_name[0] != '.')
            n++;
    if (d != NULL)
        closedir(d);
    return n;
}

/* Waits until at most `count` threads are left (the library's workers and readers ended). */
static int wait_threads(int count, uint32_t timeout_ms) {
    uint64_t deadline = ck_test_now_ms() + timeout_ms;
    while (thread_count() > count) {
        if (ck_test_now_ms() > deadline)
            return 0;
        sleep_ms(5);
    }
    return 1;
}

static void close_during_start(void) {
    int threads_before = thread_count();
    res x = open_in_mode("slow-hello");
    long host = ck_test_read_pid(pidfile, 5000);
    CHECK(host > 0);
    uint64_t t0 = ck_test_now_ms();
    f->Close(x.r); /* Terminate gives up on the worker stuck in the handshake */
    printf("Close during a cold start returned after %llu ms\n",
           (unsigned long long)(ck_test_now_ms() - t0));
    CHECK(ck_test_wait_gone(host, 10000));
    /* Once every thread the library started has ended, nothing can start a host any more. */
    CHECK(wait_threads(threads_before, 20000));
    CHECK_EQ(ck_test_read_pid(pidfile, 0), host); /* and no new host was started */
}

static void monitor_says_terminate(void) {
    /* SetResourceStatus answers ResourceExitStateTerminate to the first PROGRESS report:
     * the worker stops and reports nothing more (no second PROGRESS, no Online). */
    res x = open_in_mode("ok");
    CHECK(ck_test_wait_status(x.h, ClusterResourceOnlinePending, 30000));
    f->Terminate(x.r); /* returns once the worker has stopped: nothing more can come */
    RESOURCE_STATUS last;
    CHECK_EQ(ck_test_status_count(x.h, &last), 1);
    CHECK_EQ(last.ResourceState, ClusterResourceOnlinePending);
    CHECK_EQ(last.CheckPoint, 1);
    close_all(&x);
}

int main(void) {
    ck_test_pidfile(pidfile, sizeof pidfile, "fhost");
    ck_test_pidfile(childfile, sizeof childfile, "fapp");
    setenv("CLUSTERKIT_NODE", CK_FAKE_HOST, 1);
    setenv("CLUSTERKIT_HANDLER", CK_TEST_DIR "/hosts/fake_host.c", 1);
    setenv("CK_TEST_PIDFILE", pidfile, 1);
    setenv("CK_TEST_CHILDFILE", childfile, 1);
    f = ck_test_startup_v2();
    fail_online();
    monitor_says_terminate();
    fail_after_online();
    hang_alive();
    terminate_pending();
    cancel_pending();
    hang_terminate();
    host_dies_while_online();
    grandchild_outlives_leader();
    close_during_start();
    unlink(pidfile);
    unlink(childfile);
    return ck_test_finish("test_host_faults");
}
