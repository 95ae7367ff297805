/*
 * agent.h - internals of the OCF resource agent (docs/ocf.md). One agent process serves
 * one Pacemaker action and talks to the resource's persistent handler host over a UNIX
 * socket with the frames of docs/protocol.md.
 */
#ifndef CK_OCF_AGENT_H
#define CK_OCF_AGENT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ck_ocf.h"
#include "ck_shared.h"
#include "platform/platform.h" /* ck__now_ms: the core's monotonic clock */
#include "props/clusprop.h"

/* OCF exit codes (resource agent API). */
enum {
    OCF_SUCCESS = 0,
    OCF_ERR_GENERIC = 1,
    OCF_ERR_ARGS = 2,
    OCF_ERR_UNIMPLEMENTED = 3,
    OCF_ERR_PERM = 4,
    OCF_ERR_INSTALLED = 5,
    OCF_ERR_CONFIGURED = 6,
    OCF_NOT_RUNNING = 7
};

/* The resource id the agent uses: one host serves exactly one resource. */
#define CK_OCF_RESOURCE_ID 1u

/* ---- agent_env.c: what Pacemaker passed ---- */
typedef struct ck_ocf_env {
    const char *instance; /* OCF_RESOURCE_INSTANCE */
    const char *node;     /* OCF_RESKEY_CRM_meta_on_node, or NULL */
    uint32_t timeout_ms;  /* OCF_RESKEY_CRM_meta_timeout (20 s when absent) */
    int probe;            /* OCF_RESKEY_CRM_meta_interval is 0 */
    int check_level;      /* OCF_CHECK_LEVEL (0 when absent) */
    uint64_t started_ms;  /* when the agent started (monotonic) */
} ck_ocf_env;

int ck__ocf_read_env(ck_ocf_env *env);
/* Sleeps (only where no event exists to wait on: see the callers). */
void ck__ocf_sleep_us(unsigned us);
/* The deadline of the action's own work: the timeout minus `reserve_ms` for clean-up. */
uint64_t ck__ocf_deadline(const ck_ocf_env *env, uint32_t reserve_ms);

/* ---- agent_values.c: the text form of a parameter (docs/ocf.md) ---- */
/* Parses `text` of `kind` into the stored layout (REG_* bytes; malloc'd). Returns 0, or -1
 * with a one-line reason in `why`. */
int ck__ocf_parse_value(ck_ocf_kind kind, const char *text, uint8_t **data, DWORD *size, char *why,
                        size_t why_cap);

/* ---- agent_params.c: OCF_RESKEY_* to property lists ---- */
/* Builds the property list to send ONLINE/VALIDATE: the given parameters checked by the
 * property table's rules, defaults applied, required ones present. Returns 0, or an OCF
 * code (6) with the reason reported. free() *list. */
int ck__ocf_build_props(uint8_t **list, DWORD *size);

/* ---- agent_report.c ---- */
/* The exit reason Pacemaker shows (OCF_EXIT_REASON_PREFIX + one line on stderr). Only the
 * first reason of an action is printed. */
void ck__ocf_reason(const char *fmt, ...);
/* A log line on stderr (Pacemaker keeps an agent's stderr in its log). */
void ck__ocf_log(const char *level, const char *fmt, ...);
/* Installs the library's LogEvent so that its property checks report through here. */
void ck__ocf_capture_library_log(void);

/* ---- agent_conn.c: one connection to the host ---- */
typedef struct ck_ocf_conn {
    int fd;
    uint32_t next_id;
    uint8_t *buf;
    size_t len, cap;
    char failed[512]; /* the latest FAILED reason the host sent, or "" */
} ck_ocf_conn;

typedef struct ck_ocf_reply {
    uint32_t status; /* Win32 */
    uint8_t *payload;
    uint32_t size;
} ck_ocf_reply;

enum { CK_OCF_CONN_OK = 0, CK_OCF_CONN_NO_HOST = -1, CK_OCF_CONN_REFUSED = -2 };
/* Connects and checks the peer (root, the same uid) and its HELLO (protocol, schema). */
int ck__ocf_connect(ck_ocf_conn *c, const char *path, uint64_t deadline);
/* One request; events met on the way are logged (FAILED is kept in c->failed).
 * 0 with *r filled (free r->payload), -1 when the deadline passed, -2 when the host went away. */
