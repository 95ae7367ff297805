/*
 * test_validate_util.h - small helpers for the property-side tests: build input
 * lists, look values up in output lists, and start the library so log lines
 * are captured.
 */
#ifndef CK_TEST_VALIDATE_UTIL_H
#define CK_TEST_VALIDATE_UTIL_H

#include <stdlib.h>
#include <string.h>

#include "props/db.h"
#include "props/validate.h"
#include "support.h"
#include "text.h"

/* A UTF-16 copy of an ASCII string (static ring of buffers: fine for tests). */
static inline const WCHAR *tw(const char *s) {
    static WCHAR ring[8][128];
    static int next;
    WCHAR *out = ring[next++ % 8];
    size_t i = 0;
    for (; s[i] && i < 127; i++)
        out[i] = (WCHAR)(unsigned char)s[i];
    out[i] = 0;
    return out;
}

/* UTF-16LE bytes of an ASCII string with `nuls` terminating NULs; returns the size. */
static inline DWORD tbytes(const char *s, int nuls, BYTE *out) {
    DWORD n = 0;
    for (; s[n]; n++)
        out[n * 2] = (BYTE)s[n], out[n * 2 + 1] = 0;
    memset(out + n * 2, 0, (size_t)nuls * 2);
    return n * 2 + (DWORD)nuls * 2;
}

/* Adds a one-value property to w. */
static inline void tprop(ck_clusprop_writer *w, const char *name, DWORD syntax, const void *data,
                         DWORD cb) {
    ck__clusprop_add_name(w, tw(name));
    ck__clusprop_add_value(w, syntax, data, cb);
    ck__clusprop_add_endmark(w);
}

static inline void tprop_dword(ck_clusprop_writer *w, const char *name, DWORD syntax, DWORD v) {
    BYTE le[4] = {(BYTE)v, (BYTE)(v >> 8), (BYTE)(v >> 16), (BYTE)(v >> 24)};
    tprop(w, name, syntax, le, 4);
}

static inline void tprop_sz(ck_clusprop_writer *w, const char *name, DWORD syntax, const char *s) {
    BYTE buf[512];
    DWORD cb = tbytes(s, syntax == CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ ? 2 : 1, buf);
    tprop(w, name, syntax, buf, cb);
}

/* The index-th value of the property `name` in a list, or 0 if absent. */
static inline int tfind(const BYTE *list, DWORD size, const char *name, DWORD index,
                        ck_clusprop_value *v) {
    ck_clusprop_iter it;
    ck_clusprop_prop prop;
    if (ck__clusprop_iter_init(&it, list, size) != CK_ERROR_SUCCESS)
        return 0;
    while (ck__clusprop_next(&it, &prop) == CK_ERROR_SUCCESS) {
        if (!ck__name_equals(tw(name), prop.name, prop.name_size))
            continue;
        DWORD cursor = 0;
        for (DWORD i = 0; ck__clusprop_value(&prop, &cursor, v); i++) {
            if (i == index)
                return 1;
        }
        return 0;
    }
    return 0;
}

static inline DWORD tdword(const ck_clusprop_value *v) {
    return v->size == 4
               ? (DWORD)(v->data[0] | v->data[1] << 8 | v->data[2] << 16 | (DWORD)v->data[3] << 24)
               : 0xDEADBEEFu;
}

/* Loads the fixture type through Startup so that ck__log lines reach the capture. */
static inline void tstart(void) {
    PCLRES_FUNCTION_TABLE table = NULL;
    DWORD rc = Startup(tw("CkTestType"), CLRES_VERSION_V1_00, CLRES_VERSION_V2_00,
                       ck_test_set_status(), ck_test_log_event(), &table);
    CHECK_EQ(rc, CK_ERROR_SUCCESS);
    ck_test_bind_services();
}

#endif /* CK_TEST_VALIDATE_UTIL_H */
