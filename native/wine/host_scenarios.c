/*
 * host_scenarios.c - what host.exe plays, one function per scenario. The resource
 * types are the echo-server example (EchoServer: Port, Greeting; read-only Pid,
 * Status) and test/fixtures/handlers/w-faults.ts (WFaults: Mode, the secret Token; read-only
 * HostPid, TokenLength).
 */
#include "host.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "host_util.h"

#define LONG_WAIT 60000u /* generous: node.exe under Wine on a busy 2-core machine */

/* GET_RO_PRIVATE_PROPERTIES, then one DWORD of it (0 when absent). */
static DWORD ro_dword(RESID r, const WCHAR *name) {
    BYTE *out = NULL;
    DWORD size = 0, value = 0;
    DWORD rc = control(r, CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES, NULL, 0, &out, &size);
    if (rc == 0 && !pl_find_dword(out, size, name, &value))
        value = 0;
    free(out);
    return value;
}

static RESID open_echo(const WCHAR *name, HKEY *key_out) {
    HKEY key = make_resource_key(name);
    set_param_dword(key, L"Port", (DWORD)H.port);
    set_param_sz(key, L"Greeting", L"hi from wine");
    RESID r = do_open(name, key);
    check(r != NULL, "Open returns a RESID", "error %lu", (unsigned long)GetLastError());
    if (key_out != NULL)
        *key_out = key;
    return r;
}

static int online_or_fail(RESID r) {
    int state = bring_online(r, LONG_WAIT);
    check(state == ClusterResourceOnline, "Online reaches ClusterResourceOnline", "state=%d",
          state);
    return state == ClusterResourceOnline;
}

static void properties(RESID r, HKEY key) {
    BYTE *out = NULL;
    DWORD size = 0, port = 0;
    WCHAR text[64] = L"";
    DWORD rc = control(r, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, NULL, 0, &out, &size);
    check(rc == 0 && pl_find_dword(out, size, L"Port", &port) && port == (DWORD)H.port &&
              pl_find_sz(out, size, L"Greeting", text, 64) && wcscmp(text, L"hi from wine") == 0,
          "GET_PRIVATE_PROPERTIES returns the stored Port and Greeting", "rc=%lu port=%lu",
          (unsigned long)rc, (unsigned long)port);
    free(out);

    plist bad, good, change;
    pl_begin(&bad);
    pl_dword(&bad, L"Port", 70000);
    rc = control(r, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, bad.buf, bad.size, NULL, NULL);
    check(rc == CK_ERROR_INVALID_PARAMETER, "VALIDATE refuses Port=70000 (max 65535)", "rc=%lu",
          (unsigned long)rc);
    pl_begin(&good);
    pl_dword(&good, L"Port", (DWORD)H.port + 1);
    rc = control(r, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, good.buf, good.size, NULL, NULL);
    check(rc == 0, "VALIDATE accepts a Port in range", "rc=%lu", (unsigned long)rc);
    pl_begin(&change);
    pl_sz(&change, L"Greeting", L"changed under wine");
    rc = control(r, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, change.buf, change.size, NULL, NULL);
    check(rc == 0 || rc == CK_ERROR_RESOURCE_PROPERTIES_STORED, "SET stores Greeting", "rc=%lu",
          (unsigned long)rc);
    check(get_param_sz(key, L"Greeting", text, 64) && wcscmp(text, L"changed under wine") == 0,
          "SET went through ClusterRegSetValue to the Parameters key", NULL);
    pl_free(&bad);
    pl_free(&good);
    pl_free(&change);
}

static void online_echo(void) {
    HKEY key;
    RESID r = open_echo(L"echo-wine", &key);
    if (r == NULL || !online_or_fail(r))
        return;
    check(do_looks_alive(r), "LooksAlive is TRUE when online", NULL);
    check(do_is_alive(r), "IsAlive is TRUE when online", NULL);
    check(tcp_echo(H.port, "ping over winsock\n"), "the echo app answers over TCP", "port %d",
          H.port);
    DWORD app = ro_dword(r, L"Pid");
    check(app != 0, "GET_RO_PRIVATE_PROPERTIES publishes the app's Pid", NULL);
    check(log_contains("hi from wine", 10000), "the handler's log line reached LogEvent", NULL);
    properties(r, key);
    int state = take_offline(r, LONG_WAIT);
    check(state == ClusterResourceOffline, "Offline reaches ClusterResourceOffline", "state=%d",
          state);
    check(app != 0 && wait_gone(app, 30000), "the app has exited after Offline", "pid %lu",
          (unsigned long)app);
    check(tcp_refused(H.port), "nothing listens on the port after Offline", NULL);
    do_close(r);
    RegCloseKey(key);
}

