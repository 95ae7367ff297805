/*
 * ck_resapi.h - the subset of the Windows Resource API (Resapi.h, ClusApi.h,
 * winerror.h) that clusterkit uses, with the Windows SDK's exact layouts and
 * values. It is self-contained: mingw-w64's resapi.h/clusapi.h do not compile
 * as shipped and differ from the SDK (docs/native.md), so nothing here includes them.
 *
 * On POSIX the Windows base types are defined here with WCHAR = uint16_t, so
 * strings and property lists are UTF-16LE on every platform.
 */
#ifndef CK_RESAPI_H
#define CK_RESAPI_H

#include <stddef.h>
#include <stdint.h>

#ifdef _WIN32
#include <windows.h>
#else
typedef uint32_t DWORD;
typedef int32_t LONG;
typedef uint16_t WORD;
typedef uint8_t BYTE;
typedef int32_t BOOL;
typedef uint16_t WCHAR;
typedef void VOID;
typedef void *PVOID;
typedef void *LPVOID;
typedef void *HANDLE;
typedef HANDLE *LPHANDLE;
typedef void *HKEY;
typedef BYTE *PBYTE;
typedef DWORD *LPDWORD;
typedef BOOL *PBOOL;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef uintptr_t DWORD_PTR;
#define WINAPI
#define TRUE 1
#define FALSE 0
#endif

/* Resource API versions (Resapi.h). */
#define CLRES_VERSION_V1_00 0x100
#define CLRES_VERSION_V2_00 0x200
#define CLRES_VERSION_V3_00 0x300
#define CLRES_VERSION_V4_00 0x400

/* Win32 error codes used at the RHS boundary (winerror.h). */
#define CK_ERROR_SUCCESS 0u
#define CK_ERROR_INVALID_FUNCTION 1u
#define CK_ERROR_FILE_NOT_FOUND 2u
#define CK_ERROR_NOT_ENOUGH_MEMORY 8u
#define CK_ERROR_INVALID_DATA 13u
#define CK_ERROR_OUTOFMEMORY 14u
#define CK_ERROR_NOT_SUPPORTED 50u
#define CK_ERROR_INVALID_PARAMETER 87u
#define CK_ERROR_INSUFFICIENT_BUFFER 122u
#define CK_ERROR_BAD_ARGUMENTS 160u
#define CK_ERROR_ALREADY_EXISTS 183u
#define CK_ERROR_MORE_DATA 234u
#define CK_ERROR_TIMEOUT 1460u
#define CK_ERROR_IO_PENDING 997u
#define CK_ERROR_OPERATION_ABORTED 995u
#define CK_ERROR_REVISION_MISMATCH 1306u
#define CK_ERROR_GEN_FAILURE 31u
#define CK_ERROR_PROCESS_ABORTED 1067u
#define CK_ERROR_DEPENDENCY_NOT_FOUND 5002u
#define CK_ERROR_RESOURCE_NOT_ONLINE 5004u
#define CK_ERROR_RESOURCE_NOT_AVAILABLE 5006u
#define CK_ERROR_RESOURCE_NOT_FOUND 5007u
#define CK_ERROR_OBJECT_ALREADY_EXISTS 5010u
#define CK_ERROR_RESOURCE_PROPERTIES_STORED 5024u
#define CK_ERROR_RESOURCE_FAILED 5038u
#define CK_ERROR_CLUSTER_INVALID_REQUEST 5048u
#define CK_ERROR_CLUSTER_RESNAME_NOT_FOUND 5080u
#define CK_ERROR_RESOURCE_CALL_TIMED_OUT 5910u

/* Registry value types used by the cluster database. */
#define CK_REG_NONE 0u
#define CK_REG_SZ 1u
#define CK_REG_EXPAND_SZ 2u
#define CK_REG_BINARY 3u
#define CK_REG_DWORD 4u
#define CK_REG_MULTI_SZ 7u
#define CK_REG_QWORD 11u

