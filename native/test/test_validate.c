/*
 * test_validate.c - the table checks of a SET/VALIDATE list (format, range,
 * read-only, duplicates, unknown names, empty required values), writing a
 * checked list, and reading the table back with defaults and the EXPAND_SZ pair.
 */
#include <stdlib.h>

#include "test_validate_util.h"

#define KEY ((HKEY)(uintptr_t)0x1234)
#define DW CLUSPROP_SYNTAX_LIST_VALUE_DWORD
#define SZ CLUSPROP_SYNTAX_LIST_VALUE_SZ
#define XSZ CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ
#define MSZ CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ
#define LONGV CLUSPROP_SYNTAX_LIST_VALUE_LONG
#define BIN CLUSPROP_SYNTAX_LIST_VALUE_BINARY

typedef void (*build_fn)(ck_clusprop_writer *w);

/* Checks one list against the fixture table; returns the status. */
static DWORD check(const ck_prop_desc *props, DWORD count, build_fn build) {
    ck_clusprop_writer w;
    BYTE *list = NULL;
    DWORD size = 0;
    ck__clusprop_writer_init(&w, 1);
    build(&w);
    CHECK_EQ(ck__clusprop_finish(&w, &list, &size), CK_ERROR_SUCCESS);
    DWORD rc = ck__props_check_input(NULL, props, count, list, size);
    free(list);
    return rc;
}

#define FIX ck_type.props, ck_type.prop_count

static void port_ok(ck_clusprop_writer *w) {
    tprop_dword(w, "Port", DW, 7001);
}
static void port_zero(ck_clusprop_writer *w) {
    tprop_dword(w, "Port", DW, 0);
}
static void port_big(ck_clusprop_writer *w) {
    tprop_dword(w, "Port", DW, 65536);
}
static void verbose_two(ck_clusprop_writer *w) {
    tprop_dword(w, "Verbose", DW, 2);
}
static void offset_low(ck_clusprop_writer *w) {
    tprop_dword(w, "Offset", LONGV, (DWORD)-11);
}
static void offset_min(ck_clusprop_writer *w) {
    tprop_dword(w, "Offset", LONGV, (DWORD)-10);
}
static void offset_high(ck_clusprop_writer *w) {
    tprop_dword(w, "Offset", LONGV, 11);
}
static void unknown(ck_clusprop_writer *w) {
    tprop_dword(w, "Prot", DW, 1);
}
static void read_only(ck_clusprop_writer *w) {
    tprop_sz(w, "Status", SZ, "x");
}
static void dup(ck_clusprop_writer *w) {
    tprop_dword(w, "Port", DW, 1);
    tprop_dword(w, "port", DW, 2);
}
static void wrong_format(ck_clusprop_writer *w) {
    tprop_sz(w, "Port", SZ, "7001");
}
static void expand_as_sz(ck_clusprop_writer *w) {
    tprop_sz(w, "DataDir", SZ, "%TEMP%");
}
static void inner_empty(ck_clusprop_writer *w) {
    BYTE b[16] = {'a', 0, 0, 0, 0, 0, 'b', 0, 0, 0, 0, 0};
    tprop(w, "Peers", MSZ, b, 12);
}
static void two_values(ck_clusprop_writer *w) {
    BYTE a[6] = {'a', 0, 0, 0};
    ck__clusprop_add_name(w, tw("Greeting"));
    ck__clusprop_add_value(w, SZ, a, 4);
    ck__clusprop_add_value(w, SZ, a, 4);
    ck__clusprop_add_endmark(w);
}
static void expand_pair(ck_clusprop_writer *w) {
    BYTE a[8] = {'%', 0, 'A', 0, 0, 0}, b[4] = {'x', 0, 0, 0};
    ck__clusprop_add_name(w, tw("DataDir"));
    ck__clusprop_add_value(w, XSZ, a, 6);
    ck__clusprop_add_value(w, CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ, b, 4);
    ck__clusprop_add_endmark(w);
}

