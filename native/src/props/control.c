/*
 * control.c - ResourceControl and ResourceTypeControl (docs/resource-api.md):
 * private properties from the type table, type facts, SET_NAME, and custom
 * codes forwarded to the handler. Unhandled codes return ERROR_INVALID_FUNCTION
 * so RHS does its default processing.
 */
#include "props/db.h"
#include "props/validate.h"
#include "protocol/payloads.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Copies a result out, or asks for a bigger buffer (*returned = bytes needed). */
static DWORD reply(const void *data, DWORD size, void *out, DWORD out_size, DWORD *returned) {
    *returned = size;
    if (size == 0)
        return CK_ERROR_SUCCESS;
    if (out == NULL || out_size < size)
        return CK_ERROR_MORE_DATA;
    memcpy(out, data, size);
    return CK_ERROR_SUCCESS;
}

/* Replies with a finished writer's bytes (or its error). */
static DWORD reply_writer(ck_clusprop_writer *w, DWORD rc, void *out, DWORD out_size,
                          DWORD *returned) {
    BYTE *list = NULL;
    DWORD size = 0;
    if (rc == CK_ERROR_SUCCESS)
        rc = ck__clusprop_finish(w, &list, &size);
    ck__clusprop_writer_free(w);
    if (rc == CK_ERROR_SUCCESS)
        rc = reply(list, size, out, out_size, returned);
    free(list);
    return rc;
}

static DWORD reply_dword(DWORD value, void *out, DWORD out_size, DWORD *returned) {
    BYTE le[4] = {(BYTE)value, (BYTE)(value >> 8), (BYTE)(value >> 16), (BYTE)(value >> 24)};
    return reply(le, 4, out, out_size, returned);
}

static DWORD class_info(void *out, DWORD out_size, DWORD *returned) {
    CLUS_RESOURCE_CLASS_INFO info;
    info.rc = ck_type.resource_class;
    info.SubClass = ck_type.resource_subclass;
    return reply(&info, sizeof(info), out, out_size, returned);
}

/* A value list (no count): RESCLASS entries, then NAME entries, then ENDMARK. */
static DWORD required_dependencies(void *out, DWORD out_size, DWORD *returned) {
    ck_clusprop_writer w;
    ck__clusprop_writer_init(&w, 0);
    for (DWORD i = 0; ck_type.required_dep_classes != NULL && i < ck_type.required_dep_class_count;
         i++) {
        ck__clusprop_add_dword(&w, CLUSPROP_SYNTAX_RESCLASS, ck_type.required_dep_classes[i]);
    }
    for (DWORD i = 0; ck_type.required_dep_types != NULL && i < ck_type.required_dep_type_count;
         i++) {
        ck__clusprop_add_name(&w, ck_type.required_dep_types[i]);
    }
    ck__clusprop_add_endmark(&w);
    return reply_writer(&w, CK_ERROR_SUCCESS, out, out_size, returned);
}

/* MULTI_SZ of the read/write names, then the extra NUL that ends the list. */
static DWORD enum_properties(const ck_prop_desc *props, DWORD count, void *out, DWORD out_size,
                             DWORD *returned) {
    ck_clusprop_writer w;
    static const BYTE nul[2] = {0, 0};
    ck__clusprop_writer_init(&w, 0);
    for (DWORD i = 0; i < count; i++) {
        if ((props[i].flags & CK_PROP_READ_ONLY) || props[i].name == NULL)
            continue;
        for (const WCHAR *c = props[i].name; *c; c++) {
            BYTE le[2] = {(BYTE)*c, (BYTE)(*c >> 8)};
            ck__clusprop_add_raw(&w, le, 2);
        }
        ck__clusprop_add_raw(&w, nul, 2);
    }
    ck__clusprop_add_raw(&w, nul, 2);
    return reply_writer(&w, CK_ERROR_SUCCESS, out, out_size, returned);
}

/*
 * GET_PRIVATE_PROPERTY_FMTS: for every private property its name and one
 * CLUSPROP_SYNTAX_LIST_VALUE_DWORD value holding its CLUSPROP_FORMAT_* number. The
 * docs say only "a property list describing the format of each property"
 * ([MS-CMRP] 3.1.4.3.1.20: "the name and data format of each private property").
 */
