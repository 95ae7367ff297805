/*
 * services.h - what the cluster provides the library, as the platform layer reaches it:
 * the cluster database (the stored values of private properties, under the HKEY RHS
 * passed to Open, or the type's key for type-level properties) and, on POSIX, the notice
 * that an Online event handle was signaled. POSIX: platform/posix_services.c, through the
 * services the harness binds with ck_bind_host_services. Windows: platform/win32_db.c,
 * ClusterReg* (clusapi) on the key's "Parameters" subkey. The contracts are those of
 * ck_host_services (clusterkit.h).
 */
#ifndef CK_SERVICES_H
#define CK_SERVICES_H

#include "clusterkit.h"

/* ERROR_SUCCESS, ERROR_FILE_NOT_FOUND, or ERROR_MORE_DATA with *cb = the size needed. */
DWORD ck__db_query(HKEY key, const WCHAR *name, DWORD *type, BYTE *data, DWORD *cb);
DWORD ck__db_set(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb);
/* ERROR_SUCCESS or ERROR_FILE_NOT_FOUND (absent): undoes a write that created a value. */
DWORD ck__db_delete(HKEY key, const WCHAR *name);
/* The database key holding the type's private properties, or NULL. */
HKEY ck__db_type_key(void);
/* The services bound by ck_bind_host_services (POSIX), or NULL (Windows). */
const ck_host_services *ck__services(void);

#endif /* CK_SERVICES_H */