/* A table with required properties of the kinds that can be empty. */
static const ck_prop_desc required[] = {
    {(const WCHAR *)u"Name", CLUSPROP_FORMAT_SZ, CK_PROP_REQUIRED, NULL, 0, 0, 0},
    {(const WCHAR *)u"List", CLUSPROP_FORMAT_MULTI_SZ, CK_PROP_REQUIRED, NULL, 0, 0, 0},
    {(const WCHAR *)u"Blob", CLUSPROP_FORMAT_BINARY, CK_PROP_REQUIRED, NULL, 0, 0, 0},
    {(const WCHAR *)u"Big", CLUSPROP_FORMAT_LARGE_INTEGER,
     CK_PROP_SIGNED | CK_PROP_HAS_MIN | CK_PROP_HAS_MAX, NULL, 0, (uint64_t)INT64_MIN,
     (uint64_t)-5},
};
static void empty_name(ck_clusprop_writer *w) {
    tprop_sz(w, "Name", SZ, "");
}
static void empty_list(ck_clusprop_writer *w) {
    tprop_sz(w, "List", MSZ, "");
}
static void empty_blob(ck_clusprop_writer *w) {
    tprop(w, "Blob", BIN, NULL, 0);
}
static void only_blob(ck_clusprop_writer *w) {
    BYTE b = 1;
    tprop(w, "Blob", BIN, &b, 1);
}
static void big_ok(ck_clusprop_writer *w) {
    int64_t v = INT64_MIN;
    tprop(w, "Big", CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER, &v, 8);
}
static void big_high(ck_clusprop_writer *w) {
    int64_t v = -4;
    tprop(w, "Big", CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER, &v, 8);
}

static void test_table_checks(void) {
    CHECK_EQ(check(FIX, port_ok), CK_ERROR_SUCCESS);
    CHECK_EQ(check(FIX, port_zero), CK_ERROR_INVALID_PARAMETER);
    CHECK(ck_test_wait_log("property Port is 0, out of range; give a value from 1 to 65535", 0));
    CHECK_EQ(check(FIX, port_big), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check(FIX, verbose_two), CK_ERROR_INVALID_PARAMETER);
    CHECK(ck_test_wait_log("property Verbose is 2, out of range; give a value from 0 to 1", 0));
    CHECK_EQ(check(FIX, offset_low), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check(FIX, offset_min), CK_ERROR_SUCCESS);
    CHECK_EQ(check(FIX, offset_high), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check(FIX, unknown), CK_ERROR_INVALID_PARAMETER);
    CHECK(ck_test_wait_log(
        "unknown property Prot; known properties are Port, Greeting, DataDir, Peers, Verbose, "
        "Offset, Quota, Token",
        0));
    CHECK_EQ(check(FIX, read_only), CK_ERROR_INVALID_PARAMETER);
    CHECK(ck_test_wait_log("property Status is read-only", 0));
    CHECK_EQ(check(FIX, dup), CK_ERROR_INVALID_PARAMETER);
    CHECK(ck_test_wait_log("appears more than once", 0));
    CHECK_EQ(check(FIX, wrong_format), CK_ERROR_INVALID_PARAMETER);
    CHECK(ck_test_wait_log("property Port has the wrong format", 0));
    CHECK_EQ(check(FIX, two_values), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check(FIX, expand_as_sz), CK_ERROR_SUCCESS);
    CHECK_EQ(check(FIX, expand_pair), CK_ERROR_SUCCESS);
    CHECK_EQ(check(FIX, inner_empty), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check(required, 4, empty_name), CK_ERROR_INVALID_PARAMETER);
    CHECK(ck_test_wait_log("property Name is required and cannot be set to an empty string", 0));
    CHECK_EQ(check(required, 4, empty_list), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check(required, 4, empty_blob), CK_ERROR_INVALID_PARAMETER);
    CHECK_EQ(check(required, 4, only_blob),
             CK_ERROR_SUCCESS); /* other required ones may stay unset */
    CHECK_EQ(check(required, 4, big_ok), CK_ERROR_SUCCESS);
    CHECK_EQ(check(required, 4, big_high), CK_ERROR_INVALID_PARAMETER);
    BYTE bad[] = {1, 0, 0, 0, 3, 0};
    CHECK_EQ(ck__props_check_input(NULL, FIX, bad, sizeof bad), CK_ERROR_INVALID_DATA);
    CHECK_EQ(ck__props_check_input(NULL, FIX, NULL, 4), CK_ERROR_INVALID_PARAMETER);
}

