/* test_startup.c - Startup: the type name (case-insensitive), version negotiation, table
 * sizes, and refusal of bad arguments. */
#include <string.h>

#include "support.h"

static const WCHAR type_lower[] = {'c', 'k', 't', 'e', 's', 't', 't', 'y', 'p', 'e', 0};
static const WCHAR type_other[] = {'O', 't', 'h', 'e', 'r', 0};

static DWORD WINAPI status_ex(RESOURCE_HANDLE handle, PRESOURCE_STATUS_EX status) {
    (void)handle, (void)status;
    return ResourceExitStateContinue;
}

/* StartupEx: the same negotiation with the 2012+ callback table, whose first two members
 * (LogEvent, SetResourceStatusEx) are all the library reads. */
static void test_startup_ex(void) {
    PCLRES_FUNCTION_TABLE t = NULL;
    CLRES_CALLBACK_FUNCTION_TABLE cb;
    memset(&cb, 0, sizeof cb);
    CHECK_EQ(sizeof cb, 17 * sizeof(void *));
    cb.LogEvent = ck_test_log_event();
    CHECK_EQ(StartupEx(type_lower, CLRES_VERSION_V1_00, CLRES_VERSION_V4_00, &cb, &t),
             CK_ERROR_INVALID_PARAMETER); /* no SetResourceStatusEx */
    CHECK(ck_test_wait_log("StartupEx: a NULL argument", 1000));
    cb.SetResourceStatusEx = status_ex;
    CHECK_EQ(StartupEx(type_lower, CLRES_VERSION_V1_00, CLRES_VERSION_V4_00, &cb, &t),
             CK_ERROR_SUCCESS);
    CHECK(t != NULL && t->Version == CLRES_VERSION_V2_00);
    CHECK_EQ(StartupEx(type_other, CLRES_VERSION_V1_00, CLRES_VERSION_V2_00, &cb, &t),
             CK_ERROR_CLUSTER_RESNAME_NOT_FOUND);
    CHECK_EQ(StartupEx(type_lower, CLRES_VERSION_V3_00, CLRES_VERSION_V4_00, &cb, &t),
             CK_ERROR_REVISION_MISMATCH);
    CHECK_EQ(StartupEx(type_lower, 0x100, 0x200, NULL, &t), CK_ERROR_INVALID_PARAMETER);
}

static DWORD start(const WCHAR *type, DWORD min, DWORD max, PCLRES_FUNCTION_TABLE *table) {
    *table = NULL;
    return Startup(type, min, max, ck_test_set_status(), ck_test_log_event(), table);
}

int main(void) {
    PCLRES_FUNCTION_TABLE t;

    /* V2 offered: V2 chosen (the range RHS on 2016+ probably passes). */
    CHECK_EQ(start(type_lower, CLRES_VERSION_V1_00, CLRES_VERSION_V4_00, &t), CK_ERROR_SUCCESS);
    CHECK(t != NULL);
    if (t != NULL) {
        CHECK_EQ(t->Version, CLRES_VERSION_V2_00);
        CHECK_EQ(t->TableSize, sizeof(CLRES_V2_FUNCTIONS));
        const CLRES_V2_FUNCTIONS *f = &t->V2Functions;
        CHECK(f->Open && f->Close && f->Online && f->Offline && f->Terminate && f->LooksAlive &&
              f->IsAlive && f->ResourceControl && f->ResourceTypeControl && f->Cancel);
        CHECK(f->Arbitrate == NULL && f->Release == NULL);
    }
    CHECK_EQ(start(type_lower, CLRES_VERSION_V2_00, CLRES_VERSION_V2_00, &t), CK_ERROR_SUCCESS);
    CHECK(t != NULL && t->Version == CLRES_VERSION_V2_00);

    /* V1-only monitor. */
    CHECK_EQ(start(type_lower, CLRES_VERSION_V1_00, CLRES_VERSION_V1_00, &t), CK_ERROR_SUCCESS);
    CHECK(t != NULL);
    if (t != NULL) {
        CHECK_EQ(t->Version, CLRES_VERSION_V1_00);
        CHECK_EQ(t->TableSize, sizeof(CLRES_V1_FUNCTIONS));
        CHECK_EQ(t->TableSize, 11 * sizeof(void *));
        const CLRES_V1_FUNCTIONS *f = &t->V1Functions;
        CHECK(f->Open && f->Close && f->Online && f->Offline && f->Terminate && f->LooksAlive &&
              f->IsAlive && f->ResourceControl && f->ResourceTypeControl);
    }

    /* No overlap: V3+ only, or below V1. */
    CHECK_EQ(start(type_lower, CLRES_VERSION_V3_00, CLRES_VERSION_V4_00, &t),
             CK_ERROR_REVISION_MISMATCH);
    CHECK(t == NULL);
    CHECK_EQ(start(type_lower, 0, 0xFF, &t), CK_ERROR_REVISION_MISMATCH);
    CHECK_EQ(start(type_lower, CLRES_VERSION_V2_00, CLRES_VERSION_V1_00, &t),
             CK_ERROR_REVISION_MISMATCH);
    CHECK(ck_test_wait_log("neither 0x100 nor 0x200", 1000));

    /* Another type's name. */
    CHECK_EQ(start(type_other, CLRES_VERSION_V1_00, CLRES_VERSION_V2_00, &t),
             CK_ERROR_CLUSTER_RESNAME_NOT_FOUND);
    CHECK(t == NULL);
    CHECK(ck_test_wait_log("'Other' is not served", 1000));

    /* NULL arguments are refused, not dereferenced. */
    CHECK_EQ(start(NULL, CLRES_VERSION_V1_00, CLRES_VERSION_V2_00, &t), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(Startup(type_lower, 0x100, 0x200, ck_test_set_status(), ck_test_log_event(), NULL),
             CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(Startup(type_lower, 0x100, 0x200, NULL, ck_test_log_event(), &t),
             CK_ERROR_INVALID_PARAMETER);

    /* ResourceTypeControl refuses another type's name. */
    CHECK_EQ(start(type_lower, CLRES_VERSION_V1_00, CLRES_VERSION_V2_00, &t), CK_ERROR_SUCCESS);
    DWORD got = 0;
    CHECK_EQ(t->V2Functions.ResourceTypeControl(type_other, CLUSCTL_RESOURCE_TYPE_UNKNOWN, NULL, 0,
                                                NULL, 0, &got),
             CK_ERROR_CLUSTER_RESNAME_NOT_FOUND);
    test_startup_ex();
    return ck_test_finish("test_startup");
}
