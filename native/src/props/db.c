/*
 * db.c - the cluster-database seam and reading a property table from it.
 * POSIX: the services the harness binds with ck_bind_host_services. Windows:
 * ClusterReg* on the key's "Parameters" subkey (resapi.md §4.6).
 */
#include "props/ck_props.h"

#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
/* Declared here: mingw-w64's clusapi.h does not compile as shipped (resapi.md §1.5). */
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

DWORD ck__expand_env(const BYTE *in, DWORD cb, BYTE **out, DWORD *out_cb) {
    if (in == NULL || out == NULL || out_cb == NULL || cb < 2 || cb % 2 != 0)
        return CK_ERROR_INVALID_PARAMETER;
    DWORD need = ExpandEnvironmentStringsW((LPCWSTR)in, NULL, 0);
    if (need == 0)
        return GetLastError();
    WCHAR *buf = malloc((size_t)need * sizeof(WCHAR));
    if (buf == NULL)
        return CK_ERROR_NOT_ENOUGH_MEMORY;
    DWORD got = ExpandEnvironmentStringsW((LPCWSTR)in, buf, need);
    if (got == 0 || got > need) {
        free(buf);
        return CK_ERROR_GEN_FAILURE;
    }
    *out = (BYTE *)buf;
    *out_cb = got * (DWORD)sizeof(WCHAR);
    return CK_ERROR_SUCCESS;
}

#else /* POSIX */

static ck_host_services bound;
static int is_bound;

DWORD ck_bind_host_services(const ck_host_services *services) {
    if (services == NULL || services->size < sizeof(ck_host_services))
        return CK_ERROR_INVALID_PARAMETER;
    /* A copy, so the caller's table need not outlive the call. */
    memcpy(&bound, services, sizeof(bound));
    bound.size = sizeof(bound);
    is_bound = 1;
    return CK_ERROR_SUCCESS;
}

const ck_host_services *ck__services(void) {
    return is_bound ? &bound : NULL;
}

static DWORD not_bound(const char *what) {
    ck__log(NULL, LOG_ERROR,
            "cluster database %s failed: no host services are bound; the harness must call "
            "ck_bind_host_services before using the library",
            what);
    return CK_ERROR_NOT_SUPPORTED;
}