static DWORD property_formats(const ck_prop_desc *props, DWORD count, void *out, DWORD out_size,
                              DWORD *returned) {
    ck_clusprop_writer w;
    ck__clusprop_writer_init(&w, 1);
    for (DWORD i = 0; i < count; i++) {
        if (props[i].name == NULL)
            continue;
        ck__clusprop_add_name(&w, props[i].name);
        ck__clusprop_add_dword(&w, CLUSPROP_SYNTAX_LIST_VALUE_DWORD, props[i].format);
        ck__clusprop_add_endmark(&w);
    }
    return reply_writer(&w, CK_ERROR_SUCCESS, out, out_size, returned);
}

static DWORD get_properties(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                            const void *published, DWORD published_size, DWORD flags, void *out,
                            DWORD out_size, DWORD *returned) {
    ck_clusprop_writer w;
    ck__clusprop_writer_init(&w, 1);
    DWORD rc = ck__props_build(inst, key, props, count, published, published_size, flags, &w);
    return reply_writer(&w, rc, out, out_size, returned);
}

/* GET_RO_PRIVATE_PROPERTIES: what the handler published, defaults for the rest. */
static DWORD get_ro_properties(ck_instance *inst, void *out, DWORD out_size, DWORD *returned) {
    BYTE *published = NULL;
    DWORD size = 0;
    if (ck__instance_published(inst, &published, &size) != CK_ERROR_SUCCESS ||
        (published != NULL && ck__clusprop_check(published, size, NULL) != CK_ERROR_SUCCESS)) {
        free(published);
        published = NULL;
        size = 0;
    }
    DWORD rc = get_properties(inst, NULL, ck_type.props, ck_type.prop_count, published, size,
                              CK_BUILD_READ_ONLY | CK_BUILD_NO_DB, out, out_size, returned);
    free(published);
    return rc;
}

/* SET_PRIVATE_PROPERTIES: validate everything, then write; nothing is written on failure. */
static DWORD set_properties(ck_instance *inst, const void *in, DWORD in_size) {
    HKEY key = ck__instance_key(inst);
    BYTE *merged = NULL;
    DWORD merged_size = 0;
    DWORD rc = ck__props_validate(inst, key, ck_type.props, ck_type.prop_count, in, in_size, 1,
                                  &merged, &merged_size);
    if (rc == CK_ERROR_SUCCESS)
        rc = ck__props_write(inst, key, ck_type.props, ck_type.prop_count, in, in_size);
    if (rc == CK_ERROR_SUCCESS && ck__instance_is_online(inst)) {
        /* Stored; the handler hears of it and may apply it, but RHS is told it waits for the next
         * online. */
        BYTE *answer = NULL;
        DWORD answer_size = 0;
        DWORD status = ck__host_call(inst, CK_OP_PROPERTIES, merged, merged_size,
                                     ck_type.timeouts.control, &answer, &answer_size);
        if (status != CK_ERROR_SUCCESS) {
            ck__log(inst, LOG_WARNING,
                    "the handler did not take the new properties (status %u); they apply at the "
                    "next online",
                    (unsigned)status);
        }
        free(answer);
        rc = CK_ERROR_RESOURCE_PROPERTIES_STORED;
    }
    free(merged);
    return rc;
}

/* SET_NAME: InBuffer is the new name, a NUL-terminated UTF-16 string. */
static DWORD set_name(ck_instance *inst, const void *in, DWORD in_size) {
    const BYTE *bytes = in;
    DWORD units = in_size / 2, len = 0;
    while (len < units && (bytes[len * 2] | bytes[len * 2 + 1]) != 0)
        len++;
    if (in == NULL || in_size % 2 != 0 || len == 0 || len == units) {
        ck__log(inst, LOG_ERROR,
                "SET_NAME refused: the input must be a non-empty NUL-terminated UTF-16 name");
        return CK_ERROR_INVALID_PARAMETER;
    }
    WCHAR *name = calloc(len + 1, sizeof(WCHAR)); /* a copy: InBuffer need not be aligned */
    if (name == NULL)
        return CK_ERROR_NOT_ENOUGH_MEMORY;
    for (DWORD i = 0; i < len; i++)
        name[i] = (WCHAR)(bytes[i * 2] | (bytes[i * 2 + 1] << 8));
    ck__instance_set_name(inst, name);
    char *utf8 = ck__utf16_to_utf8(name);
    uint8_t *payload = NULL;
    size_t size = 0;
    DWORD status = CK_ERROR_NOT_ENOUGH_MEMORY;
    if (utf8 != NULL && ck__str_encode(utf8, strlen(utf8), &payload, &size) == CK_OK) {
        BYTE *answer = NULL;
        DWORD answer_size = 0;
        status = ck__host_call(inst, CK_OP_SET_NAME, payload, (DWORD)size, ck_type.timeouts.control,
                               &answer, &answer_size);
        free(answer);
    }
    if (status != CK_ERROR_SUCCESS)
        ck__log(inst, LOG_WARNING, "the handler was not told the new name (status %u)",
                (unsigned)status);
    free(payload);
    free(utf8);
    free(name);
    return CK_ERROR_SUCCESS;
}