typedef PVOID RESID;
typedef HANDLE RESOURCE_HANDLE;

typedef enum CLUSTER_RESOURCE_STATE {
    ClusterResourceStateUnknown = -1,
    ClusterResourceInherited = 0,
    ClusterResourceInitializing = 1,
    ClusterResourceOnline = 2,
    ClusterResourceOffline = 3,
    ClusterResourceFailed = 4,
    ClusterResourcePending = 128,
    ClusterResourceOnlinePending = 129,
    ClusterResourceOfflinePending = 130
} CLUSTER_RESOURCE_STATE;

typedef enum LOG_LEVEL {
    LOG_INFORMATION = 0,
    LOG_WARNING = 1,
    LOG_ERROR = 2,
    LOG_SEVERE = 3
} LOG_LEVEL;

typedef enum RESOURCE_EXIT_STATE {
    ResourceExitStateContinue = 0,
    ResourceExitStateTerminate = 1,
    ResourceExitStateMax = 2
} RESOURCE_EXIT_STATE;

typedef struct RESOURCE_STATUS {
    CLUSTER_RESOURCE_STATE ResourceState;
    DWORD CheckPoint;
    DWORD WaitHint;
    HANDLE EventHandle;
} RESOURCE_STATUS, *PRESOURCE_STATUS;

/* The SDK layout; mingw's copy lacks the trailing WaitHint. */
typedef struct RESOURCE_STATUS_EX {
    CLUSTER_RESOURCE_STATE ResourceState;
    DWORD CheckPoint;
    HANDLE EventHandle;
    DWORD ApplicationSpecificErrorCode;
    DWORD Flags;
    DWORD WaitHint;
} RESOURCE_STATUS_EX, *PRESOURCE_STATUS_EX;

typedef DWORD(WINAPI *PSET_RESOURCE_STATUS_ROUTINE)(RESOURCE_HANDLE ResourceHandle,
                                                    PRESOURCE_STATUS ResourceStatus);
typedef DWORD(WINAPI *PSET_RESOURCE_STATUS_ROUTINE_EX)(RESOURCE_HANDLE ResourceHandle,
                                                       PRESOURCE_STATUS_EX ResourceStatus);
typedef VOID(WINAPI *PLOG_EVENT_ROUTINE)(RESOURCE_HANDLE ResourceHandle, LOG_LEVEL LogLevel,
                                         LPCWSTR FormatString, ...);
typedef VOID(WINAPI *PQUORUM_RESOURCE_LOST)(RESOURCE_HANDLE Resource);

/* V1 entry points. */
typedef RESID(WINAPI *POPEN_ROUTINE)(LPCWSTR ResourceName, HKEY ResourceKey,
                                     RESOURCE_HANDLE ResourceHandle);
typedef VOID(WINAPI *PCLOSE_ROUTINE)(RESID Resource);
typedef DWORD(WINAPI *PONLINE_ROUTINE)(RESID Resource, LPHANDLE EventHandle);
typedef DWORD(WINAPI *POFFLINE_ROUTINE)(RESID Resource);
typedef VOID(WINAPI *PTERMINATE_ROUTINE)(RESID Resource);
typedef BOOL(WINAPI *PIS_ALIVE_ROUTINE)(RESID Resource);
typedef BOOL(WINAPI *PLOOKS_ALIVE_ROUTINE)(RESID Resource);
typedef DWORD(WINAPI *PARBITRATE_ROUTINE)(RESID Resource, PQUORUM_RESOURCE_LOST LostQuorumResource);
typedef DWORD(WINAPI *PRELEASE_ROUTINE)(RESID Resource);
typedef DWORD(WINAPI *PRESOURCE_CONTROL_ROUTINE)(RESID Resource, DWORD ControlCode, PVOID InBuffer,
                                                 DWORD InBufferSize, PVOID OutBuffer,
                                                 DWORD OutBufferSize, LPDWORD BytesReturned);
