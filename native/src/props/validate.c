/*
 * validate.c - the property table applied to values: stored layout to list
 * entries, and the checks a SET or VALIDATE list must pass before anything is
 * written (docs/protocol.md: table checks are ERROR_INVALID_PARAMETER).
 */
#include "props/ck_props.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
            BYTE *expanded = NULL;
            DWORD expanded_size = 0;
            /* Expansion only fails for lack of memory: then the raw text stands in, so the
             * property still has its pair and the list stays well formed. */
            if (ck__expand_env(value, size, &expanded, &expanded_size) != CK_ERROR_SUCCESS) {
                free(expanded);
                expanded = NULL;
            }
            ck__clusprop_add_value(w, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
                                   expanded ? expanded : value, expanded ? expanded_size : size);
            free(expanded);
        }
        ck__clusprop_add_endmark(w);
        if (rc == CK_ERROR_SUCCESS)
            rc = w->err;
    }
    free(fixed);
    return rc;
}

/* ---- SET / VALIDATE checks ---- */

static uint64_t le_value(const BYTE *p, DWORD n) {
    uint64_t v = 0;
    for (DWORD i = n; i > 0; i--)
        v = (v << 8) | p[i - 1];
    return v;
}

/* Range check of a numeric value; on failure describes the value and the range in msg. */
static int in_range(const ck_prop_desc *p, const ck_clusprop_value *v, char *msg, size_t cap) {
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

/* What is wrong with the value(s) given for p, or NULL. */
static const char *value_fault(const ck_prop_desc *p, const ck_clusprop_prop *prop, char *msg,
                               size_t cap) {
    ck_clusprop_value v, extra;
    DWORD cursor = 0;
    if (!ck__clusprop_value(prop, &cursor, &v))
        return "has no value";
    if (!ck__prop_format_ok(p, v.syntax))
        return "has the wrong format; give a value of the property's format";
    if (ck__clusprop_value(prop, &cursor, &extra)) {
        /* An EXPANDED_SZ companion (as GET returns it) is accepted and ignored. */
        int companion = p->format == CLUSPROP_FORMAT_EXPAND_SZ &&
                        (extra.syntax & 0xFFFFu) == CLUSPROP_FORMAT_EXPANDED_SZ &&
                        prop->value_count == 2;
        if (!companion)
            return "has more than one value; give exactly one";
    }
    switch (p->format) {
    case CLUSPROP_FORMAT_DWORD:
    case CLUSPROP_FORMAT_LONG:
    case CLUSPROP_FORMAT_ULARGE_INTEGER:
    case CLUSPROP_FORMAT_LARGE_INTEGER:
        return in_range(p, &v, msg, cap) ? NULL : msg;
    case CLUSPROP_FORMAT_SZ:
    case CLUSPROP_FORMAT_EXPAND_SZ:
        for (DWORD i = 0; i + 1 < v.size / 2; i++) {
            if (unit_at(v.data, i) == 0)
                return "contains a NUL character inside the string";
        }
        return (p->flags & CK_PROP_REQUIRED) && v.size <= 2
                   ? "is required and cannot be set to an empty string"
                   : NULL;
    case CLUSPROP_FORMAT_MULTI_SZ:
        for (DWORD i = 0; i + 2 < v.size / 2; i++) {
            if (unit_at(v.data, i) == 0 && (i == 0 || unit_at(v.data, i + 1) == 0))
                return "contains an empty string before its end";
        }
        return (p->flags & CK_PROP_REQUIRED) && v.size <= 4
                   ? "is required and cannot be set to an empty list"
                   : NULL;
    case CLUSPROP_FORMAT_BINARY:
        return (p->flags & CK_PROP_REQUIRED) && v.size == 0
                   ? "is required and cannot be set to zero bytes"
                   : NULL;
    default:
        return NULL;
    }
}

/* "A, B, C": the settable property names, for the unknown-name message. */
static void known_names(const ck_prop_desc *props, DWORD count, char *out, size_t cap) {
    size_t at = 0;
    out[0] = 0;
    for (DWORD i = 0; i < count && at + 8 < cap; i++) {
        if (props[i].flags & CK_PROP_READ_ONLY)
            continue;
        char name[128];
        ck__wname_utf8(props[i].name, name, sizeof(name));
        at += (size_t)snprintf(out + at, cap - at, "%s%s", at ? ", " : "", name);
    }
    if (at == 0)
        snprintf(out, cap, "(none)");
}

/*
 * Unknown names are refused (ResUtil would store them when bAllowUnknownProperties
 * is set): nothing reads such a value, so storing it would hide a misspelt name from
 * the administrator. A required property that is simply absent is not an error
 * here: administrators set properties one at a time; Online reports it.
 */
DWORD ck__props_check_input(ck_instance *inst, const ck_prop_desc *props, DWORD count,
                            const void *in, DWORD in_size) {
    ck_clusprop_iter it;
    ck_clusprop_prop prop;
    DWORD rc = ck__clusprop_check(in, in_size, NULL);
    if (rc != CK_ERROR_SUCCESS) {
        ck__log(inst, LOG_ERROR,
                "property list refused: it is malformed (error %u); send a well-formed CLUSPROP "
                "property list",
                (unsigned)rc);
        return rc;
    }
    ck__clusprop_iter_init(&it, in, in_size);
    DWORD index = 0;
    while (ck__clusprop_next(&it, &prop) == CK_ERROR_SUCCESS) {
        char name[128], known[400];
        ck__name_utf8(prop.name, prop.name_size, name, sizeof(name));
        const ck_prop_desc *p = ck__props_find(props, count, prop.name, prop.name_size);
        if (p == NULL) {
            known_names(props, count, known, sizeof(known));
            ck__log(inst, LOG_ERROR, "unknown property %s; known properties are %s", name, known);
            return CK_ERROR_INVALID_PARAMETER;
        }
        if (p->flags & CK_PROP_READ_ONLY) {
            ck__log(inst, LOG_ERROR,
                    "property %s is read-only (the handler reports it); do not set it", name);
            return CK_ERROR_INVALID_PARAMETER;
        }
        ck_clusprop_iter again;
        ck_clusprop_prop earlier;
        ck__clusprop_iter_init(&again, in, in_size);
        for (DWORD k = 0; k < index && ck__clusprop_next(&again, &earlier) == CK_ERROR_SUCCESS;
             k++) {
            if (ck__props_find(p, 1, earlier.name, earlier.name_size) != NULL) {
                ck__log(inst, LOG_ERROR,
                        "property %s appears more than once in the list; give it once", name);
                return CK_ERROR_INVALID_PARAMETER;
            }
        }
        char msg[160];
        const char *fault = value_fault(p, &prop, msg, sizeof(msg));
        if (fault != NULL) {
            ck__log(inst, LOG_ERROR, "property %s %s", name, fault);
            return CK_ERROR_INVALID_PARAMETER;
        }
        index++;
    }
    return CK_ERROR_SUCCESS;
}

/* A host status of "the handler threw" means the handler rejected the values. */
static DWORD rejection_status(DWORD status) {
    return status == CK_ERROR_RESOURCE_FAILED ? CK_ERROR_INVALID_PARAMETER : status;
}

DWORD ck__props_validate(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                         const void *in, DWORD in_size, int ask_host, BYTE **merged,
                         DWORD *merged_size) {
    if (merged != NULL)
        *merged = NULL;
    if (merged_size != NULL)
        *merged_size = 0;
    DWORD rc = ck__props_check_input(inst, props, count, in, in_size);
    if (rc != CK_ERROR_SUCCESS)
        return rc;
    if (!ask_host && merged == NULL)
        return CK_ERROR_SUCCESS;
    /* The complete would-be set: the new values over the stored ones (or defaults). */
    ck_clusprop_writer w;
    BYTE *list = NULL;
    DWORD size = 0;
    ck__clusprop_writer_init(&w, 1);
    rc = ck__props_build(inst, key, props, count, in, in_size, 0, &w);
    if (rc == CK_ERROR_SUCCESS)
        rc = ck__clusprop_finish(&w, &list, &size);
    ck__clusprop_writer_free(&w);
    if (rc != CK_ERROR_SUCCESS)
        return rc;
    if (ask_host) {
        BYTE *reply = NULL;
        DWORD reply_size = 0;
        DWORD status = ck__host_call(inst, CK_OP_VALIDATE, list, size, ck_type.timeouts.control,
                                     &reply, &reply_size);
        if (status != CK_ERROR_SUCCESS) {
            ck__log(inst, LOG_ERROR, "the handler rejected the properties (status %u): %.*s",
                    (unsigned)status, (int)(reply_size > 400 ? 400 : reply_size),
                    reply ? (const char *)reply : "");
            rc = rejection_status(status);
        }
        free(reply);
    }
    if (rc == CK_ERROR_SUCCESS && merged != NULL) {
        *merged = list;
        *merged_size = size;
        list = NULL;
    }
    free(list);
    return rc;
}

DWORD ck__props_write(HKEY key, const ck_prop_desc *props, DWORD count, const void *in,
                      DWORD in_size) {
    ck_clusprop_iter it;
    ck_clusprop_prop prop;
    DWORD rc = ck__clusprop_iter_init(&it, in, in_size);
    while (rc == CK_ERROR_SUCCESS && (rc = ck__clusprop_next(&it, &prop)) == CK_ERROR_SUCCESS) {
        const ck_prop_desc *p = ck__props_find(props, count, prop.name, prop.name_size);
        ck_clusprop_value v;
        DWORD cursor = 0;
        if (p == NULL || !ck__clusprop_value(&prop, &cursor, &v))
            return CK_ERROR_INVALID_PARAMETER;
        /* The list layout of every format is the registry layout. */
        rc = ck__db_set(key, p->name, ck__prop_reg_type(p->format), v.data, v.size);
    }
    return rc == CK_ERROR_NO_MORE_ITEMS ? CK_ERROR_SUCCESS : rc;
}
