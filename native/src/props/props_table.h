/*
 * props_table.h - the type's property table (ck_type.props / ck_type.type_props) applied
 * to values: lookup, formats, limits, stored values as list entries, and the complete set
 * of a resource. Used by validate.c, control.c and the entry points (ck_shared.h).
 */
#ifndef CK_PROPS_TABLE_H
#define CK_PROPS_TABLE_H

#include "ck_shared.h"
#include "props/clusprop.h"

/* The table entry named by `name` (list bytes), case-insensitively (text.h), or NULL. */
const ck_prop_desc *ck__props_find(const ck_prop_desc *props, DWORD count, const BYTE *name,
                                   DWORD size);
/* REG_* type a property of this format is stored as (REG_NONE for none). */
DWORD ck__prop_reg_type(DWORD format);
/* 1 if a value of `syntax` may be given for p (an SZ is accepted for an EXPAND_SZ). */
int ck__prop_format_ok(const ck_prop_desc *p, DWORD syntax);
/* 1 if a numeric value lies within p's limits (its min/max, else its format's range); else
 * 0 with a sentence naming the value and the range in msg. */
int ck__prop_in_range(const ck_prop_desc *p, const ck_clusprop_value *v, char *msg, size_t cap);
/* Appends a property with a stored-layout value (normalised; an EXPAND_SZ gets its
 * EXPANDED_SZ companion). ERROR_INVALID_DATA if the data cannot be this format. */
DWORD ck__props_add_stored(ck_clusprop_writer *w, const ck_prop_desc *p, const BYTE *data,
                           DWORD cb);

/* Flags of ck__props_build. */
#define CK_BUILD_REQUIRED 0x1u  /* fail when a required property has no value and no default */
#define CK_BUILD_READ_ONLY 0x2u /* build the read-only properties, not the read/write ones */
#define CK_BUILD_NO_DB 0x4u     /* values come from `overrides` and defaults only */

/*
 * Builds one entry per table property (read/write ones, or read-only ones with
 * CK_BUILD_READ_ONLY): the value from `overrides` (a checked property list, may be
 * NULL) if it names the property, else the stored value, else the default, else
 * nothing (or ERROR_INVALID_PARAMETER with CK_BUILD_REQUIRED for a required one).
 */
DWORD ck__props_build(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                      const void *overrides, DWORD overrides_size, DWORD flags,
                      ck_clusprop_writer *w);

#endif /* CK_PROPS_TABLE_H */
