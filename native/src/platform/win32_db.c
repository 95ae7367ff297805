/*
 * win32_db.c - the cluster database of services.h on Windows: ClusterReg* (clusapi)
 * on the "Parameters" subkey of the key RHS passed to Open, and the type's key from
 * GetClusterResourceTypeKey. The registry itself is never touched: the cluster database
 * is replicated by the cluster service, and only ClusterReg* goes through it.
 */
#include "platform/services.h"

#include <stdlib.h>
#include <string.h>

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

/*
 * Secrets: the cluster's own encryption (resutils.dll, Windows Server 2012 and later), whose
 * key the cluster keeps for the resource on every node, so any owner node can recover a value
 * another node stored. Looked up at run time, so the library still loads where they are absent
 * (then ERROR_NOT_SUPPORTED, and the value is stored as given). The provider is the default
 * one of PROV_RSA_AES: a NULL name sidesteps the headers' LPCTSTR, which the documentation
 * calls Unicode and the metadata ANSI.
 */
typedef struct _HCLUSCRYPTPROVIDER *HCLUSCRYPTPROVIDER;
typedef HCLUSCRYPTPROVIDER(WINAPI *open_crypt_fn)(LPCWSTR resource, const void *provider,
                                                  DWORD type, DWORD flags);
typedef DWORD(WINAPI *crypt_fn)(HCLUSCRYPTPROVIDER provider, PBYTE in, DWORD cb, PBYTE *out,
                                PDWORD out_cb);
typedef DWORD(WINAPI *free_crypt_fn)(PVOID info);
typedef DWORD(WINAPI *close_crypt_fn)(HCLUSCRYPTPROVIDER provider);

#define CK_PROV_RSA_AES 24u
#define CK_CLUS_CREATE_CRYPT_CONTAINER_NOT_FOUND 0x1u

static FARPROC resutils_proc(const char *name) {
    static const WCHAR dll[] = {'r', 'e', 's', 'u', 't', 'i', 'l', 's', '.', 'd', 'l', 'l', 0};
    HMODULE module = GetModuleHandleW(dll);
    if (module == NULL)
        module = LoadLibraryW(dll);
    return module != NULL ? GetProcAddress(module, name) : NULL;
}

DWORD ck__db_protect(const WCHAR *resource, int reverse, const BYTE *data, DWORD cb, BYTE **out,
                     DWORD *out_cb) {
    if (resource == NULL || data == NULL || out == NULL || out_cb == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    *out = NULL;
    *out_cb = 0;
    open_crypt_fn open_crypt = (open_crypt_fn)(void *)resutils_proc("OpenClusterCryptProvider");
    crypt_fn crypt = (crypt_fn)(void *)resutils_proc(reverse ? "ClusterDecrypt" : "ClusterEncrypt");
    free_crypt_fn free_crypt = (free_crypt_fn)(void *)resutils_proc("FreeClusterCrypt");
    close_crypt_fn close_crypt = (close_crypt_fn)(void *)resutils_proc("CloseClusterCryptProvider");
    if (open_crypt == NULL || crypt == NULL || free_crypt == NULL || close_crypt == NULL)
        return CK_ERROR_NOT_SUPPORTED;
    HCLUSCRYPTPROVIDER provider =
        open_crypt(resource, NULL, CK_PROV_RSA_AES, CK_CLUS_CREATE_CRYPT_CONTAINER_NOT_FOUND);
    if (provider == NULL)
        return GetLastError() != 0 ? GetLastError() : CK_ERROR_NOT_SUPPORTED;
    PBYTE result = NULL;
    DWORD result_cb = 0;
    DWORD rc = crypt(provider, (PBYTE)data, cb, &result, &result_cb);
    if (rc == ERROR_SUCCESS) {
        *out = malloc(result_cb ? result_cb : 1);
        if (*out == NULL)
            rc = CK_ERROR_NOT_ENOUGH_MEMORY;
        else {
            memcpy(*out, result, result_cb);
            *out_cb = result_cb;
        }
    }
    if (result != NULL) {
        SecureZeroMemory(result, result_cb);
        free_crypt(result);
    }
    close_crypt(provider);
    return rc;
}
