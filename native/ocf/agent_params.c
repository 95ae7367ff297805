/*
 * agent_params.c - OCF_RESKEY_<name> values turned into the property list the handler
 * gets, checked by the same table and the same rules as the DLL's SET
 * (ck__props_check_input, ck__props_build).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "props/props_table.h"
#include "props/validate.h"
#include "text.h"

/* Appends the parameter of property i if Pacemaker passed it; 0, or an OCF code. */
static int add_given(ck_clusprop_writer *w, DWORD i) {
    const ck_prop_desc *p = &ck_type.props[i];
    const ck_ocf_param *param = &ck_ocf.params[i];
    if (param->name == NULL)
        return 0;
    char var[160];
    snprintf(var, sizeof var, "OCF_RESKEY_%s", param->name);
    const char *text = getenv(var);
    if (text == NULL)
        return 0;
    if (*text == '\0' && param->kind != CK_OCF_SZ && param->kind != CK_OCF_EXPAND_SZ &&
        param->kind != CK_OCF_MULTI_SZ)
        return 0; /* an empty number, boolean, binary, choice or secret means "not set" */
    uint8_t *data = NULL;
    DWORD size = 0;
    char why[256];
    if (ck__ocf_parse_value(param->kind, text, &data, &size, why, sizeof why) != 0) {
        ck__ocf_reason("parameter %s: %s", param->name, why);
        return OCF_ERR_CONFIGURED;
    }
    ck__clusprop_add_name(w, p->name);
    /* A value entry's syntax is its type in the high word and its format in the low one. */
    ck__clusprop_add_value(w, (CLUSPROP_TYPE_LIST_VALUE << 16) | p->format, data, size);
    ck__clusprop_add_endmark(w);
    free(data);
    return 0;
}

/* A required parameter Pacemaker did not pass is named with its OCF spelling. */
static int check_required(const uint8_t *given, DWORD given_size) {
    for (DWORD i = 0; i < ck_type.prop_count; i++) {
        const ck_prop_desc *p = &ck_type.props[i];
        if (!(p->flags & CK_PROP_REQUIRED) || ck_ocf.params[i].name == NULL)
            continue;
        ck_clusprop_iter it;
        ck_clusprop_prop prop;
        int found = 0;
        if (ck__clusprop_iter_init(&it, given, given_size) == CK_ERROR_SUCCESS)
            while (!found && ck__clusprop_next(&it, &prop) == CK_ERROR_SUCCESS)
                found = ck__name_equals(p->name, prop.name, prop.name_size);
        if (!found) {
            ck__ocf_reason("required parameter %s is not set", ck_ocf.params[i].name);
            return OCF_ERR_CONFIGURED;
        }
    }
    return 0;
}

int ck__ocf_build_props(uint8_t **list, DWORD *size) {
    ck_clusprop_writer given;
    ck__clusprop_writer_init(&given, 1);
    int rc = 0;
    for (DWORD i = 0; i < ck_type.prop_count && rc == 0; i++)
        rc = add_given(&given, i);
    BYTE *in = NULL;
    DWORD in_size = 0;
    if (rc == 0 && ck__clusprop_finish(&given, &in, &in_size) != CK_ERROR_SUCCESS)
        rc = OCF_ERR_GENERIC;
    ck__clusprop_writer_free(&given);
    if (rc == 0)
        rc = check_required(in, in_size);
    /* The table's rules: format, range, read-only, duplicates, empty required values. */
    if (rc == 0 && ck__props_check_input(NULL, ck_type.props, ck_type.prop_count, in, in_size) !=
                       CK_ERROR_SUCCESS)
        rc = OCF_ERR_CONFIGURED;
    ck_clusprop_writer full;
    ck__clusprop_writer_init(&full, 1);
    if (rc == 0 && ck__props_build(NULL, NULL, ck_type.props, ck_type.prop_count, in, in_size,
                                   CK_BUILD_REQUIRED | CK_BUILD_NO_DB, &full) != CK_ERROR_SUCCESS)
        rc = OCF_ERR_CONFIGURED;
    if (rc == 0 && ck__clusprop_finish(&full, list, size) != CK_ERROR_SUCCESS)
        rc = OCF_ERR_GENERIC;
    ck__clusprop_writer_free(&full);
    free(in);
    return rc;
}
