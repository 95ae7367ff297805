/* test_log.c - the LogEvent call shape: FormatMessage "%1!s!\n" with the UTF-8 text,
 * converted to UTF-16 (text.c, tested in test_text.c), as its one argument. */
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
    ck__log_via(capture, NULL, LOG_WARNING, "port 7000 \xe2\x82\xac", 13);
    const WCHAR fmt[] = {'%', '1', '!', 's', '!', '\n', 0};
    CHECK(seen_fmt != NULL && memcmp(seen_fmt, fmt, sizeof fmt) == 0);
    const WCHAR text[] = {'p', 'o', 'r', 't', ' ', '7', '0', '0', '0', ' ', 0x20AC, 0};
    CHECK(memcmp(seen_text, text, sizeof text) == 0);
    return ck_test_finish("test_log");
}
