/*
 * validate.c - the checks a SET or VALIDATE list must pass before anything is written
 * (docs/protocol.md: table checks are ERROR_INVALID_PARAMETER), the handler's VALIDATE,
 * and writing a checked list to the cluster database.
 */
#include "props/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "props/db.h"
#include "protocol/frame.h"
#include "text.h"

static WCHAR unit_at(const BYTE *p, DWORD i) {
    return (WCHAR)(p[i * 2] | (p[i * 2 + 1] << 8));
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
        return ck__prop_in_range(p, &v, msg, cap) ? NULL : msg;
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

/* A host status of "the handler threw" means the handler rejected the values; so do the
 * statuses only the library may answer RHS (ERROR_MORE_DATA asks RHS to call again with a
 * bigger buffer, ERROR_IO_PENDING to wait), which a handler's error code must not smuggle in. */
static DWORD rejection_status(DWORD status) {
    return status == CK_ERROR_RESOURCE_FAILED || status == CK_ERROR_MORE_DATA ||
                   status == CK_ERROR_IO_PENDING
               ? CK_ERROR_INVALID_PARAMETER
               : status;
}

/* Asks the handler's validate about the complete set; logs why when it is not accepted,
 * telling a rejection from a host that could not be asked. */
static DWORD ask_handler(ck_instance *inst, const BYTE *list, DWORD size) {
    if (size > CK_FRAME_MAX_PAYLOAD) {
        ck__log(inst, LOG_ERROR,
                "property list refused: with it the resource's properties take %u bytes, over the "
                "%u bytes one frame to the handler can carry (docs/protocol.md); store smaller "
                "values",
                (unsigned)size, (unsigned)CK_FRAME_MAX_PAYLOAD);
        return CK_ERROR_INVALID_PARAMETER;
    }
    BYTE *reply = NULL;
    DWORD reply_size = 0;
    DWORD timeout = ck_type.timeouts.control;
    DWORD status = ck__host_call(inst, CK_OP_VALIDATE, list, size, timeout, &reply, &reply_size);
    if (status == CK_HOST_UNAVAILABLE)
        ck__log(inst, LOG_ERROR,
                "the properties were not checked: the handler host is not available (the lines "
                "before say why); nothing was stored, try again once the host starts");
    else if (status == CK_ERROR_RESOURCE_CALL_TIMED_OUT)
        ck__log(inst, LOG_ERROR,
                "the properties were not checked: the handler's validate did not answer within "
                "%u ms; nothing was stored",
                (unsigned)timeout);
    else if (status != CK_ERROR_SUCCESS) {
        char rejected[64];
        snprintf(rejected, sizeof rejected, "the handler rejected the properties (status %u)",
                 (unsigned)status);
        ck__log_reply(inst, LOG_ERROR, rejected, reply, reply_size);
    }
    free(reply);
    return status == CK_HOST_UNAVAILABLE || status == CK_ERROR_RESOURCE_CALL_TIMED_OUT
               ? status
               : rejection_status(status);
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
    if (ask_host)
        rc = ask_handler(inst, list, size);
    if (rc == CK_ERROR_SUCCESS && merged != NULL) {
        *merged = list;
        *merged_size = size;
        list = NULL;
    }
    free(list);
    return rc;
}

/* A value as it was before a SET wrote over it. */
typedef struct prior {
    const ck_prop_desc *p;
    DWORD found; /* ERROR_SUCCESS, or ERROR_FILE_NOT_FOUND when there was none */
    DWORD type, cb;
    BYTE *data;
} prior;

/* Puts back the first n values; returns how many could not be restored (and logs them). */
static DWORD undo(ck_instance *inst, HKEY key, prior *old, DWORD n) {
    DWORD failed = 0;
    for (DWORD i = n; i-- > 0;) {
        DWORD rc = old[i].found == CK_ERROR_SUCCESS
                       ? ck__db_set(key, old[i].p->name, old[i].type, old[i].data, old[i].cb)
                       : ck__db_delete(key, old[i].p->name);
        if (rc == CK_ERROR_FILE_NOT_FOUND && old[i].found != CK_ERROR_SUCCESS)
            rc = CK_ERROR_SUCCESS;
        if (rc != CK_ERROR_SUCCESS) {
            char name[128];
            ck__wname_utf8(old[i].p->name, name, sizeof name);
            ck__log(inst, LOG_SEVERE,
                    "property %s could not be put back after the failed SET (status %u): the "
                    "cluster database holds its new value; set it again",
                    name, (unsigned)rc);
            failed++;
        }
    }
    return failed;
}

DWORD ck__props_write(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                      const void *in, DWORD in_size) {
    ck_clusprop_iter it;
    ck_clusprop_prop prop;
    DWORD n = 0, rc = ck__clusprop_iter_init(&it, in, in_size);
    while (rc == CK_ERROR_SUCCESS && ck__clusprop_next(&it, &prop) == CK_ERROR_SUCCESS)
        n++;
    prior *old = calloc(n != 0 ? n : 1, sizeof *old);
    if (rc != CK_ERROR_SUCCESS || old == NULL) {
        free(old);
        return rc != CK_ERROR_SUCCESS ? rc : CK_ERROR_NOT_ENOUGH_MEMORY;
    }
    /* 1. What each value is now, so a refusal half-way can be undone. */
    ck__clusprop_iter_init(&it, in, in_size);
    for (DWORD i = 0; rc == CK_ERROR_SUCCESS && i < n; i++) {
        ck__clusprop_next(&it, &prop);
        old[i].p = ck__props_find(props, count, prop.name, prop.name_size);
        if (old[i].p == NULL) {
            rc = CK_ERROR_INVALID_PARAMETER;
            break;
        }
        old[i].found =
            ck__db_query_alloc(key, old[i].p->name, &old[i].type, &old[i].data, &old[i].cb);
        if (old[i].found != CK_ERROR_SUCCESS && old[i].found != CK_ERROR_FILE_NOT_FOUND) {
            rc = old[i].found;
            ck__log(inst, LOG_ERROR,
                    "the cluster database could not be read (status %u); nothing was changed",
                    (unsigned)rc);
        }
    }
    int read_failed = rc != CK_ERROR_SUCCESS;
    /* 2. Every value; the first refusal undoes what was written. The list layout of every
     * format is the registry layout. */
    DWORD written = 0;
    ck__clusprop_iter_init(&it, in, in_size);
    while (rc == CK_ERROR_SUCCESS && written < n) {
        ck_clusprop_value v;
        DWORD cursor = 0;
        ck__clusprop_next(&it, &prop);
        const ck_prop_desc *p = old[written].p;
        if (!ck__clusprop_value(&prop, &cursor, &v))
            rc = CK_ERROR_INVALID_PARAMETER;
        else
            rc = ck__db_set(key, p->name, ck__prop_reg_type(p->format), v.data, v.size);
        if (rc == CK_ERROR_SUCCESS)
            written++;
    }
    if (rc != CK_ERROR_SUCCESS && !read_failed) {
        char name[128] = "?";
        if (written < n && old[written].p != NULL)
            ck__wname_utf8(old[written].p->name, name, sizeof name);
        DWORD left = undo(inst, key, old, written);
        ck__log(inst, LOG_ERROR, "the cluster database refused property %s (status %u)%s", name,
                (unsigned)rc,
                left == 0 ? "; nothing was changed" : "; some properties keep their new value");
    }
    for (DWORD i = 0; i < n; i++)
        free(old[i].data);
    free(old);
    return rc;
}
