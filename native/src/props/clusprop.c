/*
 * clusprop.c - bounds-checked reader and growing writer for CLUSPROP property
 * lists. Every offset is checked against the bytes left before it is added to,
 * so no arithmetic can wrap; the rules are those of docs/protocol.md.
 */
#include "props/clusprop.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The smallest property: NAME entry with one character (8 + 4), an empty value (8),
 * ENDMARK (4). A count above (size - 4) / 24 cannot be true. */
#define MIN_PROPERTY_BYTES 24u
/* Lists are built in memory and sent through pipes: keep them well inside DWORD. */
#define MAX_LIST_BYTES 0x40000000u

static DWORD rd32(const BYTE *p) {
    return (DWORD)p[0] | ((DWORD)p[1] << 8) | ((DWORD)p[2] << 16) | ((DWORD)p[3] << 24);
}

static WCHAR unit_at(const BYTE *p, DWORD at) {
    return (WCHAR)(p[at] | (p[at + 1] << 8));
}

/* Padded size of cb bytes, computed without overflow (cb may be near 2^32). */
static DWORD padded(DWORD cb) {
    return cb > 0xFFFFFFFCu ? 0xFFFFFFFFu : ALIGN_CLUSPROP(cb);
}

/* Reads the entry at it->pos: header, data and padding must fit in the buffer. */
static DWORD read_entry(const ck_clusprop_iter *it, DWORD at, ck_clusprop_value *v, DWORD *next) {
    DWORD left = it->size - at;
    if (left < 8)
        return CK_ERROR_INVALID_DATA; /* truncated entry header */
    v->syntax = rd32(it->buf + at);
    v->size = rd32(it->buf + at + 4);
    if (padded(v->size) > left - 8)
        return CK_ERROR_INVALID_DATA; /* cbLength past the end */
    v->data = it->buf + at + 8;
    *next = at + 8 + padded(v->size);
    return CK_ERROR_SUCCESS;
}

static DWORD check_string(const BYTE *data, DWORD size, DWORD nuls) {
    if (size % 2 != 0 || size < nuls * 2)
        return CK_ERROR_INVALID_DATA;
    for (DWORD i = 1; i <= nuls; i++) {
        if (unit_at(data, size - i * 2) != 0)
            return CK_ERROR_INVALID_DATA;
    }
    return CK_ERROR_SUCCESS;
}

DWORD ck__clusprop_check_value(DWORD syntax, const BYTE *data, DWORD size) {
    if (data == NULL && size != 0)
        return CK_ERROR_INVALID_PARAMETER;
    switch (syntax & 0xFFFFu) {
    case CLUSPROP_FORMAT_DWORD:
    case CLUSPROP_FORMAT_LONG:
        return size == 4 ? CK_ERROR_SUCCESS : CK_ERROR_INVALID_DATA;
    case CLUSPROP_FORMAT_ULARGE_INTEGER:
    case CLUSPROP_FORMAT_LARGE_INTEGER:
        return size == 8 ? CK_ERROR_SUCCESS : CK_ERROR_INVALID_DATA;
    case CLUSPROP_FORMAT_SZ:
    case CLUSPROP_FORMAT_EXPAND_SZ:
    case CLUSPROP_FORMAT_EXPANDED_SZ:
        return check_string(data, size, 1);
    case CLUSPROP_FORMAT_MULTI_SZ:
        return check_string(data, size, 2);
    default:
        return CK_ERROR_SUCCESS;
    }
}

/* A name: even, non-empty, NUL-terminated, no NUL before its end. */
static DWORD check_name(const BYTE *data, DWORD size) {
    if (size < 4 || size % 2 != 0)
        return CK_ERROR_INVALID_DATA;
    for (DWORD at = 0; at + 2 < size; at += 2) {
        if (unit_at(data, at) == 0)
            return CK_ERROR_INVALID_DATA;
    }
    return unit_at(data, size - 2) == 0 ? CK_ERROR_SUCCESS : CK_ERROR_INVALID_DATA;
}

