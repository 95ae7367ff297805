/*
 * props_table.c - the type's property table applied to values: lookup by name, formats
 * and their registry types, limits (min/max), stored values as list entries, and the
 * complete set a resource has (given values over stored ones over defaults).
 */
#include "props/props_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/platform.h"
#include "props/db.h"
#include "text.h"

static WCHAR unit_at(const BYTE *p, DWORD i) {
    return (WCHAR)(p[i * 2] | (p[i * 2 + 1] << 8));
}

DWORD ck__prop_reg_type(DWORD format) {
    switch (format) {
    case CLUSPROP_FORMAT_DWORD:
    case CLUSPROP_FORMAT_LONG:
        return CK_REG_DWORD;
    case CLUSPROP_FORMAT_SZ:
        return CK_REG_SZ;
    case CLUSPROP_FORMAT_EXPAND_SZ:
        return CK_REG_EXPAND_SZ;
    case CLUSPROP_FORMAT_MULTI_SZ:
        return CK_REG_MULTI_SZ;
    case CLUSPROP_FORMAT_BINARY:
        return CK_REG_BINARY;
    case CLUSPROP_FORMAT_ULARGE_INTEGER:
    case CLUSPROP_FORMAT_LARGE_INTEGER:
        return CK_REG_QWORD;
    default:
        return CK_REG_NONE;
    }
}

int ck__prop_format_ok(const ck_prop_desc *p, DWORD syntax) {
    DWORD format = syntax & 0xFFFFu;
    return format == p->format ||
           (p->format == CLUSPROP_FORMAT_EXPAND_SZ && format == CLUSPROP_FORMAT_SZ);
}

const ck_prop_desc *ck__props_find(const ck_prop_desc *props, DWORD count, const BYTE *name,
                                   DWORD size) {
    for (DWORD i = 0; props != NULL && i < count; i++) {
        if (ck__name_equals(props[i].name, name, size))
            return &props[i];
    }
    return NULL;
}

/* Registry data is not always terminated as the list format requires (REG_SZ may lack
 * its NUL, an empty REG_MULTI_SZ may be 0 or 2 bytes): add what is missing. */
static BYTE *normalise(DWORD format, const BYTE *data, DWORD cb, DWORD *out_cb) {
    DWORD nuls = format == CLUSPROP_FORMAT_MULTI_SZ                                      ? 2
                 : (format == CLUSPROP_FORMAT_SZ || format == CLUSPROP_FORMAT_EXPAND_SZ) ? 1
                                                                                         : 0;
    if (nuls == 0 || cb > 0x4000000u) {
        *out_cb = cb;
        return NULL;
    }
    cb &= ~1u;
    DWORD have = 0; /* trailing NUL units present */
    while (have < nuls && have * 2 < cb && unit_at(data, cb / 2 - 1 - have) == 0)
        have++;
    BYTE *out = calloc(cb + (nuls - have) * 2 + 2, 1);
    if (out == NULL)
        return NULL;
    if (cb)
        memcpy(out, data, cb);
    *out_cb = cb + (nuls - have) * 2;
    return out;
}

DWORD ck__props_add_stored(ck_clusprop_writer *w, const ck_prop_desc *p, const BYTE *data,
                           DWORD cb) {
    if (w == NULL || p == NULL || (data == NULL && cb != 0))
        return CK_ERROR_INVALID_PARAMETER;
    DWORD size = cb;
    BYTE *fixed = normalise(p->format, data, cb, &size);
    const BYTE *value = fixed ? fixed : data;
    DWORD syntax = (CLUSPROP_TYPE_LIST_VALUE << 16) | p->format;
    DWORD rc = ck__clusprop_check_value(syntax, value, size);
    if (rc == CK_ERROR_SUCCESS && ck__prop_reg_type(p->format) == CK_REG_NONE)
        rc = CK_ERROR_INVALID_DATA;
    if (rc == CK_ERROR_SUCCESS) {
        ck__clusprop_add_name(w, p->name);
        ck__clusprop_add_value(w, syntax, value, size);
        /* [MS-CMRP] 2.2.2.3: an EXPAND_SZ is followed by its expanded companion. */
        if (p->format == CLUSPROP_FORMAT_EXPAND_SZ) {
            uint8_t *expanded = NULL;
            size_t expanded_size = 0;
            /* Expansion only fails for lack of memory: then the raw text stands in, so the
             * property still has its pair and the list stays well formed. */
            if (ck__expand_env(value, size, &expanded, &expanded_size) != CK_OK ||
                expanded_size > 0xFFFFFFFFu) {
                free(expanded);
                expanded = NULL;
            }
            ck__clusprop_add_value(w, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
                                   expanded ? expanded : value,
                                   expanded ? (DWORD)expanded_size : size);
            free(expanded);
        }
        ck__clusprop_add_endmark(w);
        if (rc == CK_ERROR_SUCCESS)
            rc = w->err;
    }
    free(fixed);
    return rc;
}

