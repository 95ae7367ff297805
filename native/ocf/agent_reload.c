/*
 * agent_reload.c - reload-agent (OCF 1.1): Pacemaker changed only parameters the metadata
 * marks reloadable, and asks the running resource to take them instead of a stop and start.
 * The agent checks them as start does (the property table, then the handler's validate) and
 * hands the complete set to the host as PROPERTIES, as a SET of an online Windows resource
 * does: the handler's propertiesChanged applies the live ones (docs/ocf.md, "reload-agent").
 */
#include <stdlib.h>
#include <string.h>

#include "agent.h"
#include "protocol/frame.h"

/* 5024 ERROR_RESOURCE_PROPERTIES_STORED: the host kept them for the next start. */
#define CK_OCF_PROPERTIES_STORED 5024u

static int apply(ck_ocf_conn *c, const ck_ocf_env *env, const uint8_t *list, DWORD size,
                 uint64_t deadline) {
    ck_ocf_reply r = {0};
    int rc = ck__ocf_open_instance(c, env, deadline);
    if (rc == 0) {
        rc = ck__ocf_request(c, CK_OP_VALIDATE, "the handler's validate", list, size, deadline, &r);
        if (rc != 0 && r.status == 5038)
            rc = OCF_ERR_CONFIGURED; /* validate() threw: the parameters are refused */
        free(r.payload);
    }
    if (rc != 0)
        return rc;
    int got = ck__ocf_call(c, CK_OP_PROPERTIES, list, size, deadline, &r);
    if (got != 0) {
        ck__ocf_reason("the handler %s while it took the new parameters",
                       got == -1 ? "did not answer in time" : "went away");
        return OCF_ERR_GENERIC;
    }
    if (r.status == CK_OCF_PROPERTIES_STORED) {
        /* Applying them needs a restart: a failed reload makes Pacemaker recover the resource,
         * which restarts it with them. */
        ck__ocf_reason("the new parameters need a restart: %s",
                       r.payload != NULL ? (char *)r.payload : "");
        rc = OCF_ERR_GENERIC;
    } else if (r.status != 0) {
        ck__ocf_reason("the handler could not apply the new parameters: %s (Win32 %u)",
                       r.payload != NULL ? (char *)r.payload : "", (unsigned)r.status);
        rc = ck__ocf_code_of(r.status);
    }
    free(r.payload);
    return rc;
}

int ck__ocf_reload(const ck_ocf_env *env) {
    if (!ck_ocf.reloadable) {
        ck__ocf_log("INFO", "reload-agent: the type has no live properties; nothing to reload");
        return OCF_ERR_UNIMPLEMENTED;
    }
    uint8_t *list = NULL;
    DWORD size = 0;
    ck_ocf_paths p;
    uint64_t deadline;
    int rc = ck__ocf_prepare(env, &list, &size, &p, &deadline);
    if (rc != 0)
        return rc;
    ck_ocf_conn c;
    int connected = ck__ocf_connect(&c, p.socket, deadline);
    if (connected == CK_OCF_CONN_REFUSED) {
        free(list);
        return OCF_ERR_GENERIC;
    }
    if (connected == CK_OCF_CONN_NO_HOST || !ck__ocf_flag(p.online)) {
        /* Not running here: the next start reads the new parameters anyway. */
        ck__ocf_log("INFO", "reload-agent: the resource is not running here; the new parameters "
                            "apply when it starts");
        if (connected == CK_OCF_CONN_OK)
            ck__ocf_close(&c);
        free(list);
        return OCF_SUCCESS;
    }
    rc = apply(&c, env, list, size, deadline);
    ck__ocf_close(&c);
    free(list);
    return rc;
}