DWORD ck__clusprop_iter_init(ck_clusprop_iter *it, const void *buf, DWORD size) {
    if (it == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    memset(it, 0, sizeof(*it));
    if (buf == NULL && size != 0)
        return CK_ERROR_INVALID_PARAMETER;
    if (size < 4)
        return CK_ERROR_INVALID_DATA;
    it->buf = buf;
    it->size = size;
    it->count = rd32(it->buf);
    it->pos = 4;
    if (it->count > (size - 4) / MIN_PROPERTY_BYTES)
        return CK_ERROR_INVALID_DATA;
    return CK_ERROR_SUCCESS;
}

DWORD ck__clusprop_next(ck_clusprop_iter *it, ck_clusprop_prop *prop) {
    if (it == NULL || prop == NULL || it->buf == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    if (it->index >= it->count) {
        return it->pos == it->size ? CK_ERROR_NO_MORE_ITEMS : CK_ERROR_INVALID_DATA;
    }
    ck_clusprop_value name;
    DWORD at;
    DWORD rc = read_entry(it, it->pos, &name, &at);
    if (rc != CK_ERROR_SUCCESS)
        return rc;
    if (name.syntax != CLUSPROP_SYNTAX_NAME)
        return CK_ERROR_INVALID_DATA;
    if (check_name(name.data, name.size) != CK_ERROR_SUCCESS)
        return CK_ERROR_INVALID_DATA;
    DWORD start = at;
    DWORD values = 0;
    for (;;) {
        if (it->size - at < 4)
            return CK_ERROR_INVALID_DATA; /* no ENDMARK */
        if (rd32(it->buf + at) == CLUSPROP_SYNTAX_ENDMARK)
            break;
        ck_clusprop_value v;
        rc = read_entry(it, at, &v, &at);
        if (rc != CK_ERROR_SUCCESS)
            return rc;
        if (ck__clusprop_check_value(v.syntax, v.data, v.size) != CK_ERROR_SUCCESS) {
            return CK_ERROR_INVALID_DATA;
        }
        values++;
    }
    if (values == 0)
        return CK_ERROR_INVALID_DATA; /* a property with no value */
    prop->name = name.data;
    prop->name_size = name.size;
    prop->values = it->buf + start;
    prop->values_size = at - start;
    prop->value_count = values;
    it->pos = at + 4;
    it->index++;
    return CK_ERROR_SUCCESS;
}

int ck__clusprop_value(const ck_clusprop_prop *prop, DWORD *cursor, ck_clusprop_value *value) {
    if (prop == NULL || cursor == NULL || value == NULL)
        return 0;
    /* The span was checked by ck__clusprop_next; the checks here only guard misuse. */
    if (*cursor >= prop->values_size || prop->values_size - *cursor < 8)
        return 0;
    const BYTE *p = prop->values + *cursor;
    value->syntax = rd32(p);
    value->size = rd32(p + 4);
    if (padded(value->size) > prop->values_size - *cursor - 8)
        return 0;
    value->data = p + 8;
    *cursor += 8 + padded(value->size);
    return 1;
}

DWORD ck__clusprop_check(const void *buf, DWORD size, DWORD *count) {
    ck_clusprop_iter it;
    ck_clusprop_prop prop;
    DWORD rc = ck__clusprop_iter_init(&it, buf, size);
    while (rc == CK_ERROR_SUCCESS)
        rc = ck__clusprop_next(&it, &prop);
    if (rc != CK_ERROR_NO_MORE_ITEMS)
        return rc;
    if (count != NULL)
        *count = it.count;
    return CK_ERROR_SUCCESS;
}

/* ---- writer ---- */

static void wr32(BYTE *p, DWORD v) {
    p[0] = (BYTE)v;
    p[1] = (BYTE)(v >> 8);
    p[2] = (BYTE)(v >> 16);
    p[3] = (BYTE)(v >> 24);
}

/* Makes room for `more` bytes; sets the sticky error on failure. */
static BYTE *reserve(ck_clusprop_writer *w, DWORD more) {
    if (w->err != CK_ERROR_SUCCESS)
        return NULL;
    if (more > MAX_LIST_BYTES - w->size) {
        w->err = CK_ERROR_NOT_ENOUGH_MEMORY;
        return NULL;
    }
    if (w->size + more > w->cap) {
        DWORD cap = w->cap ? w->cap : 256;
        while (cap < w->size + more)
            cap = cap > MAX_LIST_BYTES / 2 ? MAX_LIST_BYTES : cap * 2;
        BYTE *grown = realloc(w->buf, cap);
        if (grown == NULL) {
            w->err = CK_ERROR_NOT_ENOUGH_MEMORY;
            return NULL;
        }
        w->buf = grown;
        w->cap = cap;
    }
    BYTE *at = w->buf + w->size;
    w->size += more;
    return at;
}

void ck__clusprop_writer_init(ck_clusprop_writer *w, int with_count) {
    if (w == NULL)
        return;
    memset(w, 0, sizeof(*w));
    w->with_count = with_count;
    if (with_count) {
        BYTE *p = reserve(w, 4);
        if (p != NULL)
            wr32(p, 0);
    }
}

DWORD ck__clusprop_add_value(ck_clusprop_writer *w, DWORD syntax, const void *data, DWORD size) {
    if (w == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    if (data == NULL && size != 0)
        w->err = w->err ? w->err : CK_ERROR_INVALID_PARAMETER;
    if (size > MAX_LIST_BYTES)
        w->err = w->err ? w->err : CK_ERROR_NOT_ENOUGH_MEMORY;
    BYTE *p = reserve(w, 8 + padded(size));
    if (p == NULL)
        return w->err;
    wr32(p, syntax);
    wr32(p + 4, size);
    if (size)
        memcpy(p + 8, data, size);
    memset(p + 8 + size, 0, padded(size) - size);
    return CK_ERROR_SUCCESS;
}

DWORD ck__clusprop_add_raw(ck_clusprop_writer *w, const void *data, DWORD size) {
    if (w == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    if (data == NULL && size != 0)
        w->err = w->err ? w->err : CK_ERROR_INVALID_PARAMETER;
    BYTE *p = reserve(w, size);
    if (p == NULL)
        return w->err;
    if (size)
        memcpy(p, data, size);
    return CK_ERROR_SUCCESS;
}

DWORD ck__clusprop_add_dword(ck_clusprop_writer *w, DWORD syntax, DWORD value) {
    BYTE le[4];
    wr32(le, value);
    return ck__clusprop_add_value(w, syntax, le, 4);
}

DWORD ck__clusprop_add_name_bytes(ck_clusprop_writer *w, const BYTE *name, DWORD size) {
    if (w == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    if (name == NULL || check_name(name, size) != CK_ERROR_SUCCESS) {
        if (w->err == CK_ERROR_SUCCESS)
            w->err = CK_ERROR_INVALID_PARAMETER;
        return w->err;
    }
    if (w->with_count)
        w->count++;
    return ck__clusprop_add_value(w, CLUSPROP_SYNTAX_NAME, name, size);
}

DWORD ck__clusprop_add_name(ck_clusprop_writer *w, const WCHAR *name) {
    if (w == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    if (name == NULL)
        return ck__clusprop_add_name_bytes(w, NULL, 0);
    DWORD len = ck__wcslen(name);
    if (len > MAX_LIST_BYTES / 2 - 1)
        return ck__clusprop_add_name_bytes(w, NULL, 0);
    DWORD size = (len + 1) * 2;
    BYTE *bytes = malloc(size);
    if (bytes == NULL) {
        if (w->err == CK_ERROR_SUCCESS)
            w->err = CK_ERROR_NOT_ENOUGH_MEMORY;
        return w->err;
    }
    for (DWORD i = 0; i <= len; i++) {
        bytes[i * 2] = (BYTE)name[i];
        bytes[i * 2 + 1] = (BYTE)(name[i] >> 8);
    }
    DWORD rc = ck__clusprop_add_name_bytes(w, bytes, size);
    free(bytes);
    return rc;
}

DWORD ck__clusprop_add_endmark(ck_clusprop_writer *w) {
    if (w == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    BYTE *p = reserve(w, 4);
    if (p == NULL)
        return w->err;
    wr32(p, CLUSPROP_SYNTAX_ENDMARK);
    return CK_ERROR_SUCCESS;
}

DWORD ck__clusprop_finish(ck_clusprop_writer *w, BYTE **list, DWORD *size) {
    if (w == NULL || list == NULL || size == NULL)
        return CK_ERROR_INVALID_PARAMETER;
    *list = NULL;
    *size = 0;
    if (w->err != CK_ERROR_SUCCESS) {
        DWORD err = w->err;
        ck__clusprop_writer_free(w);
        return err;
    }
    if (w->buf == NULL) { /* an empty value list: still hand over a valid pointer */
        w->buf = malloc(1);
        if (w->buf == NULL)
            return CK_ERROR_NOT_ENOUGH_MEMORY;
    }
    if (w->with_count)
        wr32(w->buf, w->count);
    *list = w->buf;
    *size = w->size;
    memset(w, 0, sizeof(*w));
    return CK_ERROR_SUCCESS;
}

void ck__clusprop_writer_free(ck_clusprop_writer *w) {
    if (w == NULL)
        return;
    free(w->buf);
    memset(w, 0, sizeof(*w));
}
