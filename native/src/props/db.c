/* db.c - querying the cluster database into a buffer of the right size (see db.h). */
#include "props/db.h"

#include <stdlib.h>

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
