/*
 * host.c - TEST ONLY. A small stand-in for RHS that drives a clusterkit resource DLL
 * under Wine (or Windows): LoadLibrary, Startup with SetResourceStatus/LogEvent
 * callbacks (or StartupEx with SetResourceStatusEx), Open with a "cluster database" key (a registry
 * key that the clusapi.dll stand-in serves), Online with pending status reports, health checks,
 * property controls, Offline, Terminate, Close.
 *
 *   host.exe <dll> <TypeName> <scenario> [port]
 *   scenarios: online-echo online-echo-v2 host-crash terminate-job malformed hung cancel
 *              secret-startupex
 *
 * Each check prints "ok - ..." or "not ok - ...". The last lines are
 * "SCENARIO <name> PASS" and "ALL DONE" only when every check held: a test must read
 * them, not the exit code (Wine can exit 0 after a crash).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "ck_resapi.h"
#include "host.h"
#include "host_util.h"

host_state H;

void check(int ok, const char *what, const char *fmt, ...) {
    char detail[512] = "";
    if (!ok && fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(detail, sizeof detail, fmt, ap);
        va_end(ap);
    }
    say("%s - %s%s%s", ok ? "ok" : "not ok", what, ok ? "" : ": ", detail);
    if (!ok)
        H.failures++;
}

/* ---- callbacks RHS would provide ---- */

static DWORD WINAPI set_resource_status(RESOURCE_HANDLE handle, PRESOURCE_STATUS status) {
    (void)handle;
    EnterCriticalSection(&H.lock);
    H.state = status->ResourceState;
    H.checkpoint = status->CheckPoint;
    H.reports++;
    WakeAllConditionVariable(&H.changed);
    LeaveCriticalSection(&H.lock);
    say("[status] state=%d checkpoint=%lu", (int)status->ResourceState,
        (unsigned long)status->CheckPoint);
    return ResourceExitStateContinue;
}

static DWORD WINAPI set_resource_status_ex(RESOURCE_HANDLE handle, PRESOURCE_STATUS_EX status) {
    (void)handle;
    EnterCriticalSection(&H.lock);
    H.state = status->ResourceState;
    H.checkpoint = status->CheckPoint;
    H.status_error = status->ApplicationSpecificErrorCode;
    H.reports++;
    WakeAllConditionVariable(&H.changed);
    LeaveCriticalSection(&H.lock);
    say("[status-ex] state=%d checkpoint=%lu error=%lu", (int)status->ResourceState,
        (unsigned long)status->CheckPoint, (unsigned long)status->ApplicationSpecificErrorCode);
    return ResourceExitStateContinue;
}

/* LogEvent takes a FormatMessage format (%1!s! and friends), not printf. */
static VOID WINAPI log_event(RESOURCE_HANDLE handle, LOG_LEVEL level, LPCWSTR format, ...) {
    va_list ap;
    WCHAR *text = NULL;
    (void)handle;
    va_start(ap, format);
    DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, format, 0,
                             0, (LPWSTR)&text, 0, &ap);
    va_end(ap);
    char *line = utf8(n > 0 ? text : L"(LogEvent: FormatMessage failed)");
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = 0;
    say("[log %d] %s", (int)level, line);
    EnterCriticalSection(&H.lock);
    size_t used = strlen(H.log_text);
    if (used + len + 2 >= sizeof H.log_text)
        used = 0; /* keep the recent lines only */
    memcpy(H.log_text + used, line, len);
    H.log_text[used + len] = '\n';
    H.log_text[used + len + 1] = 0;
    LeaveCriticalSection(&H.lock);
    free(line);
    if (text != NULL)
        LocalFree(text);
}

/* ---- watchdog: a hung call must fail the run, not block the test forever ---- */

static DWORD WINAPI watchdog(LPVOID arg) {
    Sleep((DWORD)(UINT_PTR)arg);
    say("not ok - watchdog: still inside %s after %lu ms", H.current_call ? H.current_call : "?",
        (unsigned long)(UINT_PTR)arg);
    say("SCENARIO %s FAIL", H.scenario);
    ExitProcess(4);
}

/* ---- Startup and the version negotiation ---- */

/* What RHS on Windows Server 2012 and later calls: StartupEx with the callback table. Only
 * the first two members are given; the DLL must not read the others. */
