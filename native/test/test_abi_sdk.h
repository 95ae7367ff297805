/*
 * test_abi_sdk.h - the x64 Windows SDK figures (Resapi.h, ClusApi.h, winerror.h: layouts,
 * return codes, control codes), written once so that test_abi.c (our ck_resapi.h) and
 * test_abi_mingw.c (mingw-w64's resapi.h/clusapi.h) are checked against the same
 * numbers. Both passing means ours and mingw's agree wherever mingw agrees with the SDK.
 */
#ifndef TEST_ABI_SDK_H
#define TEST_ABI_SDK_H

#define SDK_PTR 8u /* x64 only: the cluster runs 64-bit resource DLLs */

#define SDK_SIZEOF_RESOURCE_STATUS 24u
#define SDK_OFFSETOF_RESOURCE_STATUS_CheckPoint 4u
#define SDK_OFFSETOF_RESOURCE_STATUS_WaitHint 8u
#define SDK_OFFSETOF_RESOURCE_STATUS_EventHandle 16u

#define SDK_SIZEOF_RESOURCE_STATUS_EX 32u /* mingw: 24, it lacks WaitHint */
#define SDK_OFFSETOF_RESOURCE_STATUS_EX_CheckPoint 4u
#define SDK_OFFSETOF_RESOURCE_STATUS_EX_EventHandle 8u
#define SDK_OFFSETOF_RESOURCE_STATUS_EX_ApplicationSpecificErrorCode 16u
#define SDK_OFFSETOF_RESOURCE_STATUS_EX_Flags 20u
#define SDK_OFFSETOF_RESOURCE_STATUS_EX_WaitHint 24u

#define SDK_SIZEOF_CLRES_V1_FUNCTIONS 88u
#define SDK_SIZEOF_CLRES_V2_FUNCTIONS 96u
#define SDK_SIZEOF_CLRES_V3_FUNCTIONS 96u
#define SDK_SIZEOF_CLRES_V4_FUNCTIONS 112u
#define SDK_SIZEOF_CLRES_FUNCTION_TABLE 120u /* mingw: 104, its union has V1/V2 only */
#define SDK_OFFSETOF_CLRES_FUNCTION_TABLE_Version 4u
#define SDK_OFFSETOF_CLRES_FUNCTION_TABLE_union 8u
#define SDK_SIZEOF_CLRES_CALLBACK_FUNCTION_TABLE 136u /* mingw: 40, its table has 5 members */
#define SDK_OFFSETOF_CLRES_CALLBACK_FUNCTION_TABLE_SetResourceStatusEx 8u

#define SDK_SIZEOF_CLUSPROP_VALUE 8u
#define SDK_SIZEOF_CLUS_RESOURCE_CLASS_INFO 8u
#define SDK_OFFSETOF_CLUS_RESOURCE_CLASS_INFO_SubClass 4u

/* Values both headers must spell the same way. */
#define SDK_CLRES_VERSION_V1_00 0x100u
#define SDK_CLRES_VERSION_V2_00 0x200u
#define SDK_ClusterResourceOnline 2
#define SDK_ClusterResourceOffline 3
#define SDK_ClusterResourceFailed 4
#define SDK_ClusterResourceOnlinePending 129
#define SDK_ClusterResourceOfflinePending 130
#define SDK_LOG_SEVERE 3
#define SDK_CLUSCTL_RESOURCE_GET_CHARACTERISTICS 0x01000005u
#define SDK_CLUSCTL_RESOURCE_GET_CLASS_INFO 0x0100000Du
#define SDK_CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES 0x01000011u
#define SDK_CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES 0x01000079u
#define SDK_CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES 0x0100007Du
#define SDK_CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES 0x01000081u
#define SDK_CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES 0x01400086u
#define SDK_CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES 0x01000089u
#define SDK_CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES 0x02000081u
#define SDK_CLUSCTL_RESOURCE_TYPE_VALIDATE_PRIVATE_PROPERTIES 0x02000089u
#define SDK_CLUSPROP_SYNTAX_NAME 0x00040003u
#define SDK_CLUSPROP_SYNTAX_LIST_VALUE_DWORD 0x00010002u
#define SDK_CLUSPROP_SYNTAX_LIST_VALUE_SZ 0x00010003u
#define SDK_CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ 0x00010005u
#define SDK_CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER 0x00010006u
#define SDK_CLUSPROP_SYNTAX_LIST_VALUE_LONG 0x00010007u
#define SDK_ERROR_IO_PENDING 997u
#define SDK_ERROR_REVISION_MISMATCH 1306u
#define SDK_ERROR_RESOURCE_PROPERTIES_STORED 5024u
#define SDK_ERROR_CLUSTER_RESNAME_NOT_FOUND 5080u

/* One checked figure for the runtime print: compile-time checks fail the build,
 * the print lets a reader compare the tables of two builds side by side. */
#define ABI_CHECK(label, actual, expected)                                                         \
    do {                                                                                           \
        unsigned long long a_ = (unsigned long long)(actual);                                      \
        unsigned long long e_ = (unsigned long long)(expected);                                    \
        printf("%-58s %6llu %s\n", label, a_, a_ == e_ ? "ok" : "MISMATCH");                       \
        if (a_ != e_)                                                                              \
            failures++;                                                                            \
    } while (0)

#endif /* TEST_ABI_SDK_H */
