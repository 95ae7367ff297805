/*
 * clusprop.h - the CLUSPROP property-list codec (docs/resource-api.md), mirror of
 * src/clusprop/. The reader never reads past `size` and refuses every
 * malformed list of docs/protocol.md with ERROR_INVALID_DATA; the writer
 * grows a heap buffer. Names and string data are UTF-16LE on every platform.
 */
#ifndef CK_CLUSPROP_H
#define CK_CLUSPROP_H

#include "ck_resapi.h"

/* winerror.h: returned by the iterator after the last property. */
#define CK_ERROR_NO_MORE_ITEMS 259u

/* One value entry of a property; data points into the list being read. */
typedef struct ck_clusprop_value {
    DWORD syntax;
    DWORD size;       /* cbLength: unpadded */
    const BYTE *data; /* may be unaligned: read it with memcpy */
} ck_clusprop_value;

/* One property: its name and the span of its value entries (ENDMARK excluded). */
typedef struct ck_clusprop_prop {
    const BYTE *name; /* UTF-16LE, NUL-terminated, may be unaligned */
    DWORD name_size;  /* bytes including the NUL */
    const BYTE *values;
    DWORD values_size;
    DWORD value_count;
} ck_clusprop_prop;

typedef struct ck_clusprop_iter {
    const BYTE *buf;
    DWORD size;
    DWORD pos;
    DWORD count; /* properties the list declares */
    DWORD index; /* properties returned so far */
} ck_clusprop_iter;

/* Reads the count. ERROR_INVALID_DATA if truncated or larger than `size` could hold. */
DWORD ck__clusprop_iter_init(ck_clusprop_iter *it, const void *buf, DWORD size);
/* The next property: ERROR_SUCCESS, ERROR_NO_MORE_ITEMS after the last one (and
 * only if no bytes are left over), or ERROR_INVALID_DATA. */
DWORD ck__clusprop_next(ck_clusprop_iter *it, ck_clusprop_prop *prop);
/* The value at *cursor (start with 0) of a property from ck__clusprop_next; returns 0
 * when there are no more values. Only call on properties the iterator returned. */
int ck__clusprop_value(const ck_clusprop_prop *prop, DWORD *cursor, ck_clusprop_value *value);
/* Checks a whole list; *count (may be NULL) gets the property count. */
DWORD ck__clusprop_check(const void *buf, DWORD size, DWORD *count);
/* ERROR_SUCCESS if `data` is well formed for `syntax` (lengths, NUL terminators). */
DWORD ck__clusprop_check_value(DWORD syntax, const BYTE *data, DWORD size);

/* A growing output buffer for a property list (with count) or a bare value list. */
typedef struct ck_clusprop_writer {
    BYTE *buf;
    DWORD size;
    DWORD cap;
    DWORD count;
    DWORD err;      /* sticky: the first failure */
    int with_count; /* 1: property list (DWORD count first); 0: value list */
} ck_clusprop_writer;

void ck__clusprop_writer_init(ck_clusprop_writer *w, int with_count);
/* Starts a property: increments the count and writes its NAME entry. */
DWORD ck__clusprop_add_name(ck_clusprop_writer *w, const WCHAR *name);
/* Same, from a name as stored in a list (UTF-16LE bytes including the NUL). */
DWORD ck__clusprop_add_name_bytes(ck_clusprop_writer *w, const BYTE *name, DWORD size);
/* Appends one entry (syntax, cbLength, data, zero padding). */
DWORD ck__clusprop_add_value(ck_clusprop_writer *w, DWORD syntax, const void *data, DWORD size);
/* Appends raw bytes (no header, no padding): lets the writer serve as a byte buffer. */
DWORD ck__clusprop_add_raw(ck_clusprop_writer *w, const void *data, DWORD size);
DWORD ck__clusprop_add_dword(ck_clusprop_writer *w, DWORD syntax, DWORD value);
/* Appends the ENDMARK that closes a property's (or a value list's) values. */
DWORD ck__clusprop_add_endmark(ck_clusprop_writer *w);
/* Hands the buffer over (free() it); the writer is reset. On a sticky error nothing
 * is handed over and the error is returned. */
DWORD ck__clusprop_finish(ck_clusprop_writer *w, BYTE **list, DWORD *size);
void ck__clusprop_writer_free(ck_clusprop_writer *w);

#endif /* CK_CLUSPROP_H */
