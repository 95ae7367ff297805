/*
 * host_util.h - helpers of host.exe, the test host that plays RHS under Wine:
 * output, property lists, process snapshots and a TCP echo client. TEST ONLY.
 */
#ifndef CK_HOST_UTIL_H
#define CK_HOST_UTIL_H

#include <stddef.h>
#include <windows.h>

/* printf + flush: the test reads our stdout line by line while we run. */
void say(const char *fmt, ...);
/* A malloc'd UTF-8 copy (for printing). */
char *utf8(const WCHAR *w);

/* ---- property lists (docs/resource-api.md, "Property lists") ---- */
typedef struct plist {
    BYTE *buf;
    DWORD size, cap;
} plist;
void pl_begin(plist *p);
void pl_dword(plist *p, const WCHAR *name, DWORD value);
void pl_sz(plist *p, const WCHAR *name, const WCHAR *value);
void pl_free(plist *p);
/* 1 when the list has the property with a DWORD (or SZ) value; *out gets it. */
int pl_find_dword(const BYTE *list, DWORD size, const WCHAR *name, DWORD *out);
int pl_find_sz(const BYTE *list, DWORD size, const WCHAR *name, WCHAR *out, size_t cch);

/* ---- processes ---- */
/* The first process whose parent is `parent`, whose image name is `exe` and whose id
 * is not `except` (0: no exception), or 0. */
DWORD find_child(DWORD parent, const WCHAR *exe, DWORD except);
/* 1 when the process exits (or no longer exists) within ms. */
int wait_gone(DWORD pid, DWORD ms);

/* ---- TCP ---- */
/* Connects to 127.0.0.1:port, sends msg, reads back strlen(msg) bytes: 1 if equal. */
int tcp_echo(int port, const char *msg);
/* 1 when a connection to 127.0.0.1:port is refused (nobody listens). */
int tcp_refused(int port);

#endif
