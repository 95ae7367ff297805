/*
 * test_control.c - ResourceControl / ResourceTypeControl without a live host:
 * argument checks, ERROR_MORE_DATA sizing, type facts, ENUM/GET/GET_RO/FMTS
 * over the fixture table, and codes that must be refused before any host call.
 */
#include <stdlib.h>

#include "test_validate_util.h"

/* Calls a code twice, as RHS does: size query with no buffer, then the real call. */
static DWORD call_sized(DWORD code, int type_level, BYTE **out, DWORD *size) {
    DWORD needed = 0xFFFF, rc;
    rc = type_level ? ck__type_control(code, NULL, 0, NULL, 0, &needed)
                    : ck__resource_control(NULL, code, NULL, 0, NULL, 0, &needed);
    *out = NULL;
    *size = 0;
    if (rc != CK_ERROR_MORE_DATA)
        return rc;
    CHECK(needed > 0 && needed < 0x10000);
    if (needed > 1) { /* one byte short must still be too small */
        BYTE *small = malloc(needed - 1);
        DWORD again = 0;
        rc = type_level ? ck__type_control(code, NULL, 0, small, needed - 1, &again)
                        : ck__resource_control(NULL, code, NULL, 0, small, needed - 1, &again);
        CHECK_EQ(rc, CK_ERROR_MORE_DATA);
        CHECK_EQ(again, needed);
        free(small);
    }
    *out = malloc(needed + 16);
    rc = type_level ? ck__type_control(code, NULL, 0, *out, needed + 16, size)
                    : ck__resource_control(NULL, code, NULL, 0, *out, needed + 16, size);
    CHECK_EQ(*size, needed);
    return rc;
}

static void test_arguments(void) {
    BYTE buf[8];
    DWORD ret = 0;
    CHECK_EQ(ck__resource_control(NULL, CLUSCTL_RESOURCE_UNKNOWN, NULL, 0, buf, 8, NULL),
             CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(ck__resource_control(NULL, CLUSCTL_RESOURCE_UNKNOWN, NULL, 4, buf, 8, &ret),
             CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(ck__type_control(CLUSCTL_RESOURCE_TYPE_UNKNOWN, NULL, 0, buf, 8, NULL),
             CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(ck__type_control(CLUSCTL_RESOURCE_TYPE_UNKNOWN, NULL, 2, buf, 8, &ret),
             CK_ERROR_INVALID_PARAMETER);
    ret = 99;
    CHECK_EQ(ck__resource_control(NULL, CLUSCTL_RESOURCE_UNKNOWN, NULL, 0, NULL, 0, &ret),
             CK_ERROR_SUCCESS);
    CHECK_EQ(ret, 0);
    CHECK_EQ(ck__resource_control(NULL, 0x01000099u, NULL, 0, buf, 8, &ret),
             CK_ERROR_INVALID_FUNCTION);
    CHECK_EQ(ck__resource_control(NULL, CLUSCTL_RESOURCE_GET_FLAGS, NULL, 0, buf, 8, &ret),
             CK_ERROR_INVALID_FUNCTION);
    /* A custom code the handler does not serve (the fixture serves none). */
    CHECK_EQ(ck__resource_control(NULL, CK_CLUSCTL_USER_CODE(1u, 1u), NULL, 0, buf, 8, &ret),
             CK_ERROR_INVALID_FUNCTION);
    CHECK_EQ(ck__type_control(0x02000099u, NULL, 0, buf, 8, &ret), CK_ERROR_INVALID_FUNCTION);
    BYTE odd[3] = {'a', 0, 0};
    CHECK_EQ(ck__resource_control(NULL, CLUSCTL_RESOURCE_SET_NAME, odd, 3, NULL, 0, &ret),
             CK_ERROR_INVALID_PARAMETER);
    BYTE bad_list[] = {1, 0, 0, 0};
    CHECK_EQ(ck__resource_control(NULL, CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, bad_list, 4,
                                  NULL, 0, &ret),
             CK_ERROR_INVALID_DATA);
    CHECK_EQ(ck__resource_control(NULL, CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, bad_list, 4, NULL,
                                  0, &ret),
             CK_ERROR_INVALID_DATA);
}

static void test_type_facts(void) {
    BYTE *out;
    DWORD size;
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_GET_CHARACTERISTICS, 0, &out, &size), CK_ERROR_SUCCESS);
    CHECK(size == 4 && tdword(&(ck_clusprop_value){0, 4, out}) == ck_type.characteristics);
    free(out);
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_GET_CLASS_INFO, 0, &out, &size), CK_ERROR_SUCCESS);
    CHECK(size == 8 && tdword(&(ck_clusprop_value){0, 4, out}) == CLUS_RESCLASS_USER);
    free(out);
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO, 1, &out, &size), CK_ERROR_SUCCESS);
    CHECK_EQ(size, 8);
    free(out);
    /* No required dependencies: the value list is its ENDMARK alone. */
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, 0, &out, &size),
             CK_ERROR_SUCCESS);
    CHECK(size == 4 && tdword(&(ck_clusprop_value){0, 4, out}) == CLUSPROP_SYNTAX_ENDMARK);
    free(out);
}