typedef DWORD(WINAPI *PRESOURCE_TYPE_CONTROL_ROUTINE)(LPCWSTR ResourceTypeName, DWORD ControlCode,
                                                      PVOID InBuffer, DWORD InBufferSize,
                                                      PVOID OutBuffer, DWORD OutBufferSize,
                                                      LPDWORD BytesReturned);

/* V2 entry points. */
typedef RESID(WINAPI *POPEN_V2_ROUTINE)(LPCWSTR ResourceName, HKEY ResourceKey,
                                        RESOURCE_HANDLE ResourceHandle, DWORD OpenFlags);
typedef DWORD(WINAPI *PONLINE_V2_ROUTINE)(RESID Resource, LPHANDLE EventHandle, DWORD OnlineFlags,
                                          PBYTE InBuffer, DWORD InBufferSize, DWORD Reserved);
typedef DWORD(WINAPI *POFFLINE_V2_ROUTINE)(RESID Resource, LPCWSTR DestinationNodeName,
                                           DWORD OfflineFlags, PBYTE InBuffer, DWORD InBufferSize,
                                           DWORD Reserved);
typedef DWORD(WINAPI *PCANCEL_ROUTINE)(RESID Resource, DWORD CancelFlags_RESERVED);

#define CLUS_RESDLL_OPEN_RECOVER_MONITOR_STATE 0x1
#define CLUS_RESDLL_ONLINE_RECOVER_MONITOR_STATE 0x1
#define CLUS_RESDLL_ONLINE_IGNORE_RESOURCE_STATUS 0x2
#define CLUS_RESDLL_OFFLINE_IGNORE_RESOURCE_STATUS 0x1

typedef struct CLRES_V1_FUNCTIONS {
    POPEN_ROUTINE Open;
    PCLOSE_ROUTINE Close;
    PONLINE_ROUTINE Online;
    POFFLINE_ROUTINE Offline;
    PTERMINATE_ROUTINE Terminate;
    PLOOKS_ALIVE_ROUTINE LooksAlive;
    PIS_ALIVE_ROUTINE IsAlive;
    PARBITRATE_ROUTINE Arbitrate;
    PRELEASE_ROUTINE Release;
    PRESOURCE_CONTROL_ROUTINE ResourceControl;
    PRESOURCE_TYPE_CONTROL_ROUTINE ResourceTypeControl;
} CLRES_V1_FUNCTIONS;

typedef struct CLRES_V2_FUNCTIONS {
    POPEN_V2_ROUTINE Open;
    PCLOSE_ROUTINE Close;
    PONLINE_V2_ROUTINE Online;
    POFFLINE_V2_ROUTINE Offline;
    PTERMINATE_ROUTINE Terminate;
    PLOOKS_ALIVE_ROUTINE LooksAlive;
    PIS_ALIVE_ROUTINE IsAlive;
    PARBITRATE_ROUTINE Arbitrate;
    PRELEASE_ROUTINE Release;
    PRESOURCE_CONTROL_ROUTINE ResourceControl;
    PRESOURCE_TYPE_CONTROL_ROUTINE ResourceTypeControl;
    PCANCEL_ROUTINE Cancel;
} CLRES_V2_FUNCTIONS;

/* V3/V4 are declared so the union has the SDK's size (120 bytes on x64). */
typedef DWORD(WINAPI *PBEGIN_RESCALL_ROUTINE)(RESID, DWORD, PVOID, DWORD, PVOID, DWORD, LPDWORD,
                                              LONGLONG, PBOOL);
typedef DWORD(WINAPI *PBEGIN_RESTYPECALL_ROUTINE)(LPCWSTR, DWORD, PVOID, DWORD, PVOID, DWORD,
                                                  LPDWORD, LONGLONG, PBOOL);
