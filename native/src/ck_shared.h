/*
 * ck_shared.h - the seams between the rooms of the core (docs/native.md).
 *
 * core/ and host/ (entry points, instances, the handler-host supervisor) provide the
 * ck__instance_*, ck__host_* and logging functions; props/ (property lists, the table,
 * validation, controls) provides ck__props_read_list and the ck__*_control functions. Any
 * room may call these; otherwise includes point one way (docs/native.md).
 */
#ifndef CK_SHARED_H
#define CK_SHARED_H

#include "clusterkit.h"

typedef struct ck_instance ck_instance;

/* Request codes of docs/protocol.md. */
enum {
    CK_OP_OPEN = 0x10,
    CK_OP_CLOSE = 0x11,
    CK_OP_ONLINE = 0x12,
    CK_OP_OFFLINE = 0x13,
    CK_OP_TERMINATE = 0x14,
    CK_OP_LOOKS_ALIVE = 0x15,
    CK_OP_IS_ALIVE = 0x16,
    CK_OP_CANCEL = 0x17,
    CK_OP_VALIDATE = 0x18,
    CK_OP_CONTROL = 0x19,
    CK_OP_SET_NAME = 0x1A,
    CK_OP_PING = 0x1B,
    CK_OP_SHUTDOWN = 0x1C,
    CK_OP_PROPERTIES = 0x1D
};

/* ---- provided by the instance/supervisor side ---- */

/* What ck__host_call answers when there is no handler host to ask: it could not be
 * started, it died or was killed, or it broke the protocol. Kept apart from
 * ERROR_RESOURCE_FAILED, the status of a handler that threw, so a caller never reports an
 * unavailable host as the handler's verdict. */
#define CK_HOST_UNAVAILABLE CK_ERROR_PROCESS_ABORTED

/* Sends a request for the instance (NULL = type level, resource id 0) and waits at
 * most timeout_ms. Returns the response status (Win32 code), or
 * ERROR_RESOURCE_CALL_TIMED_OUT when the host did not answer in time, or
 * CK_HOST_UNAVAILABLE when there is no host to answer.
 * On return *reply (malloc'd, may be NULL) holds the response payload; free() it. */
DWORD ck__host_call(ck_instance *inst, uint16_t op, const BYTE *payload, DWORD size,
                    DWORD timeout_ms, BYTE **reply, DWORD *reply_size);

HKEY ck__instance_key(const ck_instance *inst);      /* the HKEY given to Open */
int ck__instance_is_online(const ck_instance *inst); /* Online or OnlinePending */
/* A malloc'd copy of the read-only values the handler published (a property list). */
DWORD ck__instance_published(ck_instance *inst, BYTE **list, DWORD *size);
void ck__instance_set_name(ck_instance *inst, const WCHAR *name);
/* Writes one line to the cluster log through LogEvent (printf-style, UTF-8). */
void ck__log(ck_instance *inst, LOG_LEVEL level, const char *fmt, ...);

/* A handler's text (a reason it gave) in one log line: "<what>: <text>". Text longer than
 * CK_REPLY_TEXT_MAX bytes is cut on a UTF-8 character boundary and marked
 * " [... cut, N more bytes]", so a reader knows there was more. */
#define CK_REPLY_TEXT_MAX 800
void ck__log_reply(ck_instance *inst, LOG_LEVEL level, const char *what, const BYTE *text,
                   DWORD size);
/* The line ck__log_reply writes, into buf (NUL-terminated); returns its length. */
size_t ck__reply_line(char *buf, size_t cap, const char *what, const char *text, size_t size);

/* ---- provided by the property side ---- */

/* Reads every property of the table from the database, applying defaults, and
 * builds a property list (read-only properties left out). free() *list. Fails with
 * ERROR_INVALID_PARAMETER (and logs the name) when a required property is missing. */
DWORD ck__props_read_list(ck_instance *inst, HKEY key, const ck_prop_desc *props, DWORD count,
                          BYTE **list, DWORD *size);
DWORD ck__resource_control(ck_instance *inst, DWORD code, const void *in, DWORD in_size, void *out,
                           DWORD out_size, DWORD *returned);
DWORD ck__type_control(DWORD code, const void *in, DWORD in_size, void *out, DWORD out_size,
                       DWORD *returned);

#endif /* CK_SHARED_H */