DWORD ck__db_query(HKEY key, const WCHAR *name, DWORD *type, BYTE *data, DWORD *cb) {
    if (name == NULL || cb == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    if (!is_bound || bound.db_query == NULL)
        return not_bound("query");
    return bound.db_query(key, name, type, data, cb);
}

DWORD ck__db_set(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb) {
    if (name == NULL || (data == NULL && cb != 0))
        return CK_ERROR_INVALID_PARAMETER;
    if (!is_bound || bound.db_set == NULL)
        return not_bound("write");
    return bound.db_set(key, name, type, data, cb);
}

DWORD ck__db_delete(HKEY key, const WCHAR *name) {
    if (name == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    if (!is_bound || bound.db_delete == NULL)
        return not_bound("delete");
    return bound.db_delete(key, name);
}

HKEY ck__db_type_key(void) {
    return is_bound ? bound.type_key : NULL;
}

/* Appends the UTF-16LE form of a UTF-8 string (text.c: ill-formed bytes become U+FFFD). */
static void append_utf8(ck_clusprop_writer *w, const char *s) {
    WCHAR *u = ck__utf8_to_utf16(s, strlen(s));
    if (u == NULL && w->err == CK_ERROR_SUCCESS)
        w->err = CK_ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; u != NULL && u[i] != 0; i++) {
        BYTE le[2] = {(BYTE)u[i], (BYTE)(u[i] >> 8)};
        ck__clusprop_add_raw(w, le, 2);
    }
    free(u);
}

static WCHAR unit(const BYTE *in, DWORD i) {
    return (WCHAR)(in[i * 2] | (in[i * 2 + 1] << 8));
}

/* Like ExpandEnvironmentStrings: %NAME% is replaced by getenv("NAME") when NAME is a
 * defined ASCII variable; anything else is copied as written. */
DWORD ck__expand_env(const BYTE *in, DWORD cb, BYTE **out, DWORD *out_cb) {
    if (in == NULL || out == NULL || out_cb == NULL || cb < 2 || cb % 2 != 0)
        return CK_ERROR_INVALID_PARAMETER;
    ck_clusprop_writer w;
    ck__clusprop_writer_init(&w, 0);
    DWORD units = cb / 2 - 1, i = 0;
    while (i < units && unit(in, i) != 0) {
        DWORD end = i + 1;
        while (unit(in, i) == '%' && end < units && unit(in, end) != '%')
            end++;
        DWORD len = end - i - 1;
        if (unit(in, i) == '%' && end < units && len > 0 && len < 256) {
            char name[256];
            int ascii = 1;
            for (DWORD k = 0; k < len; k++) {
                WCHAR u = unit(in, i + 1 + k);
                ascii = ascii && u > 0 && u < 0x80 && u != '=';
                name[k] = (char)u;
            }
            name[len] = 0;
            const char *value = ascii ? getenv(name) : NULL;
            if (value != NULL) {
                append_utf8(&w, value);
                i = end + 1;
                continue;
            }
        }
        ck__clusprop_add_raw(&w, in + i * 2, 2);
        i++;
    }
    static const BYTE nul[2] = {0, 0};
    ck__clusprop_add_raw(&w, nul, 2);
    return ck__clusprop_finish(&w, out, out_cb);
}

#endif /* _WIN32 */

/* ---- both platforms ---- */

DWORD ck__db_query_alloc(HKEY key, const WCHAR *name, DWORD *type, BYTE **data, DWORD *cb) {
    if (name == NULL || data == NULL || cb == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    *data = NULL;
    *cb = 0;
    DWORD size = 64;
    /* The value may grow between the two calls: retry a few times. */
    for (int attempt = 0; attempt < 4; attempt++) {
        BYTE *buf = malloc(size ? size : 1);
        if (buf == NULL)
            return CK_ERROR_NOT_ENOUGH_MEMORY;
        DWORD got = size;
        DWORD rc = ck__db_query(key, name, type, buf, &got);
        if (rc == CK_ERROR_SUCCESS && got <= size) {
            *data = buf;
            *cb = got;
            return CK_ERROR_SUCCESS;
        }
        free(buf);
        if (rc != CK_ERROR_MORE_DATA && rc != CK_ERROR_SUCCESS)
            return rc;
        if (got <= size || got > 0x4000000u)
            return CK_ERROR_INVALID_DATA; /* lying or absurd size */
        size = got;
    }
    return CK_ERROR_MORE_DATA;
}

/* The published (or override) entry for p in a checked list, or 0. */
static int find_override(const void *list, DWORD size, const ck_prop_desc *p,
                         ck_clusprop_value *v) {
    ck_clusprop_iter it;
    ck_clusprop_prop prop;
    if (list == NULL || ck__clusprop_iter_init(&it, list, size) != CK_ERROR_SUCCESS)
        return 0;
    while (ck__clusprop_next(&it, &prop) == CK_ERROR_SUCCESS) {
        DWORD cursor = 0;
        if (ck__name_equals(p->name, prop.name, prop.name_size) &&
            ck__clusprop_value(&prop, &cursor, v)) {
            return 1;
        }
    }
    return 0;
}

/* Adds the stored value of p (if any, of the right registry type): 1 added, 0 none. */
static int add_from_db(ck_instance *inst, HKEY key, const ck_prop_desc *p, ck_clusprop_writer *w) {
    DWORD type = 0, cb = 0;
    BYTE *data = NULL;
    char name[128];
    if (ck__db_query_alloc(key, p->name, &type, &data, &cb) != CK_ERROR_SUCCESS)
        return 0;
    DWORD want = ck__prop_reg_type(p->format);
    int usable = type == want || (want == CK_REG_EXPAND_SZ && type == CK_REG_SZ);
    int added = 0;
    if (usable && ck__props_add_stored(w, p, data, cb) == CK_ERROR_SUCCESS)
        added = 1;
    if (!added) {
        ck__wname_utf8(p->name, name, sizeof(name));
        ck__log(inst, LOG_WARNING,
                "stored value of property %s (registry type %u, %u bytes) does not fit its format; "
                "using the default. Set the property again to fix it.",
                name, (unsigned)type, (unsigned)cb);
    }
    free(data);
    return added;
}

DWORD ck__props_build(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                      const void *overrides, DWORD overrides_size, DWORD flags,
                      ck_clusprop_writer *w) {
    if ((props == NULL && count != 0) || w == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    for (DWORD i = 0; i < count; i++) {
        const ck_prop_desc *p = &props[i];
        int read_only = (p->flags & CK_PROP_READ_ONLY) != 0;
        if (p->name == NULL || read_only != ((flags & CK_BUILD_READ_ONLY) != 0))
            continue;
        ck_clusprop_value v;
        if (find_override(overrides, overrides_size, p, &v) && ck__prop_format_ok(p, v.syntax) &&
            ck__props_add_stored(w, p, v.data, v.size) == CK_ERROR_SUCCESS) {
            continue;
        }
        if (!(flags & CK_BUILD_NO_DB) && add_from_db(inst, key, p, w))
            continue;
        if ((p->flags & CK_PROP_HAS_DEFAULT) && p->default_data != NULL &&
            ck__props_add_stored(w, p, p->default_data, p->default_size) == CK_ERROR_SUCCESS) {
            continue;
        }
        if ((p->flags & CK_PROP_REQUIRED) && (flags & CK_BUILD_REQUIRED)) {
            char name[128];
            ck__wname_utf8(p->name, name, sizeof(name));
            ck__log(inst, LOG_ERROR,
                    "required property %s has no value; set it (Set-ClusterParameter %s <value>) "
                    "before bringing the resource online",
                    name, name);
            return CK_ERROR_INVALID_PARAMETER;
        }
    }
    return w->err;
}

DWORD ck__props_read_list(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                          BYTE **list, DWORD *size) {
    if (list == NULL || size == NULL || (props == NULL && count != 0))
        return CK_ERROR_INVALID_PARAMETER;
    *list = NULL;
    *size = 0;
    ck_clusprop_writer w;
    ck__clusprop_writer_init(&w, 1);
    DWORD rc = ck__props_build(inst, key, props, count, NULL, 0, CK_BUILD_REQUIRED, &w);
    if (rc != CK_ERROR_SUCCESS) {
        ck__clusprop_writer_free(&w);
        return rc;
    }
    return ck__clusprop_finish(&w, list, size);
}
