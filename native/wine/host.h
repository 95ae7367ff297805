/* host.h - shared state and helpers of host.exe (the test RHS). TEST ONLY. */
#ifndef CK_HOST_H
#define CK_HOST_H

#include <windows.h>

#include "ck_resapi.h"

typedef struct host_state {
    CRITICAL_SECTION lock;
    CONDITION_VARIABLE changed;   /* a status report arrived */
    CLUSTER_RESOURCE_STATE state; /* the last reported state */
    DWORD checkpoint;
    unsigned reports;
    char log_text[32768]; /* recent LogEvent lines, for checks on what the handler logged */
    PCLRES_FUNCTION_TABLE table;
    int v2;
    const char *scenario;
    const char *current_call; /* for the watchdog's message */
    int port;
    int failures;
    int startup_ex;     /* loaded through StartupEx: status reports come with an error */
    DWORD status_error; /* ApplicationSpecificErrorCode of the last SetResourceStatusEx */
} host_state;

extern host_state H;

/* One named check: prints "ok - what" or "not ok - what: detail". */
void check(int ok, const char *what, const char *fmt, ...);

/* ---- calls into the DLL (host_calls.c); V1 or V2 entry points as negotiated ---- */
HKEY make_resource_key(const WCHAR *name); /* fresh HKCU\Software\clusterkit-test\<name> */
void set_param_dword(HKEY key, const WCHAR *name, DWORD value);
void set_param_sz(HKEY key, const WCHAR *name, const WCHAR *value);
int get_param_sz(HKEY key, const WCHAR *name, WCHAR *out, DWORD cch);
/* A stored value as it is: its type and bytes (at most *cb). Returns 1 when it exists. */
int get_param_raw(HKEY key, const WCHAR *name, DWORD *type, BYTE *out, DWORD *cb);
RESID do_open(const WCHAR *name, HKEY key);
/* Online/Offline, waiting (at most ms) for the final status when they pend. Returns the
 * resulting state, or -1 when nothing final arrived in time. */
int bring_online(RESID r, DWORD ms);
int take_offline(RESID r, DWORD ms);
/* Waits for a report with a state >= 2 and < 128 (Online, Offline, Failed) after
 * `since` reports. Returns that state or -1. */
int wait_final(unsigned since, DWORD ms);
/* Waits until at least `count` status reports arrived. */
int wait_reports(unsigned count, DWORD ms);
BOOL do_looks_alive(RESID r);
BOOL do_is_alive(RESID r);
void do_terminate(RESID r);
void do_close(RESID r);
DWORD do_cancel(RESID r);
/* ResourceControl; *out is malloc'd (free it) for GET-style codes. */
DWORD control(RESID r, DWORD code, const void *in, DWORD in_size, BYTE **out, DWORD *out_size);
/* Whether a LogEvent line contained text, waiting at most ms for it: a handler's log
 * line may arrive after the status report of the same call. */
int log_contains(const char *text, DWORD ms);

/* ---- scenarios (host_scenarios.c) ---- */
typedef struct host_scenario {
    const char *name;
    int v2; /* negotiate 0x100-0x200 instead of 0x100-0x100 */
    void (*run)(void);
    int ex; /* through StartupEx (2012+ RHS), with SetResourceStatusEx */
} host_scenario;
const host_scenario *host_find_scenario(const char *name);

#endif
