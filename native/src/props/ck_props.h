/*
 * ck_props.h - internals shared by the property side (db.c, validate.c,
 * control.c). The seams to the rest of the core are in ck_shared.h.
 */
#ifndef CK_PROPS_H
#define CK_PROPS_H

#include "ck_shared.h"
#include "props/clusprop.h"
#include "text.h"

/* Flags of ck__props_build. */
#define CK_BUILD_REQUIRED 0x1u /* fail when a required property has no value and no default */
#define CK_BUILD_READ_ONLY                                                                         \
    0x2u                    /* build the read-only properties instead of the read/write ones       \
                             */
#define CK_BUILD_NO_DB 0x4u /* values come from `overrides` and defaults only */

/* ---- db.c ---- */

/* Queries a value into a malloc'd buffer (free() *data). ERROR_FILE_NOT_FOUND if absent. */
DWORD ck__db_query_alloc(HKEY key, const WCHAR *name, DWORD *type, BYTE **data, DWORD *cb);
/* The database key holding the type's private properties, or NULL. */
HKEY ck__db_type_key(void);
/* Expands %VAR% references of a UTF-16 string (with its NUL) from the environment
 * into a malloc'd UTF-16 string with its NUL. Undefined variables stay as written. */
DWORD ck__expand_env(const BYTE *in, DWORD cb, BYTE **out, DWORD *out_cb);
/*
 * Builds one entry per table property (read/write ones, or read-only ones with
 * CK_BUILD_READ_ONLY): the value from `overrides` (a checked property list, may be
 * NULL) if it names the property, else the stored value, else the default, else
 * nothing (or ERROR_INVALID_PARAMETER with CK_BUILD_REQUIRED for a required one).
 */
DWORD ck__props_build(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                      const void *overrides, DWORD overrides_size, DWORD flags,
                      ck_clusprop_writer *w);

/* ---- validate.c ---- */

/* REG_* type a property of this format is stored as (REG_NONE for none). */
DWORD ck__prop_reg_type(DWORD format);
/* 1 if a value of `syntax` may be given for p (an SZ is accepted for an EXPAND_SZ). */
int ck__prop_format_ok(const ck_prop_desc *p, DWORD syntax);
/* The table entry named by `name` (list bytes), case-insensitively, or NULL. */
const ck_prop_desc *ck__props_find(const ck_prop_desc *props, DWORD count, const BYTE *name,
                                   DWORD size);
/* Appends a property with a stored-layout value (normalised; an EXPAND_SZ gets its
 * EXPANDED_SZ companion). ERROR_INVALID_DATA if the data cannot be this format. */
DWORD ck__props_add_stored(ck_clusprop_writer *w, const ck_prop_desc *p, const BYTE *data,
                           DWORD cb);
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
/* Writes every property of a checked input list with ck__db_set. */
DWORD ck__props_write(HKEY key, const ck_prop_desc *props, DWORD count, const void *in,
                      DWORD in_size);

#endif /* CK_PROPS_H */