static void host_crash(void) {
    RESID r = open_echo(L"echo-crash", NULL);
    if (r == NULL || !online_or_fail(r))
        return;
    DWORD host = find_child(GetCurrentProcessId(), L"node.exe", 0);
    DWORD app = ro_dword(r, L"Pid");
    check(host != 0 && app != 0, "found the handler host (node.exe) and the app", NULL);
    HANDLE h = OpenProcess(PROCESS_TERMINATE, FALSE, host);
    check(h != NULL && TerminateProcess(h, 137), "killed the handler host", NULL);
    if (h != NULL)
        CloseHandle(h);
    BOOL alive = TRUE;
    for (int i = 0; i < 60 && alive; i++) {
        alive = do_is_alive(r);
        if (alive)
            Sleep(500);
    }
    check(!alive, "IsAlive is FALSE once the host is dead", NULL);
    check(wait_gone(app, 30000), "the dead host's app was killed with it", "pid %lu",
          (unsigned long)app);
    do_terminate(r); /* what RHS does after IsAlive FALSE */
    check(online_or_fail(r), "Online again starts a new host", NULL);
    DWORD again = find_child(GetCurrentProcessId(), L"node.exe", host);
    check(again != 0 && again != host, "a new node.exe serves the resource", "old %lu new %lu",
          (unsigned long)host, (unsigned long)again);
    check(tcp_echo(H.port, "after restart\n"), "the echo app answers after the restart", NULL);
    take_offline(r, LONG_WAIT);
    do_close(r);
}

static void terminate_job(void) {
    RESID r = open_echo(L"echo-terminate", NULL);
    if (r == NULL || !online_or_fail(r))
        return;
    DWORD app = ro_dword(r, L"Pid");
    check(app != 0 && tcp_echo(H.port, "before terminate\n"), "the app runs and answers", NULL);
    ULONGLONG t0 = GetTickCount64();
    do_terminate(r);
    say("Terminate returned after %llu ms", GetTickCount64() - t0);
    check(wait_gone(app, 30000), "Terminate ended the app process", "pid %lu", (unsigned long)app);
    check(tcp_refused(H.port), "nothing listens on the port after Terminate", NULL);
    do_close(r);
}

static void malformed(void) {
    RESID r = open_echo(L"echo-malformed", NULL);
    if (r == NULL)
        return;
    /* One property whose name entry claims 0xFFFF bytes: runs past the buffer. */
    static const BYTE overrun[] = {1, 0, 0, 0, 3, 0, 4, 0, 0xFF, 0xFF, 0, 0, 'P', 0, 0, 0};
    DWORD rc =
        control(r, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, overrun, sizeof overrun, NULL, NULL);
    check(rc == CK_ERROR_INVALID_DATA, "SET with a truncated list is ERROR_INVALID_DATA", "rc=%lu",
          (unsigned long)rc);
    rc = control(r, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, overrun, 3, NULL, NULL);
    check(rc == CK_ERROR_INVALID_DATA, "VALIDATE with 3 bytes is ERROR_INVALID_DATA", "rc=%lu",
          (unsigned long)rc);
    plist twice;
    pl_begin(&twice);
    pl_dword(&twice, L"Port", 8080);
    ((DWORD *)twice.buf)[0] = 2; /* says two properties, holds one */
    rc = control(r, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, twice.buf, twice.size, NULL, NULL);
    check(rc == CK_ERROR_INVALID_DATA, "SET with a wrong count is ERROR_INVALID_DATA", "rc=%lu",
          (unsigned long)rc);
    pl_free(&twice);
    plist unknown;
    pl_begin(&unknown);
    pl_dword(&unknown, L"NoSuchProperty", 1);
    rc = control(r, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, unknown.buf, unknown.size, NULL, NULL);
    check(rc == CK_ERROR_INVALID_PARAMETER, "SET of an unknown property is ERROR_INVALID_PARAMETER",
          "rc=%lu", (unsigned long)rc);
    pl_free(&unknown);
    do_close(r);
}

static RESID open_faults(const WCHAR *name, const WCHAR *mode) {
    HKEY key = make_resource_key(name);
    set_param_sz(key, L"Mode", mode);
    RESID r = do_open(name, key);
    check(r != NULL, "Open returns a RESID", "error %lu", (unsigned long)GetLastError());
    return r;
}

static void hung(void) {
    RESID r = open_faults(L"faults-hung", L"hang");
    if (r == NULL || !online_or_fail(r))
        return;
    DWORD host = ro_dword(r, L"HostPid");
    check(host != 0, "the handler published its HostPid", NULL);
    ULONGLONG t0 = GetTickCount64();
    BOOL alive = do_is_alive(r); /* the handler spins forever in isAlive */
    ULONGLONG took = GetTickCount64() - t0;
    say("IsAlive returned %d after %llu ms", alive, took);
    check(!alive && took < 30000, "IsAlive of a hung handler is FALSE within its deadline",
          "alive=%d after %llu ms", alive, took);
    do_terminate(r);
    check(host != 0 && wait_gone(host, 30000), "Terminate killed the hung host", "pid %lu",
          (unsigned long)host);
    do_close(r);
}

