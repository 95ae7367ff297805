/*
 * text.h - the core's one place for text: UTF-8 (the protocol's and the handler's text)
 * to and from UTF-16 (the Resource API's), names for log lines, and the one case-insensitive
 * comparison of names. No other file decodes or encodes UTF-8 or folds case.
 */
#ifndef CK_TEXT_H
#define CK_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "ck_resapi.h"

/* ---- UTF-8 -> UTF-16 ---- */

/* A malloc'd NUL-terminated UTF-16 copy of len bytes of UTF-8 (a NUL byte is kept as a
 * character). Ill-formed bytes become U+FFFD, one per maximal ill-formed subpart: the
 * rule of the WHATWG Encoding standard, so TextDecoder on the host side gives the same
 * characters. NULL only when out of memory. */
WCHAR *ck__utf8_to_utf16(const char *s, size_t len);
/* 1 when len bytes at s are well-formed UTF-8 (what TextDecoder with fatal accepts). */
int ck__utf8_valid(const char *s, size_t len);
/* Like ck__utf8_to_utf16 for a NUL-terminated string, but NULL for ill-formed UTF-8 too:
 * for paths, command lines and variable names, which must never change silently. */
WCHAR *ck__utf8_to_utf16_strict(const char *s);

/* ---- UTF-16 -> UTF-8 ---- */

/* A malloc'd UTF-8 copy of a NUL-terminated UTF-16 string; a lone surrogate becomes
 * U+FFFD (as TextEncoder does). NULL when out of memory. */
char *ck__utf16_to_utf8(const WCHAR *s);
/* Into buf (cap bytes with the NUL): CK_OK, CK_ERR_INVALID_ARG, or CK_ERR_IO for a lone
 * surrogate or a string that does not fit. For paths, which must not change silently. */
int ck__utf16_to_utf8_strict(const WCHAR *s, char *buf, size_t cap);
/* A name for a log line, into out (always NUL-terminated, cut at a character boundary to
 * fit, lone surrogates as U+FFFD): from a property list (UTF-16LE bytes, possibly
 * unaligned, up to the first NUL or `size` bytes) or from a table (WCHARs). */
void ck__name_utf8(const BYTE *bytes, DWORD size, char *out, size_t cap);
void ck__wname_utf8(const WCHAR *name, char *out, size_t cap);

/* ---- names ---- */

/* Units before the NUL (at most 2^30). */
DWORD ck__wcslen(const WCHAR *s);
/*
 * The one case fold, for names the cluster compares case-insensitively (resource type
 * names, private property names). The cluster database is a registry hive, which compares
 * names ordinally after mapping each UTF-16 unit to upper case (RtlUpcaseUnicodeChar).
 * So this is that mapping - simple uppercase over the whole BMP - not a lowercase fold
 * (which would call the Kelvin sign and 'k' equal where the cluster does not), and not
 * ASCII only ("Café" and "CAFÉ" would differ) nor Latin-1 only ("Сервер" and "СЕРВЕР"
 * would differ) where the cluster calls them equal. The table is text_upcase.c.
 */
WCHAR ck__upcase(WCHAR c);
/* Ordinal comparison after ck__upcase: <0, 0, >0. */
int ck__wcs_icmp(const WCHAR *a, const WCHAR *b);
/* 1 when a table name (WCHARs) and a list name (UTF-16LE bytes with their NUL, `size`
 * bytes, possibly unaligned) are equal after ck__upcase. */
int ck__name_equals(const WCHAR *name, const BYTE *bytes, DWORD size);

/* The generated table of ck__upcase: every step-th unit from first to last maps to
 * itself + delta. Sorted, not overlapping. */
typedef struct ck_upcase_range {
    uint16_t first, last;
    uint8_t step;
    int32_t delta;
} ck_upcase_range;
extern const ck_upcase_range ck__upcase_ranges[];
extern const size_t ck__upcase_range_count;

#endif /* CK_TEXT_H */
