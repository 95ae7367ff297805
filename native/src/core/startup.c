/* startup.c - Startup: type-name check, version negotiation, the static function tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/entry.h"

ck_globals ck__g;
static ck_once init_once = CK_ONCE_INIT;

static void init_globals(void) {
    ck__mutex_init(&ck__g.lock);
}

void ck__core_init(void) {
    ck__once(&init_once, init_globals);
}

static CLRES_FUNCTION_TABLE table_v1 = {
    .TableSize = CLRES_V1_FUNCTION_SIZE,
    .Version = CLRES_VERSION_V1_00,
    .V1Functions = {ck__entry_open, ck__entry_close, ck__entry_online, ck__entry_offline,
                    ck__entry_terminate, ck__entry_looks_alive, ck__entry_is_alive, NULL, NULL,
                    ck__entry_resource_control, ck__entry_type_control},
};

static CLRES_FUNCTION_TABLE table_v2 = {
    .TableSize = CLRES_V2_FUNCTION_SIZE,
    .Version = CLRES_VERSION_V2_00,
    .V2Functions = {ck__entry_open_v2, ck__entry_close, ck__entry_online_v2, ck__entry_offline_v2,
                    ck__entry_terminate, ck__entry_looks_alive, ck__entry_is_alive, NULL, NULL,
                    ck__entry_resource_control, ck__entry_type_control, ck__entry_cancel},
};

/* Startup runs before the callbacks are stored: log through the one passed in. */
static void log_startup(PLOG_EVENT_ROUTINE log_event, const char *line) {
    ck__log_via(log_event, NULL, LOG_ERROR, line, strlen(line));
}

CK_EXPORT DWORD WINAPI Startup(LPCWSTR ResourceType, DWORD MinVersionSupported,
                               DWORD MaxVersionSupported,
                               PSET_RESOURCE_STATUS_ROUTINE SetResourceStatus,
                               PLOG_EVENT_ROUTINE LogEvent, PCLRES_FUNCTION_TABLE *FunctionTable) {
    ck__core_init();
    if (ResourceType == NULL || FunctionTable == NULL || SetResourceStatus == NULL ||
        LogEvent == NULL) {
        log_startup(LogEvent, "Startup: a NULL argument was passed (the type name, both "
                              "callbacks and FunctionTable are required)");
        return CK_ERROR_INVALID_PARAMETER;
    }
    if (ck__wcs_icmp(ResourceType, ck_type.type_name) != 0) {
        char *asked = ck__utf16_to_utf8(ResourceType);
        char line[400];
        snprintf(line, sizeof line,
                 "Startup: resource type '%.200s' is not served by this "
                 "library (it serves '%.60s')",
                 asked != NULL ? asked : "?",
                 ck_type.type_name_utf8 != NULL ? ck_type.type_name_utf8 : "?");
        free(asked);
        log_startup(LogEvent, line);
        return CK_ERROR_CLUSTER_RESNAME_NOT_FOUND;
    }
    PCLRES_FUNCTION_TABLE table;
    if (MinVersionSupported <= CLRES_VERSION_V2_00 && CLRES_VERSION_V2_00 <= MaxVersionSupported)
        table = &table_v2;
    else if (MinVersionSupported <= CLRES_VERSION_V1_00 &&
             CLRES_VERSION_V1_00 <= MaxVersionSupported)
        table = &table_v1;
    else {
        char line[160];
        snprintf(line, sizeof line,
                 "Startup: the monitor's version range 0x%x-0x%x includes "
                 "neither 0x100 nor 0x200",
                 (unsigned)MinVersionSupported, (unsigned)MaxVersionSupported);
        log_startup(LogEvent, line);
        return CK_ERROR_REVISION_MISMATCH;
    }
    ck__mutex_lock(&ck__g.lock);
    ck__g.set_status = SetResourceStatus;
    ck__g.log_event = LogEvent;
    ck__g.version = table->Version;
    ck__mutex_unlock(&ck__g.lock);
    *FunctionTable = table;
    return CK_ERROR_SUCCESS;
}
