/*
 * db.h - the cluster-database seam: the stored values of private properties, under the
 * HKEY RHS passed to Open (or the type's key for type-level properties). The platform
 * layer implements the seam: platform/posix_services.c through the services the harness
 * binds (ck_bind_host_services), platform/win32_db.c with ClusterReg* on the key's
 * "Parameters" subkey. The contracts are those of ck_host_services (clusterkit.h).
 */
#ifndef CK_DB_H
#define CK_DB_H

#include "ck_shared.h"

/* ERROR_SUCCESS, ERROR_FILE_NOT_FOUND, or ERROR_MORE_DATA with *cb = the size needed. */
DWORD ck__db_query(HKEY key, const WCHAR *name, DWORD *type, BYTE *data, DWORD *cb);
DWORD ck__db_set(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb);
/* The database key holding the type's private properties, or NULL. */
HKEY ck__db_type_key(void);

/* db.c: queries a value into a malloc'd buffer (free() *data), growing it as needed.
 * ERROR_FILE_NOT_FOUND if absent. */
DWORD ck__db_query_alloc(HKEY key, const WCHAR *name, DWORD *type, BYTE **data, DWORD *cb);

#endif /* CK_DB_H */
