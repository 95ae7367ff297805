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

/* ---- secrets.c ---- */
/* 1 if an SZ value (with its NUL) is one of p's choices, or p has none. */
int ck__prop_choice_ok(const ck_prop_desc *p, const BYTE *data, DWORD size);
/* "a, b, c": p's choices, for messages. */
void ck__prop_choice_list(const ck_prop_desc *p, char *out, size_t cap);
/* How a secret's SZ value is stored: protected (REG_BINARY) where the platform can, else the
 * SZ itself (REG_SZ). free() *stored. A failed protection is logged (never the value). */
DWORD ck__secret_seal(ck_instance *inst, const ck_prop_desc *p, const BYTE *sz, DWORD size,
                      DWORD *type, BYTE **stored, DWORD *stored_size);
/* The SZ of a stored secret (REG_BINARY recovered, REG_SZ as it is). free() *sz. */
DWORD ck__secret_open(ck_instance *inst, const ck_prop_desc *p, DWORD type, const BYTE *data,
                      DWORD size, BYTE **sz, DWORD *sz_size);

/* Flags of ck__props_build. */
#define CK_BUILD_REQUIRED 0x1u   /* fail when a required property has no value and no default */
#define CK_BUILD_READ_ONLY 0x2u  /* build the read-only properties, not the read/write ones */
#define CK_BUILD_NO_DB 0x4u      /* values come from `overrides` and defaults only */
#define CK_BUILD_NO_SECRETS 0x8u /* leave secrets out (GET_PRIVATE_PROPERTIES) */

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
