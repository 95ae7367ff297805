/*
 * test_host_ok.c - the supervisor's normal life with a protocol-speaking stand-in host
 * (hosts/fake_host.c, mode ok): lazy start, Online with progress checkpoints, PUBLISH and
 * SPAWNED records, health checks, Offline, a second instance on the same host, kill -9 of
 * the host (calls fail fast, the app's group is killed, the next Online starts a new host
 * and re-OPENs), Close of the last instance leaving no process behind, and a type-level
 * call that starts a host only for itself.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "support.h"

static const WCHAR name1[] = {'O', 'n', 'e', 0};
static const WCHAR name2[] = {'T', 'w', 'o', 0};

static int online(const CLRES_V2_FUNCTIONS *f, RESID r, RESOURCE_HANDLE h) {
    HANDLE ev = NULL;
    int before = ck_test_status_count(h, NULL);
    DWORD rc = f->Online(r, &ev, 0, NULL, 0, 0);
    CHECK_EQ(rc, CK_ERROR_IO_PENDING);
    CHECK(ev != NULL);
    return ck_test_wait_new_status(h, ClusterResourceOnline, before, 30000);
}

int main(void) {
    char pidfile[128], childfile[128];
    ck_test_pidfile(pidfile, sizeof pidfile, "host");
    ck_test_pidfile(childfile, sizeof childfile, "app");
    setenv("CLUSTERKIT_NODE", CK_FAKE_HOST, 1);
    setenv("CLUSTERKIT_HANDLER", CK_TEST_DIR "/hosts/fake_host.c", 1);
    setenv("CK_FAKE_MODE", "ok", 1);
    setenv("CK_TEST_PIDFILE", pidfile, 1);
    setenv("CK_TEST_CHILDFILE", childfile, 1);
    const CLRES_V2_FUNCTIONS *f = ck_test_startup_v2();
    RESOURCE_HANDLE h1 = (RESOURCE_HANDLE)(uintptr_t)0x501, h2 = (RESOURCE_HANDLE)(uintptr_t)0x502;

    /* 1. Open starts nothing; Online starts the host, reports progress, then Online. */
    RESID r1 = f->Open(name1, (HKEY)(uintptr_t)1, h1, 0);
    CHECK(r1 != NULL);
    CHECK_EQ(ck_test_read_pid(pidfile, 0), 0);
    CHECK(online(f, r1, h1));
    RESOURCE_STATUS last;
    /* Two PROGRESS events + the final report, CheckPoint counting up from 1. */
    CHECK_EQ(ck_test_status_count(h1, &last), 3);
    CHECK_EQ(last.CheckPoint, 3);
    long host = ck_test_read_pid(pidfile, 5000);
    long app = ck_test_read_pid(childfile, 5000);
    CHECK(host > 0 && app > 0);
    CHECK(ck_test_wait_log("handler host ready", 5000));
    CHECK(ck_test_wait_log("host: fake host starting in mode ok", 5000));
    CHECK(ck_test_wait_log("[1] app started", 5000)); /* LOG event, level warning */

    ck_instance *inst = ck__instance_acquire(r1);
    CHECK(inst != NULL);
    BYTE *list = NULL;
    DWORD size = 0;
    CHECK_EQ(ck__instance_published(inst, &list, &size), CK_ERROR_SUCCESS);
    CHECK(size == 4 && list != NULL && list[0] == 1 && list[3] == 4);
    free(list);
    CHECK_EQ(inst->pgroup_count, 1);
    CHECK_EQ(inst->pgids[0], app);
    CHECK_EQ(ck__instance_is_online(inst), 1);

    /* 2. Health checks and a generic host call. */
    CHECK_EQ(f->LooksAlive(r1), TRUE);
    CHECK_EQ(f->IsAlive(r1), TRUE);
    BYTE *reply = NULL;
    DWORD reply_size = 0;
    CHECK_EQ(ck__host_call(inst, CK_OP_PING, NULL, 0, 2000, &reply, &reply_size), CK_ERROR_SUCCESS);
    free(reply);

    /* 3. Offline, then Online again on the same (warm) host. */
    int reports = ck_test_status_count(h1, NULL);
    CHECK_EQ(f->Offline(r1, NULL, 0, NULL, 0, 0), CK_ERROR_IO_PENDING);
    CHECK(ck_test_wait_new_status(h1, ClusterResourceOffline, reports, 30000));
    CHECK_EQ(f->LooksAlive(r1), FALSE);
    CHECK(online(f, r1, h1));
    CHECK_EQ(ck_test_read_pid(pidfile, 0), host);

    /* 4. A second instance shares the host. */
    RESID r2 = f->Open(name2, (HKEY)(uintptr_t)2, h2, 0);
    CHECK(online(f, r2, h2));
    CHECK_EQ(f->IsAlive(r2), TRUE);
    app = ck_test_read_pid(childfile, 5000);

    /* 5. kill -9 of the host: calls answer FALSE within their deadline (looks_alive is
     * 500 ms in the fixture), the recorded app group is killed. */
    kill((pid_t)host, SIGKILL);
    CHECK(ck_test_wait_gone(host, 10000));
    uint64_t t0 = ck_test_now_ms();
    CHECK_EQ(f->LooksAlive(r1), FALSE);
    uint64_t spent = ck_test_now_ms() - t0;
    printf("LooksAlive after kill -9 answered FALSE in %llu ms\n", (unsigned long long)spent);
    CHECK(spent < 2000);
    CHECK(ck_test_wait_log("exited with code -1", 10000));
    CHECK(ck_test_wait_gone(app, 10000));
    CHECK_EQ(f->IsAlive(r2), FALSE);

    /* 6. RHS fails and terminates; the next Online starts a new host and re-OPENs. */
    f->Terminate(r1);
    f->Terminate(r2);
    unlink(pidfile);
    CHECK(online(f, r1, h1));
    long host2 = ck_test_read_pid(pidfile, 5000);
    CHECK(host2 > 0 && host2 != host);
    CHECK_EQ(f->LooksAlive(r1), TRUE);
    CHECK_EQ(f->LooksAlive(r2), FALSE); /* r2 is not online on the new host */

    /* 7. Close both: the host gets SHUTDOWN and leaves nothing behind. */
    app = ck_test_read_pid(childfile, 5000);
    ck__instance_release(inst);
    f->Close(r2);
    f->Close(r1);
    CHECK(ck_test_wait_gone(host2, 10000));
    CHECK(ck_test_wait_gone(app, 10000));
    CHECK_EQ(ck__instance_count(), 0);

    /* 8. A type-level call with no instance open starts a host for that call only. */
    unlink(pidfile);
    const BYTE control_code[4] = {1, 0, 0, 0};
    CHECK_EQ(ck__host_call(NULL, CK_OP_CONTROL, control_code, 4, 5000, NULL, NULL),
             CK_ERROR_SUCCESS);
    long host3 = ck_test_read_pid(pidfile, 5000);
    CHECK(host3 > 0 && host3 != host2);
    CHECK(ck_test_wait_gone(host3, 10000));
    unlink(pidfile);
    unlink(childfile);
    return ck_test_finish("test_host_ok");
}
