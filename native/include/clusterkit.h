/*
 * clusterkit.h - the one door of the clusterkit C core.
 *
 * A resource library is the core (static library ck_core) plus one generated
 * C file that defines `ck_type` (the type table below). Everything else in
 * native/src is internal (ck__ prefix) and may change freely.
 */
#ifndef CLUSTERKIT_H
#define CLUSTERKIT_H

#include "ck_resapi.h"

#ifdef _WIN32
#define CK_EXPORT __declspec(dllexport)
#else
#define CK_EXPORT __attribute__((visibility("default")))
#endif

#define CK_PROTOCOL_VERSION 1u

/* One private property, generated from the handler's schema. */
#define CK_PROP_READ_ONLY RESUTIL_PROPITEM_READ_ONLY
#define CK_PROP_REQUIRED RESUTIL_PROPITEM_REQUIRED
#define CK_PROP_SIGNED RESUTIL_PROPITEM_SIGNED
#define CK_PROP_HAS_DEFAULT 0x100u
#define CK_PROP_HAS_MIN 0x200u
#define CK_PROP_HAS_MAX 0x400u
/* A secret: GET_PRIVATE_PROPERTIES leaves it out, the database keeps it protected where the
 * platform can (ClusterEncrypt; the harness's protect service), no log line holds its value. */
#define CK_PROP_SECRET 0x800u

typedef struct ck_prop_desc {
    const WCHAR *name;        /* UTF-16, NUL-terminated */
    DWORD format;             /* CLUSPROP_FORMAT_* */
    DWORD flags;              /* CK_PROP_* */
    const BYTE *default_data; /* the default as stored in the database (REG_* layout) */
    DWORD default_size;       /* bytes, including string terminators */
    uint64_t min;             /* bit pattern; signed formats use int64_t */
    uint64_t max;
    /* An SZ limited to these texts (compared exactly, unit by unit); NULL/0: any text. */
    const WCHAR *const *choices;
    DWORD choice_count;
} ck_prop_desc;

/* Per-call deadlines in milliseconds. */
typedef struct ck_timeouts {
    DWORD open, close, online, offline, terminate, looks_alive, is_alive, control, handshake;
} ck_timeouts;

typedef struct ck_type_desc {
    const WCHAR *type_name; /* cluster resource type name, UTF-16 */
    const char *type_name_utf8;
    const WCHAR *display_name;
    const char *version;       /* the type's version string, e.g. "1.0.0" */
    const char *schema_hash;   /* lower-case hex SHA-256 of the canonical schema */
    const char *handler_file;  /* bundle path, relative to the library's directory */
    const char *node_path;     /* node executable; "" = CLUSTERKIT_NODE or PATH */
    const ck_prop_desc *props; /* private properties of a resource */
    DWORD prop_count;
    const ck_prop_desc *type_props; /* private properties of the type (may be empty) */
    DWORD type_prop_count;
    const WCHAR *const *required_dep_types; /* required dependency type names */
    DWORD required_dep_type_count;
    const DWORD *required_dep_classes; /* required dependency resource classes */
    DWORD required_dep_class_count;
    DWORD characteristics; /* CLUS_CHAR_* */
    DWORD resource_class;  /* CLUS_RESCLASS_* */
    DWORD resource_subclass;
    const DWORD *control_functions; /* custom control function numbers the handler serves */
    DWORD control_function_count;
    ck_timeouts timeouts;
    DWORD progress_interval_ms; /* 0: no automatic progress from the host */
} ck_type_desc;

/* Defined by the generated <type>_type.c. */
extern const ck_type_desc ck_type;

/*
 * POSIX only: services the harness (playing RHS and the cluster service)
 * provides. The Windows build gets the same services from clusapi.
 * The cluster database seam reads and writes values of the resource key's
 * "Parameters" subkey; `key` is the HKEY passed to Open (or, for type-level
 * properties, type_key).
 */
/* What the harness's db_* services answer for a key they do not know (winerror.h). */
#define CK_ERROR_INVALID_HANDLE 6u

typedef struct ck_host_services {
    DWORD size; /* sizeof(ck_host_services) */
    /* ERROR_SUCCESS, ERROR_FILE_NOT_FOUND, or ERROR_MORE_DATA with *cb = size needed. */
    DWORD (*db_query)(HKEY key, const WCHAR *name, DWORD *type, BYTE *data, DWORD *cb);
    DWORD (*db_set)(HKEY key, const WCHAR *name, DWORD type, const BYTE *data, DWORD cb);
    DWORD (*db_delete)(HKEY key, const WCHAR *name);
    /* Called (from a library thread) when an event handle returned by Online is signaled. */
    void (*event_signaled)(HANDLE event_handle);
    HKEY type_key; /* database key of the resource type (type-level private properties) */
    /* The cluster's protection of secret values (ClusterEncrypt/ClusterDecrypt on Windows):
     * ERROR_SUCCESS, or ERROR_MORE_DATA with *out_cb = size needed. NULL: secrets are stored
     * as they are. `resource` names the resource whose value it is. */
    DWORD (*protect)(const WCHAR *resource, const BYTE *data, DWORD cb, BYTE *out, DWORD *out_cb);
    DWORD (*unprotect)(const WCHAR *resource, const BYTE *data, DWORD cb, BYTE *out, DWORD *out_cb);
} ck_host_services;

#ifndef _WIN32
CK_EXPORT DWORD ck_bind_host_services(const ck_host_services *services);
#endif

CK_EXPORT DWORD WINAPI Startup(LPCWSTR ResourceType, DWORD MinVersionSupported,
                               DWORD MaxVersionSupported,
                               PSET_RESOURCE_STATUS_ROUTINE SetResourceStatus,
                               PLOG_EVENT_ROUTINE LogEvent, PCLRES_FUNCTION_TABLE *FunctionTable);
/* What RHS calls instead on Windows Server 2012 and later: the same negotiation, with
 * SetResourceStatusEx, whose ApplicationSpecificErrorCode carries a failed Online's or
 * Offline's Win32 status (docs/protocol.md, "Failures RHS sees"). */
CK_EXPORT DWORD WINAPI StartupEx(LPCWSTR ResourceType, DWORD MinVersionSupported,
                                 DWORD MaxVersionSupported,
                                 PCLRES_CALLBACK_FUNCTION_TABLE MonitorCallbackFunctions,
                                 PCLRES_FUNCTION_TABLE *ResourceDllInterfaceFunctions);

#endif /* CLUSTERKIT_H */
