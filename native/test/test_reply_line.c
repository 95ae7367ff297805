/* test_reply_line.c - a handler's text in a log line: whole when short; cut on a UTF-8
 * character boundary with a marker saying how much was left out when long. */
#include <string.h>

#include "core/core.h"
#include "support.h"

int main(void) {
    char buf[1100];
    size_t n = ck__reply_line(buf, sizeof buf, "Online failed (status 5038)", "disk full", 9);
    CHECK(n == strlen(buf));
    CHECK(strcmp(buf, "Online failed (status 5038): disk full") == 0);

    /* A NUL ends the text; no text at all leaves just the lead-in. */
    ck__reply_line(buf, sizeof buf, "x", "abc\0def", 7);
    CHECK(strcmp(buf, "x: abc") == 0);
    ck__reply_line(buf, sizeof buf, "x", NULL, 0);
    CHECK(strcmp(buf, "x: ") == 0);

    /* 1000 bytes: 2-byte characters, so the cut at 800 falls inside none. */
    char text[1000];
    for (size_t i = 0; i < sizeof text; i += 2) {
        text[i] = (char)0xC3;
        text[i + 1] = (char)0xA9; /* U+00E9 */
    }
    n = ck__reply_line(buf, sizeof buf, "w", text, sizeof text);
    const char *marker = " [... cut, 200 more bytes]";
    CHECK(n == 3 + CK_REPLY_TEXT_MAX + strlen(marker));
    CHECK(strcmp(buf + 3 + CK_REPLY_TEXT_MAX, marker) == 0);

    /* Shifted by one byte, byte 800 continues a character: the cut backs up to its start. */
    text[0] = 'a';
    for (size_t i = 1; i + 1 < sizeof text; i += 2) {
        text[i] = (char)0xC3;
        text[i + 1] = (char)0xA9;
    }
    text[sizeof text - 1] = 'b';
    n = ck__reply_line(buf, sizeof buf, "w", text, sizeof text);
    CHECK(n == 3 + (CK_REPLY_TEXT_MAX - 1) + strlen(" [... cut, 201 more bytes]"));
    CHECK((unsigned char)buf[3 + CK_REPLY_TEXT_MAX - 2] == 0xA9);
    CHECK(strcmp(buf + 3 + CK_REPLY_TEXT_MAX - 1, " [... cut, 201 more bytes]") == 0);

    /* A buffer too small for the line still ends with a NUL. */
    char small[8];
    n = ck__reply_line(small, sizeof small, "Online failed", "x", 1);
    CHECK(n == 7 && small[7] == '\0');
    return ck_test_finish("test_reply_line");
}
