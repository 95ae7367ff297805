/* test_text.c - text.c: UTF-8 -> UTF-16 with the WHATWG replacement rule (the host's
 * TextDecoder gives the same characters), the strict forms for paths, UTF-16 -> UTF-8
 * with U+FFFD for lone surrogates, names cut to fit a log buffer, and the one case fold
 * (simple uppercase over the BMP, as the cluster database compares names). */
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "support.h"
#include "text.h"

/* 1 when the UTF-16 of `in` (len bytes) is exactly `want` (NUL-terminated). */
static int decodes_to(const char *in, size_t len, const WCHAR *want) {
    WCHAR *w = ck__utf8_to_utf16(in, len);
    int ok = w != NULL && ck__wcslen(w) == ck__wcslen(want) &&
             memcmp(w, want, (ck__wcslen(want) + 1) * sizeof(WCHAR)) == 0;
    free(w);
    return ok;
}

static void test_utf8_to_utf16(void) {
    const WCHAR good[] = {0x00E9, 0x20AC, 0xD83D, 0xDE00, 0};
    CHECK(decodes_to("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9, good));
    /* One U+FFFD per maximal ill-formed subpart, never swallowing the byte that broke it. */
    const WCHAR cut[] = {0xFFFD, '|', 0};
    CHECK(decodes_to("\xe2\x82|", 3, cut));
    const WCHAR tail[] = {'a', 0xFFFD, 0};
    CHECK(decodes_to("a\xf0\x9f\x98", 4, tail));
    const WCHAR two[] = {0xFFFD, 0xFFFD, 0};
    CHECK(decodes_to("\xc0\xaf", 2, two)); /* overlong '/' */
    CHECK(decodes_to("\xff\x80", 2, two)); /* never a lead byte; a lone continuation */
    const WCHAR three[] = {0xFFFD, 0xFFFD, 0xFFFD, 0};
    CHECK(decodes_to("\xed\xa0\x80", 3, three)); /* an encoded surrogate */
    CHECK(decodes_to("\xe0\x80\xaf", 3, three)); /* overlong */
    const WCHAR four[] = {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0};
    CHECK(decodes_to("\xf4\x90\x80\x80", 4, four)); /* past U+10FFFF */
    const WCHAR nul[] = {'a', 0};
    CHECK(decodes_to("a\0b", 1, nul));
    WCHAR *w = ck__utf8_to_utf16_strict("\xc3\xa9t\xc3\xa9");
    CHECK(w != NULL && w[0] == 0xE9 && w[1] == 't' && w[2] == 0xE9 && w[3] == 0);
    free(w);
    CHECK(ck__utf8_to_utf16_strict("a\xe2\x82") == NULL);
    CHECK(ck__utf8_to_utf16_strict("\xc0\xaf") == NULL);
    CHECK(ck__utf8_to_utf16_strict(NULL) == NULL);
}

static void test_utf16_to_utf8(void) {
    const WCHAR good[] = {0x00E9, 0x20AC, 0xD83D, 0xDE00, '|', 0};
    char *s = ck__utf16_to_utf8(good);
    CHECK(s != NULL && strcmp(s, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80|") == 0);
    free(s);
    const WCHAR lone[] = {'a', 0xD800, 'b', 0xDC00, 0};
    s = ck__utf16_to_utf8(lone);
    CHECK(s != NULL && strcmp(s, "a\xef\xbf\xbd"
                                 "b\xef\xbf\xbd") == 0);
    free(s);
    char buf[8];
    CHECK_EQ(ck__utf16_to_utf8_strict(lone, buf, sizeof buf), CK_ERR_IO);
    CHECK_EQ(ck__utf16_to_utf8_strict(good, buf, 5), CK_ERR_IO); /* does not fit */
    CHECK_EQ(ck__utf16_to_utf8_strict(good + 4, buf, 2), CK_OK);
    CHECK(strcmp(buf, "|") == 0);
}

static void test_names_for_logs(void) {
    /* "é€" as list bytes: cut before the character that does not fit. */
    const BYTE bytes[] = {0xE9, 0, 0xAC, 0x20, 0, 0};
    char out[8];
    ck__name_utf8(bytes, sizeof bytes, out, 4);
    CHECK(strcmp(out, "\xc3\xa9") == 0);
    ck__name_utf8(bytes, sizeof bytes, out, sizeof out);
    CHECK(strcmp(out, "\xc3\xa9\xe2\x82\xac") == 0);
    const BYTE lone[] = {'P', 0, 0x00, 0xD8, 0, 0};
    ck__name_utf8(lone, sizeof lone, out, sizeof out);
    CHECK(strcmp(out, "P\xef\xbf\xbd") == 0);
    const WCHAR port[] = {'P', 'o', 'r', 't', 0};
    ck__wname_utf8(port, out, 3);
    CHECK(strcmp(out, "Po") == 0);
}

static void test_upcase(void) {
    static const WCHAR pairs[][2] = {
        {'a', 'A'},       {'Z', 'Z'},       {'0', '0'},       {0xE9, 0xC9},     {0xFF, 0x178},
        {0xB5, 0x39C},    {0xDF, 0xDF},     {0x101, 0x100},   {0x100, 0x100},   {0x3C2, 0x3A3},
        {0x3C3, 0x3A3},   {0x44F, 0x42F},   {0x450, 0x400},   {0x1F80, 0x1F88}, {0x1FB3, 0x1FBC},
        {0x212A, 0x212A}, {0xFF41, 0xFF21}, {0xD800, 0xD800},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        if (ck__upcase(pairs[i][0]) != pairs[i][1])
            fprintf(stderr, "upcase(U+%04X) = U+%04X, want U+%04X\n", pairs[i][0],
                    ck__upcase(pairs[i][0]), pairs[i][1]);
        CHECK_EQ(ck__upcase(pairs[i][0]), pairs[i][1]);
    }
    /* The table is sorted and its ranges do not overlap (the lookup is a binary search),
     * and upper case is a fixed point. */
    for (size_t i = 0; i < ck__upcase_range_count; i++) {
        const ck_upcase_range *r = &ck__upcase_ranges[i];
        CHECK(r->first <= r->last && (r->step == 1 || r->step == 2));
        CHECK(i == 0 || ck__upcase_ranges[i - 1].last < r->first);
    }
    for (uint32_t c = 0; c < 0x10000; c++)
        CHECK_EQ(ck__upcase(ck__upcase((WCHAR)c)), ck__upcase((WCHAR)c));
}

static void test_compare(void) {
    const WCHAR a[] = {'E', 'c', 'h', 'o', 0xC9, 0}, b[] = {'e', 'C', 'H', 'O', 0xE9, 0};
    const WCHAR c[] = {'E', 'c', 'h', 'o', 0};
    CHECK_EQ(ck__wcs_icmp(a, b), 0);
    CHECK(ck__wcs_icmp(a, c) > 0 && ck__wcs_icmp(c, a) < 0);
    const WCHAR ru[] = {0x421, 0x435, 0x440, 0}, RU[] = {0x421, 0x415, 0x420, 0};
    CHECK_EQ(ck__wcs_icmp(ru, RU), 0);
    const WCHAR kelvin[] = {0x212A, 0}, k[] = {'k', 0};
    CHECK(ck__wcs_icmp(kelvin, k) != 0); /* the cluster database tells them apart too */
    const WCHAR name[] = {'P', 'o', 'r', 't', 0xE9, 0};
    const BYTE same[] = {'p', 0, 'O', 0, 'R', 0, 't', 0, 0xC9, 0, 0, 0};
    CHECK(ck__name_equals(name, same, sizeof same));
    CHECK(!ck__name_equals(name, same + 2, sizeof same - 2));
    CHECK(!ck__name_equals(name, same, 11));
    CHECK(!ck__name_equals(NULL, same, sizeof same));
}

int main(void) {
    test_utf8_to_utf16();
    test_utf16_to_utf8();
    test_names_for_logs();
    test_upcase();
    test_compare();
    return ck_test_finish("test_text");
}
