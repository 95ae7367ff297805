/* test_log.c - cluster-log text: UTF-8 to UTF-16 (surrogate pairs, invalid bytes become
 * U+FFFD), back again, the case-insensitive type-name comparison, and the LogEvent call
 * shape (FormatMessage "%1!s!\n" with the text as its one argument). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "support.h"

static size_t units(const WCHAR *s) {
    size_t n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

static const WCHAR *seen_fmt;
static WCHAR seen_text[64];

static void WINAPI capture(RESOURCE_HANDLE h, LOG_LEVEL level, LPCWSTR fmt, ...) {
    (void)h, (void)level;
    va_list ap;
    va_start(ap, fmt);
    const WCHAR *text = va_arg(ap, const WCHAR *);
    va_end(ap);
    seen_fmt = fmt;
    size_t n = units(text) < 63 ? units(text) : 63;
    memcpy(seen_text, text, n * sizeof(WCHAR));
    seen_text[n] = 0;
}

int main(void) {
    /* "é€😀" then an invalid byte, an overlong '/', a lone continuation byte. */
    const char in[] = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80|\xff|\xc0\xaf|\x80";
    WCHAR *w = ck__utf8_to_utf16(in, strlen(in));
    CHECK(w != NULL);
    const WCHAR want[] = {0x00E9, 0x20AC, 0xD83D, 0xDE00, '|',    0xFFFD,
                          '|',    0xFFFD, 0xFFFD, '|',    0xFFFD, 0};
    CHECK_EQ(units(w), units(want));
    CHECK(memcmp(w, want, sizeof want) == 0);
    char *back = ck__utf16_to_utf8(want);
    CHECK(back != NULL && strncmp(back, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80|", 10) == 0);
    free(back);
    free(w);
    const WCHAR lone[] = {'a', 0xD800, 'b', 0};
    back = ck__utf16_to_utf8(lone);
    CHECK(back != NULL && strcmp(back, "a\xef\xbf\xbd"
                                       "b") == 0);
    free(back);

    const WCHAR a[] = {'E', 'c', 'h', 'o', 0xC9, 0}, b[] = {'e', 'C', 'H', 'O', 0xE9, 0};
    const WCHAR c[] = {'E', 'c', 'h', 'o', 0};
    CHECK_EQ(ck__wcs_icmp(a, b), 0);
    CHECK(ck__wcs_icmp(a, c) != 0);
    CHECK(ck__wcs_icmp(c, a) != 0);

    ck__log_via(capture, NULL, LOG_WARNING, "port 7000 \xe2\x82\xac", 13);
    const WCHAR fmt[] = {'%', '1', '!', 's', '!', '\n', 0};
    CHECK(seen_fmt != NULL && memcmp(seen_fmt, fmt, sizeof fmt) == 0);
    const WCHAR text[] = {'p', 'o', 'r', 't', ' ', '7', '0', '0', '0', ' ', 0x20AC, 0};
    CHECK(memcmp(seen_text, text, sizeof text) == 0);
    return ck_test_finish("test_log");
}
