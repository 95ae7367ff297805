/*
 * db.h - the cluster database as the property side uses it: the platform's seam
 * (platform/services.h) and a query into a buffer of the right size.
 */
#ifndef CK_DB_H
#define CK_DB_H

#include "platform/services.h"

/* Queries a value into a malloc'd buffer (free() *data), growing it as needed.
 * ERROR_FILE_NOT_FOUND if absent. */
DWORD ck__db_query_alloc(HKEY key, const WCHAR *name, DWORD *type, BYTE **data, DWORD *cb);

#endif /* CK_DB_H */