static void test_enum_and_formats(void) {
    BYTE *out, want[256];
    DWORD size, at = 0;
    /* A secret is listed: it is settable, only never read back. */
    const char *names[] = {"Port",   "Greeting", "DataDir", "Peers", "Verbose",
                           "Offset", "Quota",    "Token",   "Mode",  "Password"};
    for (int i = 0; i < 10; i++)
        at += tbytes(names[i], 1, want + at);
    at += tbytes("", 1, want + at);
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES, 0, &out, &size),
             CK_ERROR_SUCCESS);
    CHECK(size == at && memcmp(out, want, at) == 0);
    free(out);
    ck_clusprop_value v;
    DWORD count = 0;
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS, 0, &out, &size),
             CK_ERROR_SUCCESS);
    CHECK_EQ(ck__clusprop_check(out, size, &count), CK_ERROR_SUCCESS);
    CHECK_EQ(count, ck_type.prop_count);
    CHECK(tfind(out, size, "Status", 0, &v) && v.syntax == CLUSPROP_SYNTAX_LIST_VALUE_DWORD &&
          tdword(&v) == CLUSPROP_FORMAT_SZ);
    CHECK(tfind(out, size, "Offset", 0, &v) && tdword(&v) == CLUSPROP_FORMAT_LONG);
    free(out);
    /* The fixture type has no type-level properties. */
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES, 1, &out, &size),
             CK_ERROR_INVALID_FUNCTION);
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES, 1, &out, &size),
             CK_ERROR_INVALID_FUNCTION);
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS, 1, &out, &size),
             CK_ERROR_SUCCESS);
    CHECK(size == 4 && ck__clusprop_check(out, size, &count) == CK_ERROR_SUCCESS && count == 0);
    free(out);
}

static void test_get_properties(void) {
    BYTE *out;
    DWORD size, count = 0;
    ck_clusprop_value v;
    ck__db_set(NULL, tw("Port"), CK_REG_DWORD, (const BYTE *)"\x51\x1f\0\0", 4); /* 8017 */
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, 0, &out, &size), CK_ERROR_SUCCESS);
    CHECK_EQ(ck__clusprop_check(out, size, &count), CK_ERROR_SUCCESS);
    /* every read/write property but Token (no value, no default) and Password (a secret) */
    CHECK_EQ(count, 8);
    CHECK(tfind(out, size, "Mode", 0, &v) && v.size == 10);
    CHECK(tfind(out, size, "Port", 0, &v) && tdword(&v) == 8017);
    CHECK(tfind(out, size, "DataDir", 1, &v) && v.syntax == CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ);
    free(out);
    /* Nothing published and no default: the read-only list is empty. */
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES, 0, &out, &size),
             CK_ERROR_SUCCESS);
    CHECK(size == 4 && ck__clusprop_check(out, size, &count) == CK_ERROR_SUCCESS && count == 0);
    free(out);
}

static DWORD list_of(void (*add)(ck_clusprop_writer *), BYTE **list) {
    ck_clusprop_writer w;
    DWORD size = 0;
    ck__clusprop_writer_init(&w, 1);
    add(&w);
    CHECK_EQ(ck__clusprop_finish(&w, list, &size), CK_ERROR_SUCCESS);
    ck__clusprop_writer_free(&w);
    return size;
}

static void mode_slow(ck_clusprop_writer *w) {
    tprop_sz(w, "Mode", CLUSPROP_SYNTAX_LIST_VALUE_SZ, "slow");
}
static void mode_case(ck_clusprop_writer *w) {
    tprop_sz(w, "Mode", CLUSPROP_SYNTAX_LIST_VALUE_SZ, "Smart");
}
static void mode_prefix(ck_clusprop_writer *w) {
    tprop_sz(w, "Mode", CLUSPROP_SYNTAX_LIST_VALUE_SZ, "sma");
}
static void mode_smart(ck_clusprop_writer *w) {
    tprop_sz(w, "Mode", CLUSPROP_SYNTAX_LIST_VALUE_SZ, "smart");
}
static void password(ck_clusprop_writer *w) {
    tprop_sz(w, "Password", CLUSPROP_SYNTAX_LIST_VALUE_SZ, "hunter2");
}

