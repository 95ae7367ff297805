/*
 * validate.h - SET and VALIDATE of private properties: the table checks, the handler's
 * VALIDATE, and writing the checked values. Used by control.c.
 */
#ifndef CK_VALIDATE_H
#define CK_VALIDATE_H

#include "props/props_table.h"

/*
 * Checks a SET/VALIDATE input list against the table (format, range, read-only,
 * duplicates, unknown names, empty required values) and logs one line naming the
 * property on failure. ERROR_INVALID_DATA for a malformed list, else
 * ERROR_INVALID_PARAMETER.
 */
DWORD ck__props_check_input(ck_instance *inst, const ck_prop_desc *props, DWORD count,
                            const void *in, DWORD in_size);
/* Full validation: the table checks, then (when ask_host) the handler's VALIDATE
 * with the merged complete list, which is handed back in *merged (may be NULL). */
DWORD ck__props_validate(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                         const void *in, DWORD in_size, int ask_host, BYTE **merged,
                         DWORD *merged_size);
/* Writes every property of a checked input list with ck__db_set, whole or not at all: when
 * the database refuses a value, the values written before it are put back (or deleted when
 * they did not exist) and the refusal is returned; the log names the property and the cause. */
DWORD ck__props_write(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                      const void *in, DWORD in_size);

#endif /* CK_VALIDATE_H */