static void cancel(void) {
    RESID r = open_faults(L"faults-cancel", L"slow-online");
    if (r == NULL)
        return;
    HANDLE event = NULL;
    unsigned since = H.reports;
    H.current_call = "OnlineV2";
    DWORD rc = H.table->V2Functions.Online(r, &event, 0, NULL, 0, 0);
    H.current_call = NULL;
    check(rc == CK_ERROR_IO_PENDING, "OnlineV2 of a slow online pends", "rc=%lu",
          (unsigned long)rc);
    check(wait_reports(since + 1, LONG_WAIT), "a pending status report arrived", NULL);
    since = H.reports;
    rc = do_cancel(r);
    check(rc == 0, "Cancel returns ERROR_SUCCESS", "rc=%lu", (unsigned long)rc);
    int state = wait_final(since, LONG_WAIT);
    check(state == ClusterResourceFailed || state == ClusterResourceOffline,
          "the cancelled Online ends (Failed or Offline)", "state=%d", state);
    check(log_contains("online aborted by signal", 10000), "the handler saw ctx.signal abort",
          NULL);
    do_terminate(r);
    do_close(r);
}

/* Whether the UTF-16 text occurs in the bytes. */
static int holds_text(const BYTE *data, DWORD size, const WCHAR *text) {
    DWORD n = (DWORD)(wcslen(text) * sizeof(WCHAR));
    for (DWORD i = 0; n > 0 && i + n <= size; i++)
        if (memcmp(data + i, text, n) == 0)
            return 1;
    return 0;
}

/*
 * Loaded through StartupEx: a secret is sealed with the cluster's encryption (the resutils
 * stand-in's ClusterEncrypt) and kept out of GET, the handler gets it in clear; a handler's
 * ResourceError code reaches RHS in ApplicationSpecificErrorCode of the failed status.
 */
static void secret_startupex(void) {
    static const WCHAR secret[] = L"wine-secret-7f3e";
    HKEY key = make_resource_key(L"faults-secret");
    set_param_sz(key, L"Mode", L"normal");
    RESID r = do_open(L"faults-secret", key);
    check(r != NULL, "Open returns a RESID", "error %lu", (unsigned long)GetLastError());
    if (r == NULL)
        return;
    plist set;
    pl_begin(&set);
    pl_sz(&set, L"Token", secret);
    DWORD rc = control(r, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, set.buf, set.size, NULL, NULL);
    pl_free(&set);
    check(rc == 0, "SET of the secret Token succeeds", "rc=%lu", (unsigned long)rc);
    BYTE stored[512];
    DWORD type = 0, cb = sizeof stored;
    int found = get_param_raw(key, L"Token", &type, stored, &cb);
    check(found && type == REG_BINARY && cb > 4 && memcmp(stored, "WCK1", 4) == 0,
          "the database holds Token as ClusterEncrypt's output (REG_BINARY)", "found=%d type=%lu",
          found, (unsigned long)type);
    check(found && !holds_text(stored, cb, secret), "the database does not hold the clear text",
          NULL);
    BYTE *out = NULL;
    DWORD size = 0;
    WCHAR text[64];
    rc = control(r, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, NULL, 0, &out, &size);
    check(rc == 0 && pl_find_sz(out, size, L"Mode", text, 64) &&
              !pl_find_sz(out, size, L"Token", text, 64) && !holds_text(out, size, secret),
          "GET_PRIVATE_PROPERTIES leaves the secret out", "rc=%lu", (unsigned long)rc);
    free(out);
    check(online_or_fail(r), "Online with the sealed secret", NULL);
    check(ro_dword(r, L"TokenLength") == (DWORD)wcslen(secret),
          "ClusterDecrypt gave the handler the clear secret (its length is published)", NULL);
    char narrow[64];
    WideCharToMultiByte(CP_UTF8, 0, secret, -1, narrow, sizeof narrow, NULL, NULL);
    check(!log_contains(narrow, 0), "no LogEvent line holds the secret", NULL);
    take_offline(r, LONG_WAIT);
    do_close(r);
    RegCloseKey(key);

    r = open_faults(L"faults-fail", L"fail-online");
    if (r == NULL)
        return;
    int state = bring_online(r, LONG_WAIT);
    EnterCriticalSection(&H.lock);
    DWORD error = H.status_error;
    LeaveCriticalSection(&H.lock);
    check(state == ClusterResourceFailed && error == 1460,
          "a failed Online reports the handler's code in ApplicationSpecificErrorCode",
          "state=%d error=%lu", state, (unsigned long)error);
    check(log_contains("refused on purpose", 10000), "the handler's message is in the log", NULL);
    do_terminate(r);
    do_close(r);
}

static const host_scenario scenarios[] = {
    {"online-echo", 0, online_echo, 0}, {"online-echo-v2", 1, online_echo, 0},
    {"host-crash", 0, host_crash, 0},   {"terminate-job", 0, terminate_job, 0},
    {"malformed", 0, malformed, 0},     {"hung", 0, hung, 0},
    {"cancel", 1, cancel, 0},           {"secret-startupex", 1, secret_startupex, 1},
};

const host_scenario *host_find_scenario(const char *name) {
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
        if (strcmp(scenarios[i].name, name) == 0)
            return &scenarios[i];
    return NULL;
}
