/* test_host_inspect.c - CLUSTERKIT_INSPECT (docs/debugging.md): a port puts
 * --inspect=127.0.0.1:<port> before the bundle on the host's command line and logs a warning;
 * anything but a port (an address, text) is refused with a log line and the host starts
 * without the inspector; unset, the command line is node and the bundle only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

static const WCHAR name[] = {'i', 'n', 's', 'p', 0};

/* Opens, brings online and closes one resource: one host start under the current env. */
static void one_host(const CLRES_V2_FUNCTIONS *f, const char *pidfile, uintptr_t tag) {
    RESOURCE_HANDLE h = (RESOURCE_HANDLE)tag;
    RESID r = f->Open(name, (HKEY)(uintptr_t)1, h, 0);
    CHECK(r != NULL);
    HANDLE ev = NULL;
    CHECK_EQ(f->Online(r, &ev, 0, NULL, 0, 0), CK_ERROR_IO_PENDING);
    CHECK(ck_test_wait_status(h, ClusterResourceOnline, 30000));
    long host = ck_test_read_pid(pidfile, 5000);
    CHECK(host > 0);
    f->Close(r);
    CHECK(ck_test_wait_gone(host, 10000));
    unlink(pidfile);
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

    /* 1. A port: the option comes first, the bundle after it, and the log says so loudly. */
    setenv("CLUSTERKIT_INSPECT", "9339", 1);
    one_host(f, pidfile, 0x601);
    CHECK(ck_test_wait_log("DEBUGGING ON: the handler host starts with the Node inspector on "
                           "127.0.0.1:9339 (CLUSTERKIT_INSPECT)",
                           5000));
    CHECK(ck_test_wait_log("fake host argv[1] --inspect=127.0.0.1:9339", 5000));
    CHECK(ck_test_wait_log("fake host argv[2] " CK_TEST_DIR "/hosts/fake_host.c", 5000));

    /* 2. An address is not a port: refused, so the inspector can never leave loopback. */
    setenv("CLUSTERKIT_INSPECT", "0.0.0.0:9339", 1);
    one_host(f, pidfile, 0x602);
    CHECK(ck_test_wait_log("CLUSTERKIT_INSPECT='0.0.0.0:9339' is not a port (0..65535); the "
                           "handler host starts without the inspector",
                           5000));

    /* 3. Unset: node and the bundle only. */
    unsetenv("CLUSTERKIT_INSPECT");
    one_host(f, pidfile, 0x603);
    CHECK(ck_test_wait_log("fake host argv[1] " CK_TEST_DIR "/hosts/fake_host.c", 5000));
    return ck_test_finish("test_host_inspect");
}