typedef DWORD(WINAPI *PBEGIN_RESCALL_AS_USER_ROUTINE)(RESID, HANDLE, DWORD, PVOID, DWORD, PVOID,
                                                      DWORD, LPDWORD, LONGLONG, PBOOL);
typedef DWORD(WINAPI *PBEGIN_RESTYPECALL_AS_USER_ROUTINE)(LPCWSTR, HANDLE, DWORD, PVOID, DWORD,
                                                          PVOID, DWORD, LPDWORD, LONGLONG, PBOOL);

typedef struct CLRES_V3_FUNCTIONS {
    POPEN_V2_ROUTINE Open;
    PCLOSE_ROUTINE Close;
    PONLINE_V2_ROUTINE Online;
    POFFLINE_V2_ROUTINE Offline;
    PTERMINATE_ROUTINE Terminate;
    PLOOKS_ALIVE_ROUTINE LooksAlive;
    PIS_ALIVE_ROUTINE IsAlive;
    PARBITRATE_ROUTINE Arbitrate;
    PRELEASE_ROUTINE Release;
    PBEGIN_RESCALL_ROUTINE BeginResourceControl;
    PBEGIN_RESTYPECALL_ROUTINE BeginResourceTypeControl;
    PCANCEL_ROUTINE Cancel;
} CLRES_V3_FUNCTIONS;

typedef struct CLRES_V4_FUNCTIONS {
    POPEN_V2_ROUTINE Open;
    PCLOSE_ROUTINE Close;
    PONLINE_V2_ROUTINE Online;
    POFFLINE_V2_ROUTINE Offline;
    PTERMINATE_ROUTINE Terminate;
    PLOOKS_ALIVE_ROUTINE LooksAlive;
    PIS_ALIVE_ROUTINE IsAlive;
    PARBITRATE_ROUTINE Arbitrate;
    PRELEASE_ROUTINE Release;
    PBEGIN_RESCALL_ROUTINE BeginResourceControl;
    PBEGIN_RESTYPECALL_ROUTINE BeginResourceTypeControl;
    PCANCEL_ROUTINE Cancel;
    PBEGIN_RESCALL_AS_USER_ROUTINE BeginResourceControlAsUser;
    PBEGIN_RESTYPECALL_AS_USER_ROUTINE BeginResourceTypeControlAsUser;
} CLRES_V4_FUNCTIONS;

typedef struct CLRES_FUNCTION_TABLE {
    DWORD TableSize; /* sizeof(CLRES_Vn_FUNCTIONS), not of this struct */
    DWORD Version;
    union {
        CLRES_V1_FUNCTIONS V1Functions;
        CLRES_V2_FUNCTIONS V2Functions;
        CLRES_V3_FUNCTIONS V3Functions;
        CLRES_V4_FUNCTIONS V4Functions;
    };
} CLRES_FUNCTION_TABLE, *PCLRES_FUNCTION_TABLE;

#define CLRES_V1_FUNCTION_SIZE sizeof(CLRES_V1_FUNCTIONS)
#define CLRES_V2_FUNCTION_SIZE sizeof(CLRES_V2_FUNCTIONS)

typedef DWORD(WINAPI *PSTARTUP_ROUTINE)(LPCWSTR ResourceType, DWORD MinVersionSupported,
                                        DWORD MaxVersionSupported,
                                        PSET_RESOURCE_STATUS_ROUTINE SetResourceStatus,
                                        PLOG_EVENT_ROUTINE LogEvent,
                                        PCLRES_FUNCTION_TABLE *FunctionTable);

/*
 * The callbacks RHS passes to StartupEx (Windows Server 2012 and later), in the SDK's order.
 * The table only grew over the releases, so the library reads its first two members only,
 * which every version has; the others are declared for the layout (136 bytes on x64).
 */
