/*
 * test_db.c - the database seam: ck_bind_host_services argument checks, a clear
 * error while nothing is bound, and calls reaching the bound services.
 */
#include <stdlib.h>

#include "test_validate_util.h"

static void test_unbound(void) {
    DWORD type = 0, cb = 4;
    BYTE data[4];
    CHECK(ck__services() == NULL);
    CHECK_EQ(ck__db_query(NULL, tw("Port"), &type, data, &cb), CK_ERROR_NOT_SUPPORTED);
    CHECK(ck_test_wait_log("no host services are bound", 0));
    CHECK_EQ(ck__db_set(NULL, tw("Port"), CK_REG_DWORD, data, 4), CK_ERROR_NOT_SUPPORTED);
    CHECK(ck__db_type_key() == NULL);
}

static void test_bind_checks(void) {
    ck_host_services short_table;
    memset(&short_table, 0, sizeof short_table);
    short_table.size = offsetof(ck_host_services, protect) - 1;
    CHECK_EQ(ck_bind_host_services(NULL), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(ck_bind_host_services(&short_table), CK_ERROR_INVALID_PARAMETER);
    CHECK(ck__services() == NULL);
}

static void test_bound(void) {
    ck_test_bind_services();
    CHECK(ck__services() != NULL && ck__services()->size == sizeof(ck_host_services));
    HKEY key = (HKEY)(uintptr_t)0x42;
    BYTE *data = NULL;
    DWORD type = 0, cb = 0;
    BYTE big[300];
    for (int i = 0; i < 300; i++)
        big[i] = (BYTE)i;
    CHECK_EQ(ck__db_set(key, tw("Blob"), CK_REG_BINARY, big, sizeof big), CK_ERROR_SUCCESS);
    /* Larger than the first guess: the query must grow its buffer. */
    CHECK_EQ(ck__db_query_alloc(key, tw("Blob"), &type, &data, &cb), CK_ERROR_SUCCESS);
    CHECK(type == CK_REG_BINARY && cb == sizeof big && data != NULL && memcmp(data, big, cb) == 0);
    free(data);
    CHECK_EQ(ck__services()->db_delete(key, tw("Blob")), CK_ERROR_SUCCESS);
    CHECK_EQ(ck__db_query_alloc(key, tw("Blob"), &type, &data, &cb), CK_ERROR_FILE_NOT_FOUND);
    CHECK(data == NULL);
    CHECK(ck__db_type_key() == ck__services()->type_key);
    CHECK_EQ(ck__db_query(key, NULL, &type, NULL, &cb), CK_ERROR_INVALID_PARAMETER);
}

int main(void) {
    PCLRES_FUNCTION_TABLE table = NULL;
    CHECK_EQ(Startup(tw("CkTestType"), CLRES_VERSION_V1_00, CLRES_VERSION_V2_00,
                     ck_test_set_status(), ck_test_log_event(), &table),
             CK_ERROR_SUCCESS);
    test_unbound();
    test_bind_checks();
    test_bound();
    if (ck_test_failures)
        ck_test_dump_log();
    return ck_test_finish("test_db");
}
