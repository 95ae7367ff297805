/* test_instance.c - the instance table: an unknown or closed RESID is rejected by every
 * entry point (never dereferenced), and an offline instance answers without a host. */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "support.h"

static const WCHAR name[] = {'R', '1', 0};
static const WCHAR empty[] = {0};

static void check_rejected(const CLRES_V2_FUNCTIONS *f, RESID bad) {
    HANDLE ev = NULL;
    DWORD got = 0;
    CHECK_EQ(f->Online(bad, &ev, 0, NULL, 0, 0), CK_ERROR_RESOURCE_NOT_FOUND);
    CHECK(ev == NULL);
    CHECK_EQ(f->Offline(bad, NULL, 0, NULL, 0, 0), CK_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(f->LooksAlive(bad), FALSE);
    CHECK_EQ(f->IsAlive(bad), FALSE);
    CHECK_EQ(f->Cancel(bad, 0), CK_ERROR_RESOURCE_NOT_FOUND);
    CHECK_EQ(f->ResourceControl(bad, CLUSCTL_RESOURCE_UNKNOWN, NULL, 0, NULL, 0, &got),
             CK_ERROR_RESOURCE_NOT_FOUND);
    f->Terminate(bad); /* must simply return */
    f->Close(bad);
}

int main(void) {
    const CLRES_V2_FUNCTIONS *f = ck_test_startup_v2();

    /* Addresses that were never handed out: NULL, a stack address, a wild value. */
    int on_stack = 0;
    check_rejected(f, NULL);
    check_rejected(f, &on_stack);
    check_rejected(f, (RESID)(uintptr_t)0xdeadbeef);
    CHECK(ck_test_wait_log("unknown or closed resource id", 1000));

    CHECK(f->Open(empty, NULL, NULL, 0) == NULL);
    CHECK(f->Open(NULL, NULL, NULL, 0) == NULL);

    RESID r = f->Open(name, (HKEY)(uintptr_t)11, (RESOURCE_HANDLE)(uintptr_t)21, 0);
    RESID r2 = f->Open(name, (HKEY)(uintptr_t)12, (RESOURCE_HANDLE)(uintptr_t)22, 0);
    CHECK(r != NULL && r2 != NULL && r != r2);
    CHECK_EQ(ck__instance_count(), 2);
    ck_instance *inst = ck__instance_acquire(r);
    CHECK(inst != NULL);
    if (inst != NULL) {
        CHECK(ck__instance_key(inst) == (HKEY)(uintptr_t)11);
        CHECK_EQ(ck__instance_is_online(inst), 0);
        BYTE *list = (BYTE *)1;
        DWORD size = 7;
        CHECK_EQ(ck__instance_published(inst, &list, &size), CK_ERROR_SUCCESS);
        CHECK(list == NULL && size == 0);
        static const WCHAR renamed[] = {'R', 'e', 'n', 'a', 'm', 'e', 'd', 0};
        ck__instance_set_name(inst, renamed);
        CHECK(strcmp(inst->name8, "Renamed") == 0);
        ck__instance_release(inst);
    }

    /* Offline instance: Offline succeeds at once, health checks are FALSE, no host runs. */
    CHECK_EQ(f->Offline(r, NULL, 0, NULL, 0, 0), CK_ERROR_SUCCESS);
    CHECK_EQ(f->LooksAlive(r), FALSE);
    CHECK_EQ(f->IsAlive(r), FALSE);
    f->Terminate(r);

    /* Closed RESIDs are rejected like unknown ones. */
    f->Close(r);
    CHECK(ck__instance_acquire(r) == NULL);
    check_rejected(f, r);
    CHECK_EQ(ck__instance_count(), 1);
    f->Close(r2);
    CHECK_EQ(ck__instance_count(), 0);
    return ck_test_finish("test_instance");
}