typedef struct CLRES_CALLBACK_FUNCTION_TABLE {
    PLOG_EVENT_ROUTINE LogEvent;
    PSET_RESOURCE_STATUS_ROUTINE_EX SetResourceStatusEx;
    PVOID SetResourceLockedMode;
    PVOID SignalFailure;
    PVOID SetResourceInMemoryNodeLocalProperties;
    PVOID EndControlCall;
    PVOID EndTypeControlCall;
    PVOID ExtendControlCall;
    PVOID ExtendTypeControlCall;
    PVOID RaiseResTypeNotification;
    PVOID ChangeResourceProcessForDumps;
    PVOID ChangeResTypeProcessForDumps;
    PVOID SetInternalState;
    PVOID SetResourceLockedModeEx;
    PVOID RequestDump;
    PVOID SetResourceWprPolicy;
    PVOID ArmWprWatchdogForCurrentResourceCall;
} CLRES_CALLBACK_FUNCTION_TABLE, *PCLRES_CALLBACK_FUNCTION_TABLE;

typedef DWORD(WINAPI *PSTARTUP_EX_ROUTINE)(LPCWSTR ResourceType, DWORD MinVersionSupported,
                                           DWORD MaxVersionSupported,
                                           PCLRES_CALLBACK_FUNCTION_TABLE MonitorCallbackFunctions,
                                           PCLRES_FUNCTION_TABLE *ResourceDllInterfaceFunctions);

/* Control codes (ClusApi.h). */
#define CLUS_ACCESS_ANY 0u
#define CLUS_ACCESS_READ 1u
#define CLUS_ACCESS_WRITE 2u
#define CLUS_OBJECT_RESOURCE 1u
#define CLUS_OBJECT_RESOURCE_TYPE 2u
#define CLCTL_USER_BASE (1u << 21)
#define CLCTL_INTERNAL_BIT (1u << 20)
#define CLCTL_MODIFY_BIT (1u << 22)
#define CLCTL_GLOBAL_BIT (1u << 23)
/* The SDK formula; mingw's macro sets the global bit instead (docs/native.md). */
#define CK_CLUSCTL_USER_CODE(fn, obj) (((obj) << 24) | CLCTL_USER_BASE | ((fn) << 2))
#define CK_CLUSCTL_FUNCTION(code) (((code) >> 2) & 0x3FFFFu)
#define CK_CLUSCTL_OBJECT(code) ((code) >> 24)

#define CLUSCTL_RESOURCE_UNKNOWN 0x01000000u
#define CLUSCTL_RESOURCE_GET_CHARACTERISTICS 0x01000005u
#define CLUSCTL_RESOURCE_GET_FLAGS 0x01000009u
#define CLUSCTL_RESOURCE_GET_CLASS_INFO 0x0100000Du
#define CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES 0x01000011u
#define CLUSCTL_RESOURCE_GET_NAME 0x01000029u
#define CLUSCTL_RESOURCE_ENUM_COMMON_PROPERTIES 0x01000051u
#define CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES 0x01000059u
#define CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES 0x01000079u
#define CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES 0x0100007Du
#define CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES 0x01000081u
#define CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES 0x01400086u
#define CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES 0x01000089u
#define CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS 0x0100008Du
#define CLUSCTL_RESOURCE_DELETE 0x01500006u
#define CLUSCTL_RESOURCE_SET_NAME 0x01500026u

#define CLUSCTL_RESOURCE_TYPE_UNKNOWN 0x02000000u
#define CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS 0x02000005u
#define CLUSCTL_RESOURCE_TYPE_GET_FLAGS 0x02000009u
#define CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO 0x0200000Du
#define CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES 0x02000011u
#define CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES 0x02000079u
#define CLUSCTL_RESOURCE_TYPE_GET_RO_PRIVATE_PROPERTIES 0x0200007Du
#define CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES 0x02000081u
#define CLUSCTL_RESOURCE_TYPE_SET_PRIVATE_PROPERTIES 0x02400086u
#define CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES 0x02000089u
#define CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS 0x0200008Du
#define CLUSCTL_RESOURCE_TYPE_STARTING_PHASE1 0x02500036u
#define CLUSCTL_RESOURCE_TYPE_STARTING_PHASE2 0x0250003Au

