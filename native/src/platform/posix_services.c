/*
 * posix_services.c - the services the harness (playing RHS and the cluster service)
 * binds with ck_bind_host_services on POSIX, and the cluster database of services.h
 * through them.
 */
#include <string.h>

#include "ck_shared.h" /* ck__log */
#include "platform/services.h"

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
