/*
 * test_abi_mingw.c - mingw-w64's own resapi.h/clusapi.h against the same SDK figures
 * as test_abi.c, for every structure where mingw agrees with the SDK. Together the two
 * programs show that ck_resapi.h and mingw's headers agree there. Windows only.
 *
 * mingw's clusapi.h does not compile at its default _WIN32_WINNT (duplicate enums in
 * its >= 0x0600 block, docs/native.md): lower it around clusapi.h and supply the one
 * type resapi.h then misses, PCLUSPROP_FILETIME.
 */
#include <stdio.h>
#include <windows.h>

/* mingw's resapi.h spells the calling convention `_stdcall`, which _mingw.h only
 * defines outside strict ISO mode (-std=c11 sets __STRICT_ANSI__). */
#ifndef _stdcall
#define _stdcall __stdcall
#endif

#pragma push_macro("_WIN32_WINNT")
#undef _WIN32_WINNT
#define _WIN32_WINNT 0x0502
#include <clusapi.h>
#pragma pop_macro("_WIN32_WINNT")
typedef struct CK_CLUSPROP_FILETIME {
    CLUSPROP_SYNTAX Syntax;
    DWORD cbLength;
    FILETIME ft;
} CLUSPROP_FILETIME, *PCLUSPROP_FILETIME;
#include <resapi.h>

#include "test_abi_sdk.h"

#define SA(cond) _Static_assert(cond, #cond)

SA(sizeof(RESOURCE_STATUS) == SDK_SIZEOF_RESOURCE_STATUS);
SA(offsetof(RESOURCE_STATUS, CheckPoint) == SDK_OFFSETOF_RESOURCE_STATUS_CheckPoint);
SA(offsetof(RESOURCE_STATUS, WaitHint) == SDK_OFFSETOF_RESOURCE_STATUS_WaitHint);
SA(offsetof(RESOURCE_STATUS, EventHandle) == SDK_OFFSETOF_RESOURCE_STATUS_EventHandle);
/* RESOURCE_STATUS_EX: mingw agrees up to Flags and lacks the trailing WaitHint. */
SA(offsetof(RESOURCE_STATUS_EX, EventHandle) == SDK_OFFSETOF_RESOURCE_STATUS_EX_EventHandle);
SA(offsetof(RESOURCE_STATUS_EX, Flags) == SDK_OFFSETOF_RESOURCE_STATUS_EX_Flags);

SA(sizeof(CLRES_V1_FUNCTIONS) == SDK_SIZEOF_CLRES_V1_FUNCTIONS);
SA(sizeof(CLRES_V2_FUNCTIONS) == SDK_SIZEOF_CLRES_V2_FUNCTIONS);
SA(offsetof(CLRES_V1_FUNCTIONS, Terminate) == 4 * SDK_PTR);
SA(offsetof(CLRES_V1_FUNCTIONS, ResourceTypeControl) == 10 * SDK_PTR);
SA(offsetof(CLRES_V2_FUNCTIONS, Cancel) == 11 * SDK_PTR);
SA(offsetof(CLRES_FUNCTION_TABLE, Version) == SDK_OFFSETOF_CLRES_FUNCTION_TABLE_Version);
SA(offsetof(CLRES_FUNCTION_TABLE, V1Functions) == SDK_OFFSETOF_CLRES_FUNCTION_TABLE_union);
SA(offsetof(CLRES_FUNCTION_TABLE, V2Functions) == SDK_OFFSETOF_CLRES_FUNCTION_TABLE_union);

SA(sizeof(CLUSPROP_VALUE) == SDK_SIZEOF_CLUSPROP_VALUE);
SA(sizeof(CLUS_RESOURCE_CLASS_INFO) == SDK_SIZEOF_CLUS_RESOURCE_CLASS_INFO);
SA(offsetof(CLUS_RESOURCE_CLASS_INFO, SubClass) == SDK_OFFSETOF_CLUS_RESOURCE_CLASS_INFO_SubClass);

SA(CLRES_VERSION_V1_00 == SDK_CLRES_VERSION_V1_00 &&
   CLRES_VERSION_V2_00 == SDK_CLRES_VERSION_V2_00);