static void set_values(ck_clusprop_writer *w) {
    tprop_dword(w, "port", DW, 7001);
    tprop_sz(w, "DataDir", XSZ, "%CK_TEST_DIRVAR%/x%CK_UNDEFINED_VAR%");
    tprop_sz(w, "Peers", MSZ, "a");
}

static void test_write_and_read(void) {
    ck_clusprop_writer w;
    BYTE *in = NULL, *list = NULL;
    DWORD in_size = 0, size = 0;
    ck_clusprop_value v;
    ck__clusprop_writer_init(&w, 1);
    set_values(&w);
    CHECK_EQ(ck__clusprop_finish(&w, &in, &in_size), CK_ERROR_SUCCESS);
    CHECK_EQ(ck__props_validate(NULL, KEY, FIX, in, in_size, 0, NULL, NULL), CK_ERROR_SUCCESS);
    CHECK_EQ(ck__props_write(NULL, KEY, FIX, in, in_size), CK_ERROR_SUCCESS);
    setenv("CK_TEST_DIRVAR", "/opt/\xc3\xa9", 1);
    CHECK_EQ(ck__props_read_list(NULL, KEY, FIX, &list, &size), CK_ERROR_SUCCESS);
    CHECK_EQ(ck__clusprop_check(list, size, NULL), CK_ERROR_SUCCESS);
    CHECK(tfind(list, size, "Port", 0, &v) && tdword(&v) == 7001);
    CHECK(tfind(list, size, "Greeting", 0, &v) && v.size == 6 &&
          memcmp(v.data, "h\0i\0\0\0", 6) == 0);
    CHECK(tfind(list, size, "DataDir", 0, &v) && v.syntax == XSZ);
    BYTE want[64];
    DWORD want_size = tbytes("/opt/_/x%CK_UNDEFINED_VAR%", 1, want);
    want[10] = 0xE9; /* U+00E9 from the UTF-8 value */
    CHECK(tfind(list, size, "DataDir", 1, &v) &&
          v.syntax == CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ && v.size == want_size &&
          memcmp(v.data, want, want_size) == 0);
    CHECK(tfind(list, size, "Peers", 0, &v) && v.size == 6);
    CHECK(!tfind(list, size, "Token", 0, &v));  /* no value, no default: left out */
    CHECK(!tfind(list, size, "Status", 0, &v)); /* read-only: never in the list */
    free(list);
    /* The merged would-be set: new values over stored ones and defaults. */
    BYTE *merged = NULL;
    DWORD merged_size = 0;
    CHECK_EQ(ck__props_validate(NULL, KEY, FIX, in, in_size, 0, &merged, &merged_size),
             CK_ERROR_SUCCESS);
    CHECK(tfind(merged, merged_size, "Verbose", 0, &v) && tdword(&v) == 0);
    CHECK(tfind(merged, merged_size, "Port", 0, &v) && tdword(&v) == 7001);
    free(merged);
    free(in);
}

static void test_stored_wrong_type_and_required(void) {
    BYTE *list = NULL;
    DWORD size = 0;
    ck_clusprop_value v;
    HKEY key = (HKEY)(uintptr_t)0x5678;
    BYTE sz[8];
    DWORD cb = tbytes("80", 1, sz);
    CHECK_EQ(ck__db_set(key, tw("Port"), CK_REG_SZ, sz, cb), CK_ERROR_SUCCESS);
    CHECK_EQ(ck__props_read_list(NULL, key, FIX, &list, &size), CK_ERROR_SUCCESS);
    CHECK(tfind(list, size, "Port", 0, &v) && tdword(&v) == 7000);
    CHECK(ck_test_wait_log("stored value of property Port (registry type 1, 6 bytes) does not fit",
                           0));
    free(list);
    CHECK_EQ(ck__props_read_list(NULL, key, required, 4, &list, &size), CK_ERROR_INVALID_PARAMETER);
    CHECK(list == NULL);
    CHECK(ck_test_wait_log("required property Name has no value", 0));
    CHECK_EQ(ck__props_read_list(NULL, key, FIX, NULL, &size), CK_ERROR_INVALID_PARAMETER);
}

/* A list whose complete set does not fit in one frame to the handler is refused before the
 * handler is asked, and the refusal says so (not "the handler rejected"). */
