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

/* The checks and the table both entries share: the type name, then the version range. */
static DWORD negotiate(LPCWSTR ResourceType, DWORD MinVersionSupported, DWORD MaxVersionSupported,
                       PLOG_EVENT_ROUTINE LogEvent, PCLRES_FUNCTION_TABLE *table) {
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
    if (MinVersionSupported <= CLRES_VERSION_V2_00 && CLRES_VERSION_V2_00 <= MaxVersionSupported)
        *table = &table_v2;
    else if (MinVersionSupported <= CLRES_VERSION_V1_00 &&
             CLRES_VERSION_V1_00 <= MaxVersionSupported)
        *table = &table_v1;
    else {
        char line[160];
        snprintf(line, sizeof line,
                 "Startup: the monitor's version range 0x%x-0x%x includes "
                 "neither 0x100 nor 0x200",
                 (unsigned)MinVersionSupported, (unsigned)MaxVersionSupported);
        log_startup(LogEvent, line);
        return CK_ERROR_REVISION_MISMATCH;
    }
    return CK_ERROR_SUCCESS;
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
    PCLRES_FUNCTION_TABLE table;
    DWORD rc = negotiate(ResourceType, MinVersionSupported, MaxVersionSupported, LogEvent, &table);
    if (rc != CK_ERROR_SUCCESS)
        return rc;
    ck__mutex_lock(&ck__g.lock);
    ck__g.set_status = SetResourceStatus;
    ck__g.set_status_ex = NULL;
    ck__g.log_event = LogEvent;
    ck__g.version = table->Version;
    ck__mutex_unlock(&ck__g.lock);
    *FunctionTable = table;
    return CK_ERROR_SUCCESS;
}

CK_EXPORT DWORD WINAPI StartupEx(LPCWSTR ResourceType, DWORD MinVersionSupported,
                                 DWORD MaxVersionSupported,
                                 PCLRES_CALLBACK_FUNCTION_TABLE MonitorCallbackFunctions,
                                 PCLRES_FUNCTION_TABLE *ResourceDllInterfaceFunctions) {
    ck__core_init();
    PCLRES_CALLBACK_FUNCTION_TABLE cb = MonitorCallbackFunctions;
    PLOG_EVENT_ROUTINE log_event = cb != NULL ? cb->LogEvent : NULL;
    if (ResourceType == NULL || ResourceDllInterfaceFunctions == NULL || cb == NULL ||
        log_event == NULL || cb->SetResourceStatusEx == NULL) {
        log_startup(log_event, "StartupEx: a NULL argument was passed (the type name, the "
                               "callback table with LogEvent and SetResourceStatusEx, and "
                               "the function table pointer are required)");
        return CK_ERROR_INVALID_PARAMETER;
    }
    PCLRES_FUNCTION_TABLE table;
    DWORD rc = negotiate(ResourceType, MinVersionSupported, MaxVersionSupported, log_event, &table);
    if (rc != CK_ERROR_SUCCESS)
        return rc;
    ck__mutex_lock(&ck__g.lock);
    ck__g.set_status = NULL;
    ck__g.set_status_ex = cb->SetResourceStatusEx;
    ck__g.log_event = log_event;
    ck__g.version = table->Version;
    ck__mutex_unlock(&ck__g.lock);
    *ResourceDllInterfaceFunctions = table;
    return CK_ERROR_SUCCESS;
}
