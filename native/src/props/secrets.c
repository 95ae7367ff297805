/*
 * secrets.c - the two kinds the property table adds to the plain formats: a choice (an SZ
 * limited to its texts, compared exactly) and a secret (an SZ stored protected where the
 * platform can, never read back by GET, never in a log line).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/services.h"
#include "props/props_table.h"
#include "text.h"

int ck__prop_choice_ok(const ck_prop_desc *p, const BYTE *data, DWORD size) {
    if (p->choices == NULL || p->choice_count == 0)
        return 1;
    for (DWORD i = 0; i < p->choice_count; i++) {
        const WCHAR *c = p->choices[i];
        DWORD n = c != NULL ? (DWORD)ck__wcslen(c) : 0;
        if (c == NULL || size != (n + 1) * 2)
            continue;
        DWORD k = 0;
        while (k < n && (WCHAR)(data[k * 2] | (data[k * 2 + 1] << 8)) == c[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

void ck__prop_choice_list(const ck_prop_desc *p, char *out, size_t cap) {
    size_t at = 0;
    out[0] = 0;
    for (DWORD i = 0; i < p->choice_count && at + 8 < cap; i++) {
        char one[160];
        ck__wname_utf8(p->choices[i], one, sizeof one);
        at += (size_t)snprintf(out + at, cap - at, "%s%s", i ? ", " : "", one);
    }
}

/* Whether the platform's protection failed, said once per property and call. */
static void log_failure(ck_instance *inst, const ck_prop_desc *p, const char *what, DWORD rc) {
    char name[128];
    ck__wname_utf8(p->name, name, sizeof name);
    ck__log(inst, LOG_ERROR, "secret property %s: the cluster could not %s it (status %u)%s", name,
            what, (unsigned)rc,
            what[0] == 'p' ? "; nothing was stored" : "; set it again to store it afresh");
}

DWORD ck__secret_seal(ck_instance *inst, const ck_prop_desc *p, const BYTE *sz, DWORD size,
                      DWORD *type, BYTE **stored, DWORD *stored_size) {
    *stored = NULL;
    *stored_size = 0;
    WCHAR *resource = ck__instance_name(inst);
    DWORD rc = ck__db_protect(resource, 0, sz, size, stored, stored_size);
    free(resource);
    if (rc == CK_ERROR_SUCCESS) {
        *type = CK_REG_BINARY;
        return rc;
    }
    if (rc != CK_ERROR_NOT_SUPPORTED) {
        log_failure(inst, p, "protect", rc);
        return rc;
    }
    /* Nothing to protect it with here: stored as the SZ it is (docs/schema.md, "Secrets"). */
    *stored = malloc(size ? size : 1);
    if (*stored == NULL)
        return CK_ERROR_NOT_ENOUGH_MEMORY;
    memcpy(*stored, sz, size);
    *stored_size = size;
    *type = CK_REG_SZ;
    return CK_ERROR_SUCCESS;
}

DWORD ck__secret_open(ck_instance *inst, const ck_prop_desc *p, DWORD type, const BYTE *data,
                      DWORD size, BYTE **sz, DWORD *sz_size) {
    *sz = NULL;
    *sz_size = 0;
    if (type != CK_REG_BINARY) {
        *sz = malloc(size ? size : 1);
        if (*sz == NULL)
            return CK_ERROR_NOT_ENOUGH_MEMORY;
        memcpy(*sz, data, size);
        *sz_size = size;
        return CK_ERROR_SUCCESS;
    }
    WCHAR *resource = ck__instance_name(inst);
    DWORD rc = ck__db_protect(resource, 1, data, size, sz, sz_size);
    free(resource);
    if (rc != CK_ERROR_SUCCESS)
        log_failure(inst, p, "recover", rc);
    return rc;
}