/* ---- limits ---- */

static uint64_t le_value(const BYTE *p, DWORD n) {
    uint64_t v = 0;
    for (DWORD i = n; i > 0; i--)
        v = (v << 8) | p[i - 1];
    return v;
}

int ck__prop_in_range(const ck_prop_desc *p, const ck_clusprop_value *v, char *msg, size_t cap) {
    int is_signed = (p->flags & CK_PROP_SIGNED) || p->format == CLUSPROP_FORMAT_LONG ||
                    p->format == CLUSPROP_FORMAT_LARGE_INTEGER;
    uint64_t raw = le_value(v->data, v->size);
    uint64_t umax = v->size == 4 ? 0xFFFFFFFFu : UINT64_MAX;
    int64_t smin = v->size == 4 ? INT32_MIN : INT64_MIN,
            smax = v->size == 4 ? INT32_MAX : INT64_MAX;
    if (is_signed) {
        int64_t x = v->size == 4 ? (int64_t)(int32_t)(uint32_t)raw : (int64_t)raw;
        int64_t lo = (p->flags & CK_PROP_HAS_MIN) ? (int64_t)p->min : smin;
        int64_t hi = (p->flags & CK_PROP_HAS_MAX) ? (int64_t)p->max : smax;
        if (x >= lo && x <= hi)
            return 1;
        snprintf(msg, cap, "is %lld, out of range; give a value from %lld to %lld", (long long)x,
                 (long long)lo, (long long)hi);
    } else {
        uint64_t lo = (p->flags & CK_PROP_HAS_MIN) ? p->min : 0;
        uint64_t hi = (p->flags & CK_PROP_HAS_MAX) ? p->max : umax;
        if (raw >= lo && raw <= hi)
            return 1;
        snprintf(msg, cap, "is %llu, out of range; give a value from %llu to %llu",
                 (unsigned long long)raw, (unsigned long long)lo, (unsigned long long)hi);
    }
    return 0;
}

/* ---- the complete set ---- */

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

/* A stored secret as its SZ (recovered from its protection); 0 when it cannot be. */
static int open_secret(ck_instance *inst, const ck_prop_desc *p, DWORD *type, BYTE **data,
                       DWORD *cb) {
    if (*type != CK_REG_BINARY && *type != CK_REG_SZ)
        return 1; /* refused below as a value that does not fit */
    BYTE *sz = NULL;
    DWORD size = 0;
    if (ck__secret_open(inst, p, *type, *data, *cb, &sz, &size) != CK_ERROR_SUCCESS)
        return 0;
    free(*data);
    *data = sz;
    *cb = size;
    *type = CK_REG_SZ;
    return 1;
}

/* Adds the stored value of p (if any, of the right registry type): 1 added, 0 none. */
static int add_from_db(ck_instance *inst, HKEY key, const ck_prop_desc *p, ck_clusprop_writer *w) {
    DWORD type = 0, cb = 0;
    BYTE *data = NULL;
    char name[128];
    if (ck__db_query_alloc(key, p->name, &type, &data, &cb) != CK_ERROR_SUCCESS)
        return 0;
    if ((p->flags & CK_PROP_SECRET) && !open_secret(inst, p, &type, &data, &cb)) {
        free(data);
        return 0; /* logged by ck__secret_open; the default (none) stands in */
    }
    DWORD want = ck__prop_reg_type(p->format);
    int usable = type == want || (want == CK_REG_EXPAND_SZ && type == CK_REG_SZ);
    /* A stored text outside a choice's list (written by hand) is not passed on. */
    if (usable && p->choice_count != 0 && !ck__prop_choice_ok(p, data, cb))
        usable = 0;
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
        if ((p->flags & CK_PROP_SECRET) && (flags & CK_BUILD_NO_SECRETS))
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