static int is_custom(DWORD code, DWORD object) {
    if (CK_CLUSCTL_OBJECT(code) != object || !(code & CLCTL_USER_BASE))
        return 0;
    for (DWORD i = 0; ck_type.control_functions != NULL && i < ck_type.control_function_count;
         i++) {
        if (ck_type.control_functions[i] == CK_CLUSCTL_FUNCTION(code))
            return 1;
    }
    return 0;
}

/* A custom code: CONTROL to the handler (u32 code + input), its reply is the output. */
static DWORD custom_control(ck_instance *inst, DWORD code, const void *in, DWORD in_size, void *out,
                            DWORD out_size, DWORD *returned) {
    uint8_t *payload = NULL;
    size_t size = 0;
    int encoded = ck__control_encode(code, in, in_size, &payload, &size);
    if (encoded != CK_OK)
        return encoded == CK_ERR_NOMEM ? CK_ERROR_NOT_ENOUGH_MEMORY : CK_ERROR_INVALID_PARAMETER;
    BYTE *answer = NULL;
    DWORD answer_size = 0;
    DWORD rc = ck__host_call(inst, CK_OP_CONTROL, payload, (DWORD)size, ck_type.timeouts.control,
                             &answer, &answer_size);
    if (rc == CK_ERROR_SUCCESS) {
        rc = reply(answer, answer_size, out, out_size, returned);
    } else if (rc == CK_ERROR_MORE_DATA || rc == CK_ERROR_IO_PENDING) {
        /* These two tell RHS to call again (with *returned bytes) or to wait: only the library
         * may answer them, since only it knows the output buffer; from a handler they would
         * send RHS round in circles. */
        ck__log(inst, LOG_ERROR,
                "custom control 0x%08x: the handler answered status %u, which only the library "
                "may answer; reported as ERROR_RESOURCE_FAILED (return the output bytes instead)",
                (unsigned)code, (unsigned)rc);
        rc = CK_ERROR_RESOURCE_FAILED;
    } else if (rc == CK_HOST_UNAVAILABLE) {
        ck__log(inst, LOG_ERROR,
                "custom control 0x%08x not served: the handler host is not available (the lines "
                "before say why)",
                (unsigned)code);
    } else if (answer_size > 0) {
        char failed[64];
        snprintf(failed, sizeof failed, "custom control 0x%08x failed (status %u)", (unsigned)code,
                 (unsigned)rc);
        ck__log_reply(inst, LOG_ERROR, failed, answer, answer_size);
    }
    free(payload);
    free(answer);
    return rc;
}