/* A choice is checked by the table, exactly as written; only its texts are stored. */
static void test_choice(void) {
    BYTE *list;
    DWORD size;
    void (*refused[])(ck_clusprop_writer *) = {mode_slow, mode_case, mode_prefix};
    for (int i = 0; i < 3; i++) {
        size = list_of(refused[i], &list);
        CHECK_EQ(ck__props_check_input(NULL, ck_type.props, ck_type.prop_count, list, size),
                 CK_ERROR_INVALID_PARAMETER);
        free(list);
    }
    CHECK(ck_test_wait_log("property Mode is not one of its choices; give one of fast, smart", 0));
    CHECK(!ck_test_wait_log("slow", 0)); /* the text given is not repeated */
    size = list_of(mode_smart, &list);
    CHECK_EQ(ck__props_check_input(NULL, ck_type.props, ck_type.prop_count, list, size),
             CK_ERROR_SUCCESS);
    free(list);
    /* A value put in the database by hand that is not a choice: the default stands in. */
    BYTE bogus[16];
    DWORD cb = tbytes("bogus", 1, bogus), got = 0;
    CHECK_EQ(ck__db_set(NULL, tw("Mode"), CK_REG_SZ, bogus, cb), CK_ERROR_SUCCESS);
    BYTE *out;
    ck_clusprop_value v;
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, 0, &out, &got), CK_ERROR_SUCCESS);
    BYTE fast[16];
    DWORD fast_cb = tbytes("fast", 1, fast);
    CHECK(tfind(out, got, "Mode", 0, &v) && v.size == fast_cb &&
          memcmp(v.data, fast, fast_cb) == 0);
    CHECK(ck_test_wait_log("stored value of property Mode", 0));
    free(out);
    ck__db_delete(NULL, tw("Mode"));
}

/* A secret is stored protected, handed to the handler in the clear, and never read back. */
static void test_secret(void) {
    BYTE *list, *out, *data = NULL;
    DWORD size = list_of(password, &list), got = 0, type = 0, cb = 0;
    ck_clusprop_value v;
    CHECK_EQ(ck__props_check_input(NULL, ck_type.props, ck_type.prop_count, list, size),
             CK_ERROR_SUCCESS);
    CHECK_EQ(ck__props_write(NULL, NULL, ck_type.props, ck_type.prop_count, list, size),
             CK_ERROR_SUCCESS);
    free(list);
    /* The database holds the protected form (support.c's stand-in), not the text. */
    CHECK_EQ(ck__db_query_alloc(NULL, tw("Password"), &type, &data, &cb), CK_ERROR_SUCCESS);
    CHECK(type == CK_REG_BINARY && cb > 18 && memcmp(data, "ck-test-protected:", 18) == 0);
    free(data);
    /* GET leaves it out; the list Online sends carries the text. */
    CHECK_EQ(call_sized(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, 0, &out, &got), CK_ERROR_SUCCESS);
    CHECK(!tfind(out, got, "Password", 0, &v));
    free(out);
    CHECK_EQ(ck__props_read_list(NULL, NULL, ck_type.props, ck_type.prop_count, &out, &got),
             CK_ERROR_SUCCESS);
    BYTE want[32];
    DWORD want_cb = tbytes("hunter2", 1, want);
    CHECK(tfind(out, got, "Password", 0, &v) && v.size == want_cb &&
          memcmp(v.data, want, want_cb) == 0);
    free(out);
    /* A value that cannot be recovered is left out (logged by name, never by value). */
    CHECK_EQ(ck__db_set(NULL, tw("Password"), CK_REG_BINARY, (const BYTE *)"garbage", 7),
             CK_ERROR_SUCCESS);
    CHECK_EQ(ck__props_read_list(NULL, NULL, ck_type.props, ck_type.prop_count, &out, &got),
             CK_ERROR_SUCCESS);
    CHECK(!tfind(out, got, "Password", 0, &v));
    free(out);
    CHECK(ck_test_wait_log("secret property Password: the cluster could not recover it", 0));
    CHECK(!ck_test_wait_log("hunter2", 0));
    ck__db_delete(NULL, tw("Password"));
}

static void test_type_notifications(void) {
    DWORD ret = 5;
    CHECK_EQ(ck__type_control(CLUSCTL_RESOURCE_TYPE_STARTING_PHASE2, NULL, 0, NULL, 0, &ret),
             CK_ERROR_SUCCESS);
    CHECK_EQ(ret, 0);
    CHECK(ck_test_wait_log("cluster service starting, phase 2", 0));
    CHECK_EQ(ck__type_control(CLUSCTL_RESOURCE_TYPE_UNKNOWN, NULL, 0, NULL, 0, &ret),
             CK_ERROR_SUCCESS);
}

int main(void) {
    tstart();
    test_arguments();
    test_type_facts();
    test_enum_and_formats();
    test_get_properties();
    test_choice();
    test_secret();
    test_type_notifications();
    if (ck_test_failures)
        ck_test_dump_log();
    return ck_test_finish("test_control");
}
