/*
 * win32_db.c - the cluster database of services.h on Windows: ClusterReg* (clusapi)
 * on the "Parameters" subkey of the key RHS passed to Open, and the type's key from
 * GetClusterResourceTypeKey. The registry itself is never touched: the cluster database
 * is replicated by the cluster service, and only ClusterReg* goes through it.
 */
#include "platform/services.h"

/* Declared here: mingw-w64's clusapi.h does not compile as shipped (docs/native.md). */
typedef struct _HCLUSTER *HCLUSTER;
LONG WINAPI ClusterRegOpenKey(HKEY hKey, LPCWSTR lpszSubKey, REGSAM samDesired, PHKEY phkResult);
LONG WINAPI ClusterRegCreateKey(HKEY hKey, LPCWSTR lpszSubKey, DWORD dwOptions, REGSAM samDesired,
                                LPSECURITY_ATTRIBUTES lpSecurityAttributes, PHKEY phkResult,
                                LPDWORD lpdwDisposition);
LONG WINAPI ClusterRegQueryValue(HKEY hKey, LPCWSTR lpszValueName, LPDWORD lpdwValueType,
                                 LPBYTE lpData, LPDWORD lpcbData);
DWORD WINAPI ClusterRegSetValue(HKEY hKey, LPCWSTR lpszValueName, DWORD dwType, const BYTE *lpData,
                                DWORD cbData);
DWORD WINAPI ClusterRegDeleteValue(HKEY hKey, LPCWSTR lpszValueName);
LONG WINAPI ClusterRegCloseKey(HKEY hKey);
HCLUSTER WINAPI OpenCluster(LPCWSTR lpszClusterName);
HKEY WINAPI GetClusterResourceTypeKey(HCLUSTER hCluster, LPCWSTR lpszTypeName, REGSAM samDesired);

static const WCHAR PARAMETERS[] = {'P', 'a', 'r', 'a', 'm', 'e', 't', 'e', 'r', 's', 0};

const ck_host_services *ck__services(void) {
    return NULL;
}

DWORD ck__db_query(HKEY key, const WCHAR *name, DWORD *type, BYTE *data, DWORD *cb) {
    HKEY params = NULL;
    if (key == NULL || name == NULL || cb == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    LONG rc = ClusterRegOpenKey(key, PARAMETERS, KEY_READ, &params);
    if (rc != ERROR_SUCCESS)
        return (DWORD)rc;
    rc = ClusterRegQueryValue(params, name, type, data, cb);
    ClusterRegCloseKey(params);
    return (DWORD)rc;
}

DWORD ck__db_set(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb) {
    HKEY params = NULL;
    DWORD disposition = 0;
    if (key == NULL || name == NULL || (data == NULL && cb != 0))
        return CK_ERROR_INVALID_PARAMETER;
    LONG rc = ClusterRegCreateKey(key, PARAMETERS, 0, KEY_ALL_ACCESS, NULL, &params, &disposition);
    if (rc != ERROR_SUCCESS)
        return (DWORD)rc;
    DWORD set = ClusterRegSetValue(params, name, type, data, cb);
    ClusterRegCloseKey(params);
    return set;
}

DWORD ck__db_delete(HKEY key, const WCHAR *name) {
    HKEY params = NULL;
    if (key == NULL || name == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    LONG rc = ClusterRegOpenKey(key, PARAMETERS, KEY_ALL_ACCESS, &params);
    if (rc != ERROR_SUCCESS)
        return (DWORD)rc;
    DWORD del = ClusterRegDeleteValue(params, name);
    ClusterRegCloseKey(params);
    return del;
}

HKEY ck__db_type_key(void) {
    /* Opened once and kept: the type key lives as long as the monitor process. */
    static HKEY type_key;
    if (type_key == NULL) {
        HCLUSTER cluster = OpenCluster(NULL);
        if (cluster != NULL)
            type_key = GetClusterResourceTypeKey(cluster, ck_type.type_name, KEY_ALL_ACCESS);
    }
    return type_key;
}