static int startup_ex(HMODULE mod, const WCHAR *type, int v2) {
    PSTARTUP_EX_ROUTINE start =
        (PSTARTUP_EX_ROUTINE)(void *)GetProcAddress(mod, CK_STARTUP_EX_ROUTINE);
    check(start != NULL, "StartupEx is exported", NULL);
    if (start == NULL)
        return 0;
    static CLRES_CALLBACK_FUNCTION_TABLE callbacks;
    memset(&callbacks, 0, sizeof callbacks);
    callbacks.LogEvent = log_event;
    callbacks.SetResourceStatusEx = set_resource_status_ex;
    PCLRES_FUNCTION_TABLE t = NULL;
    DWORD max = v2 ? CLRES_VERSION_V2_00 : CLRES_VERSION_V1_00;
    DWORD rc = start(type, CLRES_VERSION_V1_00, max, &callbacks, &t);
    check(rc == 0 && t != NULL && t->Version == max, "StartupEx offers the negotiated table",
          "rc=%lu version=0x%lx", (unsigned long)rc, t ? (unsigned long)t->Version : 0ul);
    if (rc != 0 || t == NULL)
        return 0;
    H.table = t;
    H.v2 = v2;
    H.startup_ex = 1;
    return 1;
}

static int startup(const char *dll, const WCHAR *type, int v2, int ex) {
    HMODULE mod = LoadLibraryA(dll);
    check(mod != NULL, "LoadLibrary", "error %lu", (unsigned long)GetLastError());
    if (mod == NULL)
        return 0;
    if (ex)
        return startup_ex(mod, type, v2);
    PSTARTUP_ROUTINE start = (PSTARTUP_ROUTINE)(void *)GetProcAddress(mod, CK_STARTUP_ROUTINE);
    check(start != NULL, "Startup is exported", NULL);
    if (start == NULL)
        return 0;
    PCLRES_FUNCTION_TABLE t = NULL;
    DWORD rc = start(L"NoSuchType", 0x100, 0x200, set_resource_status, log_event, &t);
    check(rc == CK_ERROR_CLUSTER_RESNAME_NOT_FOUND, "Startup refuses a foreign type", "rc=%lu",
          (unsigned long)rc);
    rc = start(type, CLRES_VERSION_V3_00, CLRES_VERSION_V4_00, set_resource_status, log_event, &t);
    check(rc == CK_ERROR_REVISION_MISMATCH, "Startup refuses a V3-V4 only range", "rc=%lu",
          (unsigned long)rc);
    DWORD max = v2 ? CLRES_VERSION_V2_00 : CLRES_VERSION_V1_00;
    rc = start(type, CLRES_VERSION_V1_00, max, set_resource_status, log_event, &t);
    DWORD want_version = v2 ? CLRES_VERSION_V2_00 : CLRES_VERSION_V1_00;
    DWORD want_size = v2 ? (DWORD)sizeof(CLRES_V2_FUNCTIONS) : (DWORD)sizeof(CLRES_V1_FUNCTIONS);
    check(rc == 0 && t != NULL && t->Version == want_version && t->TableSize == want_size,
          v2 ? "Startup 0x100-0x200 offers the V2 table"
             : "Startup 0x100-0x100 offers the V1 table",
          "rc=%lu version=0x%lx size=%lu", (unsigned long)rc, t ? (unsigned long)t->Version : 0ul,
          t ? (unsigned long)t->TableSize : 0ul);
    if (rc != 0 || t == NULL)
        return 0;
    if (v2)
        check(t->V2Functions.Cancel != NULL, "the V2 table has Cancel", NULL);
    H.table = t;
    H.v2 = v2;
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        say("usage: host.exe <dll> <TypeName> <scenario> [port]");
        return 2;
    }
    InitializeCriticalSection(&H.lock);
    InitializeConditionVariable(&H.changed);
    H.scenario = argv[3];
    H.port = argc > 4 ? atoi(argv[4]) : 0;
    const host_scenario *sc = host_find_scenario(H.scenario);
    if (sc == NULL) {
        say("unknown scenario '%s'", H.scenario);
        return 2;
    }
    CloseHandle(CreateThread(NULL, 0, watchdog, (LPVOID)(UINT_PTR)150000, 0, NULL));
    WCHAR type[128];
    MultiByteToWideChar(CP_UTF8, 0, argv[2], -1, type, 128);
    say("host.exe pid %lu: %s on %s (%s)", (unsigned long)GetCurrentProcessId(), H.scenario,
        argv[1], argv[2]);
    if (startup(argv[1], type, sc->v2, sc->ex))
        sc->run();
    if (H.failures == 0) {
        say("SCENARIO %s PASS", H.scenario);
        say("ALL DONE");
        return 0;
    }
    say("SCENARIO %s FAIL (%d failed checks)", H.scenario, H.failures);
    return 1;
}