DWORD ck__resource_control(ck_instance *inst, DWORD code, const void *in, DWORD in_size, void *out,
                           DWORD out_size, DWORD *returned) {
    if (returned == NULL || (in == NULL && in_size != 0))
        return CK_ERROR_INVALID_PARAMETER;
    *returned = 0;
    switch (code) {
    case CLUSCTL_RESOURCE_UNKNOWN:
        return CK_ERROR_SUCCESS;
    case CLUSCTL_RESOURCE_GET_CHARACTERISTICS:
        return reply_dword(ck_type.characteristics, out, out_size, returned);
    case CLUSCTL_RESOURCE_GET_CLASS_INFO:
        return class_info(out, out_size, returned);
    case CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES:
        return required_dependencies(out, out_size, returned);
    case CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES:
        return enum_properties(ck_type.props, ck_type.prop_count, out, out_size, returned);
    case CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES:
        return get_properties(inst, ck__instance_key(inst), ck_type.props, ck_type.prop_count, NULL,
                              0, 0, out, out_size, returned);
    case CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES:
        return get_ro_properties(inst, out, out_size, returned);
    case CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES:
        return ck__props_validate(inst, ck__instance_key(inst), ck_type.props, ck_type.prop_count,
                                  in, in_size, 1, NULL, NULL);
    case CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES:
        return set_properties(inst, in, in_size);
    case CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS:
        return property_formats(ck_type.props, ck_type.prop_count, out, out_size, returned);
    case CLUSCTL_RESOURCE_SET_NAME:
        return set_name(inst, in, in_size);
    default:
        if (is_custom(code, CLUS_OBJECT_RESOURCE))
            return custom_control(inst, code, in, in_size, out, out_size, returned);
        return CK_ERROR_INVALID_FUNCTION;
    }
}

/* Type-level private properties live on the type key; there is no handler call. */
static DWORD type_properties(DWORD code, const void *in, DWORD in_size, void *out, DWORD out_size,
                             DWORD *returned) {
    const ck_prop_desc *props = ck_type.type_props;
    DWORD count = ck_type.type_prop_count;
    HKEY key = ck__db_type_key();
    DWORD rc;
    switch (code) {
    case CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES:
        return enum_properties(props, count, out, out_size, returned);
    case CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES:
        return get_properties(NULL, key, props, count, NULL, 0, 0, out, out_size, returned);
    case CLUSCTL_RESOURCE_TYPE_GET_RO_PRIVATE_PROPERTIES:
        return get_properties(NULL, key, props, count, NULL, 0, CK_BUILD_READ_ONLY | CK_BUILD_NO_DB,
                              out, out_size, returned);
    case CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES:
        return ck__props_validate(NULL, key, props, count, in, in_size, 0, NULL, NULL);
    default: /* CLUSCTL_RESOURCE_TYPE_SET_PRIVATE_PROPERTIES */
        rc = ck__props_validate(NULL, key, props, count, in, in_size, 0, NULL, NULL);
        return rc == CK_ERROR_SUCCESS ? ck__props_write(NULL, key, props, count, in, in_size) : rc;
    }
}

DWORD ck__type_control(DWORD code, const void *in, DWORD in_size, void *out, DWORD out_size,
                       DWORD *returned) {
    if (returned == NULL || (in == NULL && in_size != 0))
        return CK_ERROR_INVALID_PARAMETER;
    *returned = 0;
    switch (code) {
    case CLUSCTL_RESOURCE_TYPE_UNKNOWN:
        return CK_ERROR_SUCCESS;
    case CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS:
        return reply_dword(ck_type.characteristics, out, out_size, returned);
    case CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO:
        return class_info(out, out_size, returned);
    case CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES:
        return required_dependencies(out, out_size, returned);
    case CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS:
        return property_formats(ck_type.type_props, ck_type.type_prop_count, out, out_size,
                                returned);
    case CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES:
    case CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES:
    case CLUSCTL_RESOURCE_TYPE_GET_RO_PRIVATE_PROPERTIES:
    case CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES:
    case CLUSCTL_RESOURCE_TYPE_SET_PRIVATE_PROPERTIES:
        if (ck_type.type_prop_count == 0 || ck_type.type_props == NULL)
            return CK_ERROR_INVALID_FUNCTION;
        return type_properties(code, in, in_size, out, out_size, returned);
    case CLUSCTL_RESOURCE_TYPE_STARTING_PHASE1:
    case CLUSCTL_RESOURCE_TYPE_STARTING_PHASE2:
        ck__log(NULL, LOG_INFORMATION, "resource type %s: cluster service starting, phase %d",
                ck_type.type_name_utf8 ? ck_type.type_name_utf8 : "?",
                code == CLUSCTL_RESOURCE_TYPE_STARTING_PHASE1 ? 1 : 2);
        return CK_ERROR_SUCCESS;
    default:
        return CK_ERROR_INVALID_FUNCTION;
    }
}