/* CLUS_CHARACTERISTICS and resource classes. */
#define CLUS_CHAR_UNKNOWN 0x0u
#define CLUS_CHAR_QUORUM 0x1u
#define CLUS_CHAR_DELETE_REQUIRES_ALL_NODES 0x2u
#define CLUS_CHAR_SINGLE_CLUSTER_INSTANCE 0x40u
#define CLUS_CHAR_SINGLE_GROUP_INSTANCE 0x80u
#define CLUS_RESCLASS_UNKNOWN 0u
#define CLUS_RESCLASS_STORAGE 1u
#define CLUS_RESCLASS_NETWORK 2u
#define CLUS_RESCLASS_USER 32768u

typedef struct CLUS_RESOURCE_CLASS_INFO {
    DWORD rc;
    DWORD SubClass;
} CLUS_RESOURCE_CLASS_INFO;

/* Property lists (ClusApi.h): syntax = (type << 16) | format. */
#define CLUSPROP_FORMAT_UNKNOWN 0u
#define CLUSPROP_FORMAT_BINARY 1u
#define CLUSPROP_FORMAT_DWORD 2u
#define CLUSPROP_FORMAT_SZ 3u
#define CLUSPROP_FORMAT_EXPAND_SZ 4u
#define CLUSPROP_FORMAT_MULTI_SZ 5u
#define CLUSPROP_FORMAT_ULARGE_INTEGER 6u
#define CLUSPROP_FORMAT_LONG 7u
#define CLUSPROP_FORMAT_EXPANDED_SZ 8u
#define CLUSPROP_FORMAT_SECURITY_DESCRIPTOR 9u
#define CLUSPROP_FORMAT_LARGE_INTEGER 10u
#define CLUSPROP_FORMAT_WORD 11u
#define CLUSPROP_FORMAT_FILETIME 12u

#define CLUSPROP_TYPE_ENDMARK 0u
#define CLUSPROP_TYPE_LIST_VALUE 1u
#define CLUSPROP_TYPE_RESCLASS 2u
#define CLUSPROP_TYPE_NAME 4u

#define CLUSPROP_SYNTAX_ENDMARK 0x00000000u
#define CLUSPROP_SYNTAX_NAME 0x00040003u
#define CLUSPROP_SYNTAX_RESCLASS 0x00020002u
#define CLUSPROP_SYNTAX_LIST_VALUE_BINARY 0x00010001u
#define CLUSPROP_SYNTAX_LIST_VALUE_DWORD 0x00010002u
#define CLUSPROP_SYNTAX_LIST_VALUE_SZ 0x00010003u
#define CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ 0x00010004u
#define CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ 0x00010005u
#define CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER 0x00010006u
#define CLUSPROP_SYNTAX_LIST_VALUE_LONG 0x00010007u
#define CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ 0x00010008u
#define CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER 0x0001000Au

#define ALIGN_CLUSPROP(count) (((count) + 3u) & ~3u)

typedef struct CLUSPROP_VALUE {
    DWORD Syntax;
    DWORD cbLength;
} CLUSPROP_VALUE;

/* ResUtil property-item flags, reused by the generated property tables. */
#define RESUTIL_PROPITEM_READ_ONLY 0x1u
#define RESUTIL_PROPITEM_REQUIRED 0x2u
#define RESUTIL_PROPITEM_SIGNED 0x4u
#define RESUTIL_PROPITEM_IN_MEMORY 0x8u

#define CK_STARTUP_ROUTINE "Startup"
#define CK_STARTUP_EX_ROUTINE "StartupEx"

#endif /* CK_RESAPI_H */
