/*
 * clusapi_standin.c - TEST ONLY. A stand-in for clusapi.dll under Wine, whose own
 * ClusterReg* are stubs that abort the process (docs/windows.md, "The Wine suite").
 * The cluster database is played by the ordinary registry: the HKEY that host.exe
 * passes to Open is a real key (HKCU\Software\clusterkit-test\<resource>), and these
 * functions forward to the Reg*W calls. Never ship this next to a real cluster.
 */
#include <windows.h>

#define STANDIN __declspec(dllexport)

STANDIN LONG WINAPI ClusterRegOpenKey(HKEY key, LPCWSTR sub, REGSAM sam, PHKEY result) {
    return RegOpenKeyExW(key, sub, 0, sam, result);
}

STANDIN LONG WINAPI ClusterRegCreateKey(HKEY key, LPCWSTR sub, DWORD options, REGSAM sam,
                                        LPSECURITY_ATTRIBUTES sa, PHKEY result,
                                        LPDWORD disposition) {
    return RegCreateKeyExW(key, sub, 0, NULL, options, sam, sa, result, disposition);
}

STANDIN LONG WINAPI ClusterRegCloseKey(HKEY key) {
    return RegCloseKey(key);
}

STANDIN LONG WINAPI ClusterRegDeleteKey(HKEY key, LPCWSTR sub) {
    return RegDeleteKeyW(key, sub);
}

STANDIN LONG WINAPI ClusterRegQueryValue(HKEY key, LPCWSTR name, LPDWORD type, LPBYTE data,
                                         LPDWORD cb) {
    return RegQueryValueExW(key, name, NULL, type, data, cb);
}

STANDIN DWORD WINAPI ClusterRegSetValue(HKEY key, LPCWSTR name, DWORD type, CONST BYTE *data,
                                        DWORD cb) {
    return (DWORD)RegSetValueExW(key, name, 0, type, data, cb);
}

STANDIN DWORD WINAPI ClusterRegDeleteValue(HKEY key, LPCWSTR name) {
    return (DWORD)RegDeleteValueW(key, name);
}

STANDIN DWORD WINAPI ClusterRegEnumValue(HKEY key, DWORD index, LPWSTR name, LPDWORD name_len,
                                         LPDWORD type, LPBYTE data, LPDWORD cb) {
    return (DWORD)RegEnumValueW(key, index, name, name_len, NULL, type, data, cb);
}

STANDIN LONG WINAPI ClusterRegEnumKey(HKEY key, DWORD index, LPWSTR name, LPDWORD name_len,
                                      PFILETIME last_write) {
    return RegEnumKeyExW(key, index, name, name_len, NULL, NULL, NULL, last_write);
}

STANDIN LONG WINAPI ClusterRegQueryInfoKey(HKEY key, LPDWORD subkeys, LPDWORD max_subkey_len,
                                           LPDWORD values, LPDWORD max_value_name_len,
                                           LPDWORD max_value_len, LPDWORD security_len,
                                           PFILETIME last_write) {
    return RegQueryInfoKeyW(key, NULL, NULL, NULL, subkeys, max_subkey_len, NULL, values,
                            max_value_name_len, max_value_len, security_len, last_write);
}

/* The cluster handle is a token: there is one "cluster", the current user's registry. */
STANDIN HANDLE WINAPI OpenCluster(LPCWSTR name) {
    (void)name;
    return (HANDLE)(UINT_PTR)0xC1;
}

STANDIN BOOL WINAPI CloseCluster(HANDLE cluster) {
    return cluster != NULL;
}

/* Resource types keep their private properties under ...\types\<TypeName>. */
STANDIN HKEY WINAPI GetClusterResourceTypeKey(HANDLE cluster, LPCWSTR type, REGSAM sam) {
    WCHAR path[300] = L"Software\\clusterkit-test\\types\\";
    HKEY key = NULL;
    if (cluster == NULL || type == NULL || lstrlenW(type) > 200) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    lstrcatW(path, type);
    LONG rc = RegCreateKeyExW(HKEY_CURRENT_USER, path, 0, NULL, 0, sam, NULL, &key, NULL);
    if (rc != ERROR_SUCCESS) {
        SetLastError((DWORD)rc);
        return NULL;
    }
    return key;
}