int ck__ocf_call(ck_ocf_conn *c, uint16_t op, const uint8_t *payload, uint32_t size,
                 uint64_t deadline, ck_ocf_reply *r);
void ck__ocf_close(ck_ocf_conn *c);

/* ---- agent_host.c: the host process and its files ---- */
typedef struct ck_ocf_paths {
    char dir[160];
    char socket[200];
    char pid[200];
    char online[200];
    char log[200];
} ck_ocf_paths;

/* The run folder (created 0700, root-only) and this resource's files in it. */
int ck__ocf_paths(const char *instance, const char *suffix, ck_ocf_paths *p);
/* Starts a host detached in its own session; 0 with *pid, or -1 with the reason reported. */
int ck__ocf_spawn_host(const ck_ocf_paths *p, const ck_ocf_env *env, pid_t *pid);
/* The host pid recorded for these paths (0 if none). */
pid_t ck__ocf_recorded_host(const ck_ocf_paths *p);
/* The recorded host pid as a session to kill: 0 unless a live process of that session
 * carries the resource's mark (a stale record's pid may since name someone else's session). */
pid_t ck__ocf_recorded_session(const ck_ocf_paths *p);
void ck__ocf_record_host(const ck_ocf_paths *p, pid_t pid);
/* True while `pid` is a live (non-zombie) process. */
int ck__ocf_alive(pid_t pid);
/*
 * The environment variable every process of a resource carries (the host sets it on what it
 * spawns too, src/bundle/runtime/managed.ts): value = the resource's socket path. With the
 * host's session it finds what the resource started even after setsid or a double fork.
 */
#define CK_OCF_MARK "CLUSTERKIT_OCF_RESOURCE"
/* SIGKILLs every live process of the resource (session `sid` or marked with its socket) and
 * waits (until the deadline) until none is left; returns how many are still alive. The last
 * wave is always counted again after a short bounded wait (past the deadline if need be), so
 * processes that were killed but had not ended yet are not taken for survivors. */
int ck__ocf_kill_resource(const ck_ocf_paths *p, pid_t sid, uint64_t deadline);
/* Flag files: 0/1. */
int ck__ocf_flag(const char *path);
void ck__ocf_set_flag(const char *path, int on);

/* ---- agent_actions.c ---- */
/* What an action keeps back from its timeout to end a call that ran out of time. */
uint32_t ck__ocf_reserve_ms(const ck_ocf_env *env);
/* What start, validate-all and reload-agent begin with: the property list from the
 * parameters (free() *list), the run paths and the deadline that leaves the reserve. Returns
 * 0, or the OCF code with the reason reported (nothing to free then). */
int ck__ocf_prepare(const ck_ocf_env *env, uint8_t **list, DWORD *size, ck_ocf_paths *p,
                    uint64_t *deadline);
/* One call; 0 when it succeeded. Otherwise the reason is reported and an OCF code returned
 * (free r->payload either way when the host answered). */
int ck__ocf_request(ck_ocf_conn *c, uint16_t op, const char *what, const uint8_t *payload,
                    DWORD size, uint64_t deadline, ck_ocf_reply *r);
/* OPEN with the resource's name (repeating it keeps the host's instance as it is). */
int ck__ocf_open_instance(ck_ocf_conn *c, const ck_ocf_env *env, uint64_t deadline);
int ck__ocf_start(const ck_ocf_env *env);
int ck__ocf_stop(const ck_ocf_env *env);
int ck__ocf_monitor(const ck_ocf_env *env);
int ck__ocf_validate(const ck_ocf_env *env);
/* ---- agent_reload.c ---- */
int ck__ocf_reload(const ck_ocf_env *env);
/* The OCF code for a failed call's Win32 status. */
int ck__ocf_code_of(uint32_t win32);

#endif /* CK_OCF_AGENT_H */
