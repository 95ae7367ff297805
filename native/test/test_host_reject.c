/*
 * test_host_reject.c - the supervisor's rejection paths with real child processes that are
 * not node (CLUSTERKIT_NODE=/bin/sh, CLUSTERKIT_HANDLER=a script under hosts/): garbage on
 * stdout, a foreign schema hash, another protocol version, a host that exits at once, one
 * that never says HELLO, a missing node and a missing bundle. Each time the library must
 * log a clear line, report Failed, and neither crash nor hang. VALIDATE and SET of a valid
 * list with no host to ask must say so (CK_HOST_UNAVAILABLE), not "parameter is incorrect".
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"
#include "test_validate_util.h"

static const WCHAR name[] = {'R', 'e', 'j', 0};

typedef struct scenario {
    const char *node;   /* CLUSTERKIT_NODE */
    const char *script; /* file under hosts/, or an absolute path */
    const char *needle; /* a log line that must appear */
    const char *needle2;
} scenario;

static void run(const CLRES_V2_FUNCTIONS *f, const scenario *s, char *pidfile) {
    char handler[1024];
    if (s->script[0] == '/')
        snprintf(handler, sizeof handler, "%s", s->script);
    else
        snprintf(handler, sizeof handler, "%s/hosts/%s", CK_TEST_DIR, s->script);
    setenv("CLUSTERKIT_NODE", s->node, 1);
    setenv("CLUSTERKIT_HANDLER", handler, 1);
    RESOURCE_HANDLE h = (RESOURCE_HANDLE)(uintptr_t)(0x100 + (uintptr_t)s);
    RESID r = f->Open(name, (HKEY)(uintptr_t)1, h, 0);
    CHECK(r != NULL);
    HANDLE ev = NULL;
    uint64_t t0 = ck_test_now_ms();
    CHECK_EQ(f->Online(r, &ev, 0, NULL, 0, 0), CK_ERROR_IO_PENDING);
    CHECK(ev != NULL);
    /* handshake is 3 s in the fixture type: generous bound for a busy machine. */
    int failed = ck_test_wait_status(h, ClusterResourceFailed, 30000);
    if (!failed)
        fprintf(stderr, "%s: no Failed status\n", s->script);
    CHECK(failed);
    if (!ck_test_wait_log(s->needle, 10000)) {
        fprintf(stderr, "%s: no log line with '%s'\n", s->script, s->needle);
        ck_test_failures++;
    }
    if (s->needle2 != NULL && !ck_test_wait_log(s->needle2, 10000)) {
        fprintf(stderr, "%s: no log line with '%s'\n", s->script, s->needle2);
        ck_test_failures++;
    }
    printf("%-18s failed after %llu ms\n", s->script, (unsigned long long)(ck_test_now_ms() - t0));
    CHECK_EQ(f->LooksAlive(r), FALSE);
    CHECK_EQ(f->IsAlive(r), FALSE);
    f->Terminate(r);
    f->Close(r);
    long pid = pidfile != NULL ? ck_test_read_pid(pidfile, 100) : 0;
    if (pidfile != NULL) {
        CHECK(pid > 0);
        CHECK(ck_test_wait_gone(pid, 10000)); /* the silent host was killed and reaped */
    }
}

/* A valid list, and the handler cannot be asked: the status and the log must say that the host
 * is unavailable, never that the handler rejected the values; nothing is stored. */
static void validate_without_host(const CLRES_V2_FUNCTIONS *f, const char *node,
                                  const char *script) {
    char handler[1024];
    snprintf(handler, sizeof handler, "%s/hosts/%s", CK_TEST_DIR, script);
    setenv("CLUSTERKIT_NODE", node, 1);
    setenv("CLUSTERKIT_HANDLER", handler, 1);
    HKEY key = (HKEY)(uintptr_t)0x4242;
    RESID r = f->Open(name, key, (RESOURCE_HANDLE)(uintptr_t)0x4243, 0);
    CHECK(r != NULL);
    ck_clusprop_writer w;
    BYTE *list = NULL;
    DWORD size = 0, returned = 0;
    ck__clusprop_writer_init(&w, 1);
    tprop_dword(&w, "Port", CLUSPROP_SYNTAX_LIST_VALUE_DWORD, 7001);
    CHECK_EQ(ck__clusprop_finish(&w, &list, &size), CK_ERROR_SUCCESS);
    ck__clusprop_writer_free(&w);
    CHECK_EQ(f->ResourceControl(r, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, list, size, NULL,
                                0, &returned),
             CK_ERROR_PROCESS_ABORTED);
    CHECK(ck_test_wait_log("the properties were not checked: the handler host is not available",
                           5000));
    CHECK_EQ(f->ResourceControl(r, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, list, size, NULL, 0,
                                &returned),
             CK_ERROR_PROCESS_ABORTED);
    DWORD type = 0, cb = 4;
    BYTE data[4];
    CHECK_EQ(ck__db_query(key, tw("Port"), &type, data, &cb), CK_ERROR_FILE_NOT_FOUND);
    CHECK(!ck_test_wait_log("the handler rejected the properties", 0));
    free(list);
    f->Close(r);
}

int main(void) {
    const CLRES_V2_FUNCTIONS *f = ck_test_startup_v2();
    char pidfile[128];
    ck_test_pidfile(pidfile, sizeof pidfile, "silent");
    setenv("CK_TEST_PIDFILE", pidfile, 1);
    const scenario garbage = {"/bin/sh", "garbage.sh", "broken frame (ERR_TOO_LONG",
                              "host: this is not a frame"};
    const scenario hash = {"/bin/sh", "wrong-hash.sh", "handler host refused: schema hash abcd",
                           NULL};
    const scenario version = {"/bin/sh", "wrong-version.sh",
                              "handler host refused: protocol version 2", NULL};
    const scenario exits = {"/bin/sh", "exits.sh", "host: boom: cannot load the handler",
                            "exited with code 3"};
    const scenario silent = {"/bin/sh", "silent.sh", "did not send HELLO in time", NULL};
    const scenario no_node = {"/nonexistent/ck-node", "exits.sh", "node executable", NULL};
    const scenario no_bundle = {"/bin/sh", "/nonexistent/ck-bundle.js",
                                "bundle '/nonexistent/ck-bundle.js' not found", NULL};
    run(f, &garbage, NULL);
    run(f, &hash, NULL);
    run(f, &version, NULL);
    run(f, &exits, NULL);
    run(f, &silent, pidfile);
    run(f, &no_node, NULL);
    run(f, &no_bundle, NULL);
    validate_without_host(f, "/bin/sh", "exits.sh");
    validate_without_host(f, "/nonexistent/ck-node", "exits.sh");
    unlink(pidfile);
    return ck_test_finish("test_host_reject");
}
