/*
 * win32_text.h - text helpers of the Windows platform layer: the environment in UTF-8,
 * and command lines / environment blocks for CreateProcessW (UTF-8 <-> UTF-16 itself is
 * text.h's). Internal to win32*.c.
 */
#ifndef CK_WIN32_TEXT_H
#define CK_WIN32_TEXT_H

#include <stddef.h>
#include <windows.h>

/* The longest path Win32 accepts (\\?\ form), in WCHARs. */
#define CK__WPATH_MAX 32768u

/* The variable's value in UTF-8, or NULL. The string stays valid for the life of the
 * process (values are cached; a changed value gets a new copy). */
const char *ck__env_utf8(const char *name);
/* argv quoted so that CommandLineToArgvW and the MSVC CRT give argv back. malloc'd. */
WCHAR *ck__command_line(char *const argv[]);
/* A CREATE_UNICODE_ENVIRONMENT block from NAME=value strings. malloc'd. */
WCHAR *ck__environment_block(char *const envp[]);

#endif /* CK_WIN32_TEXT_H */
