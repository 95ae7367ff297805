/*
 * ck_ocf.h - what a generated <TypeId>_ocf.c gives the OCF resource agent (docs/ocf.md):
 * the meta-data XML, the OCF parameter behind each property of the type table, and where
 * the handler bundle and node are. The property table itself is the DLL's (clusterkit.h).
 */
#ifndef CK_OCF_H
#define CK_OCF_H

#include "clusterkit.h"

/* The kinds whose OCF text forms differ (a bool is a DWORD in the property table). */
typedef enum ck_ocf_kind {
    CK_OCF_DWORD,
    CK_OCF_LONG,
    CK_OCF_BOOL,
    CK_OCF_SZ,
    CK_OCF_EXPAND_SZ,
    CK_OCF_MULTI_SZ,
    CK_OCF_BINARY,
    CK_OCF_ULARGE,
    CK_OCF_LARGE,
    CK_OCF_CHOICE, /* text; the property table checks it is one of the choices */
    CK_OCF_SECRET  /* text; Pacemaker may hand it from its CIB secrets (cibsecret) */
} ck_ocf_kind;

typedef struct ck_ocf_param {
    const char *name; /* the OCF parameter name; NULL for a read-only property */
    ck_ocf_kind kind;
} ck_ocf_param;

typedef struct ck_ocf_desc {
    const char *agent_name;     /* the type id: the agent's file name */
    const char *metadata;       /* the meta-data XML */
    const ck_ocf_param *params; /* one per entry of ck_type.props */
    const char *bundle_file;    /* the handler bundle, relative to the agent's own folder */
    const char *node_path;      /* node of the build machine; "" = search PATH */
    int reloadable;             /* some property applies while online: reload-agent exists */
} ck_ocf_desc;

/* Defined by the generated <TypeId>_ocf.c. */
extern const ck_ocf_desc ck_ocf;

#endif /* CK_OCF_H */