SA(ClusterResourceOnline == SDK_ClusterResourceOnline);
SA(ClusterResourceOffline == SDK_ClusterResourceOffline);
SA(ClusterResourceFailed == SDK_ClusterResourceFailed);
SA(ClusterResourceOnlinePending == SDK_ClusterResourceOnlinePending);
SA(ClusterResourceOfflinePending == SDK_ClusterResourceOfflinePending);
SA(LOG_SEVERE == SDK_LOG_SEVERE);
SA(CLUSCTL_RESOURCE_GET_CHARACTERISTICS == SDK_CLUSCTL_RESOURCE_GET_CHARACTERISTICS);
SA(CLUSCTL_RESOURCE_GET_CLASS_INFO == SDK_CLUSCTL_RESOURCE_GET_CLASS_INFO);
SA(CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES == SDK_CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES);
SA(CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES == SDK_CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES);
SA(CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES == SDK_CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES);
SA(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES == SDK_CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES);
SA(CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES == SDK_CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES);
SA(CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES ==
   SDK_CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES);
SA(CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES ==
   SDK_CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES);
SA(CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES ==
   SDK_CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES);
SA(CLUSPROP_SYNTAX_NAME == SDK_CLUSPROP_SYNTAX_NAME);
SA(CLUSPROP_SYNTAX_LIST_VALUE_DWORD == SDK_CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
SA(CLUSPROP_SYNTAX_LIST_VALUE_SZ == SDK_CLUSPROP_SYNTAX_LIST_VALUE_SZ);
SA(CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ == SDK_CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ);
SA(CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER == SDK_CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER);
SA(CLUSPROP_SYNTAX_LIST_VALUE_LONG == SDK_CLUSPROP_SYNTAX_LIST_VALUE_LONG);
SA(ERROR_IO_PENDING == SDK_ERROR_IO_PENDING);
SA(ERROR_REVISION_MISMATCH == SDK_ERROR_REVISION_MISMATCH);
SA(ERROR_RESOURCE_PROPERTIES_STORED == SDK_ERROR_RESOURCE_PROPERTIES_STORED);
SA(ERROR_CLUSTER_RESNAME_NOT_FOUND == SDK_ERROR_CLUSTER_RESNAME_NOT_FOUND);

int main(void) {
    int failures = 0;
    printf("mingw-w64 resapi.h/clusapi.h on x64\n");
    ABI_CHECK("sizeof(RESOURCE_STATUS)", sizeof(RESOURCE_STATUS), SDK_SIZEOF_RESOURCE_STATUS);
    ABI_CHECK("sizeof(CLRES_V1_FUNCTIONS)", sizeof(CLRES_V1_FUNCTIONS),
              SDK_SIZEOF_CLRES_V1_FUNCTIONS);
    ABI_CHECK("sizeof(CLRES_V2_FUNCTIONS)", sizeof(CLRES_V2_FUNCTIONS),
              SDK_SIZEOF_CLRES_V2_FUNCTIONS);
    ABI_CHECK("offsetof(CLRES_FUNCTION_TABLE, V1Functions)",
              offsetof(CLRES_FUNCTION_TABLE, V1Functions), SDK_OFFSETOF_CLRES_FUNCTION_TABLE_union);
    ABI_CHECK("sizeof(CLUSPROP_VALUE)", sizeof(CLUSPROP_VALUE), SDK_SIZEOF_CLUSPROP_VALUE);
    ABI_CHECK("sizeof(CLUS_RESOURCE_CLASS_INFO)", sizeof(CLUS_RESOURCE_CLASS_INFO),
              SDK_SIZEOF_CLUS_RESOURCE_CLASS_INFO);
    /* Known differences from the SDK, printed (not failed) so a mingw upgrade that fixes
     * them shows up in the log; ck_resapi.h uses the SDK figures. */
    printf("%-58s %6u (SDK %u)\n", "known diff: sizeof(RESOURCE_STATUS_EX)",
           (unsigned)sizeof(RESOURCE_STATUS_EX), SDK_SIZEOF_RESOURCE_STATUS_EX);
    printf("%-58s %6u (SDK %u)\n", "known diff: sizeof(CLRES_FUNCTION_TABLE)",
           (unsigned)sizeof(CLRES_FUNCTION_TABLE), SDK_SIZEOF_CLRES_FUNCTION_TABLE);
    printf("%-58s 0x%08lx (SDK 0x01200004)\n", "known diff: CLUSCTL_USER_CODE(1, RESOURCE)",
           (unsigned long)CLUSCTL_USER_CODE(1, CLUS_OBJECT_RESOURCE));
    if (failures) {
        printf("ABI FAILED (%d mismatches)\n", failures);
        return 1;
    }
    printf("ABI OK\n");
    return 0;
}