static void test_over_frame_limit(void) {
    DWORD units = 600 * 1024; /* 1.2 MB of UTF-16 */
    BYTE *text = malloc((size_t)units * 2 + 2);
    for (DWORD i = 0; i < units; i++)
        text[i * 2] = 'x', text[i * 2 + 1] = 0;
    text[units * 2] = text[units * 2 + 1] = 0;
    ck_clusprop_writer w;
    BYTE *in = NULL;
    DWORD in_size = 0;
    ck__clusprop_writer_init(&w, 1);
    tprop(&w, "Greeting", SZ, text, units * 2 + 2);
    CHECK_EQ(ck__clusprop_finish(&w, &in, &in_size), CK_ERROR_SUCCESS);
    ck__clusprop_writer_free(&w);
    CHECK_EQ(ck__props_validate(NULL, KEY, FIX, in, in_size, 1, NULL, NULL),
             CK_ERROR_INVALID_PARAMETER);
    CHECK(ck_test_wait_log("over the 1048576 bytes one frame to the handler can carry", 0));
    CHECK(!ck_test_wait_log("the handler rejected", 0));
    free(in);
    free(text);
}

/* The database refuses the second value of a SET: the first is put back, the second stays
 * absent, the refusal is returned and the log names the property and the cause. */
static void test_write_all_or_nothing(void) {
    HKEY key = (HKEY)(uintptr_t)0x9abc;
    ck_test_db_set_dword(key, "Port", 7001);
    ck_clusprop_writer w;
    BYTE *in = NULL;
    DWORD in_size = 0;
    ck__clusprop_writer_init(&w, 1);
    tprop_dword(&w, "Port", DW, 7002);
    tprop_sz(&w, "Greeting", SZ, "new");
    tprop_sz(&w, "Peers", MSZ, "a");
    CHECK_EQ(ck__clusprop_finish(&w, &in, &in_size), CK_ERROR_SUCCESS);
    ck__clusprop_writer_free(&w);
    ck_test_db_fail_set(2, 1, CK_ERROR_NOT_ENOUGH_MEMORY);
    CHECK_EQ(ck__props_write(NULL, key, FIX, in, in_size), CK_ERROR_NOT_ENOUGH_MEMORY);
    CHECK(ck_test_wait_log("the cluster database refused property Greeting (status 8); nothing "
                           "was changed",
                           0));
    BYTE data[16];
    DWORD type = 0, cb = sizeof data;
    CHECK_EQ(ck__db_query(key, tw("Port"), &type, data, &cb), CK_ERROR_SUCCESS);
    CHECK(cb == 4 && data[0] == (7001 & 0xFF) && data[1] == (7001 >> 8));
    cb = sizeof data;
    CHECK_EQ(ck__db_query(key, tw("Greeting"), &type, data, &cb), CK_ERROR_FILE_NOT_FOUND);
    cb = sizeof data;
    CHECK_EQ(ck__db_query(key, tw("Peers"), &type, data, &cb), CK_ERROR_FILE_NOT_FOUND);
    /* The undo itself refused too: said, loudly, naming what keeps its new value. */
    ck__clusprop_writer_init(&w, 1);
    free(in);
    tprop_dword(&w, "Port", DW, 7003);
    tprop_dword(&w, "Verbose", DW, 1);
    CHECK_EQ(ck__clusprop_finish(&w, &in, &in_size), CK_ERROR_SUCCESS);
    ck__clusprop_writer_free(&w);
    ck_test_db_fail_set(2, 2, CK_ERROR_NOT_ENOUGH_MEMORY);
    CHECK_EQ(ck__props_write(NULL, key, FIX, in, in_size), CK_ERROR_NOT_ENOUGH_MEMORY);
    CHECK(
        ck_test_wait_log("property Port could not be put back after the failed SET (status 8)", 0));
    CHECK(ck_test_wait_log("refused property Verbose (status 8); some properties keep", 0));
    free(in);
}

int main(void) {
    tstart();
    test_write_all_or_nothing();
    test_over_frame_limit();
    test_table_checks();
    test_write_and_read();
    test_stored_wrong_type_and_required();
    if (ck_test_failures)
        ck_test_dump_log();
    return ck_test_finish("test_validate");
}
