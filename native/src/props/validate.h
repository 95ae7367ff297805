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
/* The same, keeping what each value was, so a step after the write can take it back
 * (ck__props_undo) or keep it (ck__props_undo_free). *undo is set only on success. */
typedef struct ck_props_undo ck_props_undo;
DWORD ck__props_write_undoable(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                               const void *in, DWORD in_size, ck_props_undo **undo);
/* Puts the values back as they were and frees; returns how many could not be (each logged). */
DWORD ck__props_undo(ck_instance *inst, HKEY key, ck_props_undo *undo);
void ck__props_undo_free(ck_props_undo *undo);

#endif /* CK_VALIDATE_H */
