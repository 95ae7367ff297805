/*
 * fuzz_clusprop.c - libFuzzer target: any bytes as a property list. A list the
 * reader accepts must re-encode to a list of the same size and count that
 * encodes to itself again; it is then validated against the fixture table and
 * merged with defaults (the SET path without a database). Nothing may crash,
 * read out of bounds or leak.
 */
#include <stdlib.h>
#include <string.h>

#include "props/validate.h"

/* Re-encodes a checked list with the writer. */
static DWORD reencode(const BYTE *data, DWORD size, BYTE **out, DWORD *out_size) {
    ck_clusprop_iter it;
    ck_clusprop_prop prop;
    ck_clusprop_writer w;
    ck__clusprop_writer_init(&w, 1);
    DWORD rc = ck__clusprop_iter_init(&it, data, size);
    while (rc == CK_ERROR_SUCCESS && (rc = ck__clusprop_next(&it, &prop)) == CK_ERROR_SUCCESS) {
        ck_clusprop_value v;
        DWORD cursor = 0, values = 0;
        ck__clusprop_add_name_bytes(&w, prop.name, prop.name_size);
        while (ck__clusprop_value(&prop, &cursor, &v)) {
            ck__clusprop_add_value(&w, v.syntax, v.data, v.size);
            values++;
        }
        if (values != prop.value_count)
            abort();
        ck__clusprop_add_endmark(&w);
    }
    if (rc != CK_ERROR_NO_MORE_ITEMS) {
        ck__clusprop_writer_free(&w);
        return rc;
    }
    return ck__clusprop_finish(&w, out, out_size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 0x100000)
        return 0;
    DWORD count = 0;
    DWORD rc = ck__clusprop_check(data, (DWORD)size, &count);
    if (rc != CK_ERROR_SUCCESS) {
        if (rc != CK_ERROR_INVALID_DATA)
            abort(); /* malformed input has exactly one answer */
        return 0;
    }
    BYTE *once = NULL, *twice = NULL;
    DWORD once_size = 0, twice_size = 0, count2 = 0;
    if (reencode(data, (DWORD)size, &once, &once_size) != CK_ERROR_SUCCESS)
        abort();
    if (once_size != size || ck__clusprop_check(once, once_size, &count2) != CK_ERROR_SUCCESS ||
        count2 != count)
        abort();
    if (reencode(once, once_size, &twice, &twice_size) != CK_ERROR_SUCCESS)
        abort();
    if (twice_size != once_size || memcmp(once, twice, once_size) != 0)
        abort();
    free(twice);
    free(once);

    BYTE *merged = NULL;
    DWORD merged_size = 0;
    rc = ck__props_validate(NULL, NULL, ck_type.props, ck_type.prop_count, data, (DWORD)size, 0,
                            &merged, &merged_size);
    if (rc == CK_ERROR_SUCCESS && ck__clusprop_check(merged, merged_size, NULL) != CK_ERROR_SUCCESS)
        abort();
    if (rc != CK_ERROR_SUCCESS && rc != CK_ERROR_INVALID_PARAMETER)
        abort();
    free(merged);
    return 0;
}
