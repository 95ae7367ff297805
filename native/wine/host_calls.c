/* host_calls.c - host.exe's calls into the resource DLL and its "cluster database". */
#include "host.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "host_util.h"

#define RH ((RESOURCE_HANDLE)(UINT_PTR)0x1234) /* the handle RHS would pass; opaque */

HKEY make_resource_key(const WCHAR *name) {
    WCHAR path[256] = L"Software\\clusterkit-test\\";
    HKEY key = NULL;
    wcsncat(path, name, 200);
    RegDeleteTreeW(HKEY_CURRENT_USER, path);
    if (RegCreateKeyExW(HKEY_CURRENT_USER, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &key, NULL))
        check(0, "create the resource's database key", "RegCreateKeyExW failed");
    return key;
}

static HKEY params(HKEY key) {
    HKEY p = NULL;
    RegCreateKeyExW(key, L"Parameters", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &p, NULL);
    return p;
}

void set_param_dword(HKEY key, const WCHAR *name, DWORD value) {
    HKEY p = params(key);
    RegSetValueExW(p, name, 0, REG_DWORD, (const BYTE *)&value, 4);
    RegCloseKey(p);
}

void set_param_sz(HKEY key, const WCHAR *name, const WCHAR *value) {
    HKEY p = params(key);
    RegSetValueExW(p, name, 0, REG_SZ, (const BYTE *)value,
                   (DWORD)((wcslen(value) + 1) * sizeof(WCHAR)));
    RegCloseKey(p);
}

int get_param_sz(HKEY key, const WCHAR *name, WCHAR *out, DWORD cch) {
    HKEY p = params(key);
    DWORD type = 0, cb = cch * sizeof(WCHAR);
    LONG rc = RegQueryValueExW(p, name, NULL, &type, (BYTE *)out, &cb);
    RegCloseKey(p);
    return rc == 0 && type == REG_SZ;
}

int get_param_raw(HKEY key, const WCHAR *name, DWORD *type, BYTE *out, DWORD *cb) {
    HKEY p = params(key);
    LONG rc = RegQueryValueExW(p, name, NULL, type, out, cb);
    RegCloseKey(p);
    return rc == 0;
}

#define ENTER(name) (H.current_call = (name))

RESID do_open(const WCHAR *name, HKEY key) {
    ENTER("Open");
    return H.v2 ? H.table->V2Functions.Open(name, key, RH, 0)
                : H.table->V1Functions.Open(name, key, RH);
}

static unsigned reports_now(void) {
    EnterCriticalSection(&H.lock);
    unsigned n = H.reports;
    LeaveCriticalSection(&H.lock);
    return n;
}

int wait_final(unsigned since, DWORD ms) {
    ULONGLONG deadline = GetTickCount64() + ms;
    int result = -1;
    EnterCriticalSection(&H.lock);
    for (;;) {
        if (H.reports > since && H.state >= 2 && H.state < 128) {
            result = (int)H.state;
            break;
        }
        ULONGLONG now = GetTickCount64();
        if (now >= deadline)
            break;
        SleepConditionVariableCS(&H.changed, &H.lock, (DWORD)(deadline - now));
    }
    LeaveCriticalSection(&H.lock);
    return result;
}

int wait_reports(unsigned count, DWORD ms) {
    ULONGLONG deadline = GetTickCount64() + ms;
    EnterCriticalSection(&H.lock);
    while (H.reports < count && GetTickCount64() < deadline)
        SleepConditionVariableCS(&H.changed, &H.lock, 100);
    int ok = H.reports >= count;
    LeaveCriticalSection(&H.lock);
    return ok;
}

int bring_online(RESID r, DWORD ms) {
    HANDLE event = NULL;
    unsigned since = reports_now();
    ENTER("Online");
    DWORD rc = H.v2 ? H.table->V2Functions.Online(r, &event, 0, NULL, 0, 0)
                    : H.table->V1Functions.Online(r, &event);
    H.current_call = NULL;
    say("Online -> %lu%s", (unsigned long)rc,
        rc == CK_ERROR_IO_PENDING ? " (ERROR_IO_PENDING)" : "");
    if (rc == 0)
        return ClusterResourceOnline;
    if (rc != CK_ERROR_IO_PENDING)
        return ClusterResourceFailed;
    return wait_final(since, ms);
}

int take_offline(RESID r, DWORD ms) {
    unsigned since = reports_now();
    ENTER("Offline");
    DWORD rc = H.v2 ? H.table->V2Functions.Offline(r, NULL, 0, NULL, 0, 0)
                    : H.table->V1Functions.Offline(r);
    H.current_call = NULL;
    say("Offline -> %lu", (unsigned long)rc);
    if (rc == 0)
        return ClusterResourceOffline;
    if (rc != CK_ERROR_IO_PENDING)
        return ClusterResourceFailed;
    return wait_final(since, ms);
}

BOOL do_looks_alive(RESID r) {
    ENTER("LooksAlive");
    BOOL b = H.table->V1Functions.LooksAlive(r);
    H.current_call = NULL;
    return b;
}

BOOL do_is_alive(RESID r) {
    ENTER("IsAlive");
    BOOL b = H.table->V1Functions.IsAlive(r);
    H.current_call = NULL;
    return b;
}

void do_terminate(RESID r) {
    ENTER("Terminate");
    H.table->V1Functions.Terminate(r);
    H.current_call = NULL;
}

void do_close(RESID r) {
    ENTER("Close");
    H.table->V1Functions.Close(r);
    H.current_call = NULL;
}

DWORD do_cancel(RESID r) {
    ENTER("Cancel");
    DWORD rc = H.table->V2Functions.Cancel(r, 0);
    H.current_call = NULL;
    return rc;
}

DWORD control(RESID r, DWORD code, const void *in, DWORD in_size, BYTE **out, DWORD *out_size) {
    DWORD returned = 0, rc;
    BYTE probe[4];
    ENTER("ResourceControl");
    if (out == NULL) {
        rc = H.table->V1Functions.ResourceControl(r, code, (PVOID)in, in_size, probe, 0, &returned);
        H.current_call = NULL;
        return rc;
    }
    /* Ask with an empty buffer first: RHS expects ERROR_MORE_DATA and the size. */
    *out = NULL;
    *out_size = 0;
    rc = H.table->V1Functions.ResourceControl(r, code, (PVOID)in, in_size, probe, 0, &returned);
    if (rc == CK_ERROR_MORE_DATA && returned > 0) {
        *out = malloc(returned);
        DWORD cap = returned;
        rc =
            H.table->V1Functions.ResourceControl(r, code, (PVOID)in, in_size, *out, cap, &returned);
        *out_size = returned;
    } else if (rc == 0) {
        *out = malloc(4);
        if (*out != NULL)
            memcpy(*out, probe, 4);
        *out_size = returned;
    }
    H.current_call = NULL;
    return rc;
}

int log_contains(const char *text, DWORD ms) {
    ULONGLONG deadline = GetTickCount64() + ms;
    for (;;) {
        EnterCriticalSection(&H.lock);
        int found = strstr(H.log_text, text) != NULL;
        LeaveCriticalSection(&H.lock);
        if (found || GetTickCount64() >= deadline)
            return found;
        Sleep(50);
    }
}
