/* host_util.c - helpers of host.exe (see host_util.h). TEST ONLY. */
#include <winsock2.h>
#include <ws2tcpip.h>

#include "host_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tlhelp32.h>

void say(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

char *utf8(const WCHAR *w) {
    int n = WideCharToMultiByte(CP_UTF8, 0, w ? w : L"", -1, NULL, 0, NULL, NULL);
    char *s = malloc(n > 0 ? (size_t)n : 1);
    if (s != NULL &&
        (n <= 0 || !WideCharToMultiByte(CP_UTF8, 0, w ? w : L"", -1, s, n, NULL, NULL)))
        s[0] = 0;
    return s;
}

/* ---- property lists ---- */

static void put(plist *p, const void *data, DWORD n) {
    DWORD padded = (n + 3u) & ~3u;
    if (p->size + padded > p->cap) {
        DWORD cap = (p->cap ? p->cap * 2 : 256) + padded;
        BYTE *b = realloc(p->buf, cap);
        if (b == NULL) {
            say("FAIL out of memory");
            ExitProcess(3);
        }
        p->buf = b;
        p->cap = cap;
    }
    memcpy(p->buf + p->size, data, n);
    memset(p->buf + p->size + n, 0, padded - n);
    p->size += padded;
}

static void put_entry(plist *p, DWORD syntax, const void *data, DWORD cb) {
    DWORD head[2] = {syntax, cb};
    put(p, head, sizeof head);
    put(p, data, cb);
}

void pl_begin(plist *p) {
    DWORD count = 0;
    memset(p, 0, sizeof *p);
    put(p, &count, 4);
}

static void add_value(plist *p, const WCHAR *name, DWORD syntax, const void *data, DWORD cb) {
    DWORD end = 0;
    put_entry(p, 0x00040003u, name, (DWORD)((wcslen(name) + 1) * sizeof(WCHAR)));
    put_entry(p, syntax, data, cb);
    put(p, &end, 4);
    ((DWORD *)p->buf)[0]++;
}

void pl_dword(plist *p, const WCHAR *name, DWORD value) {
    add_value(p, name, 0x00010002u, &value, 4);
}

void pl_sz(plist *p, const WCHAR *name, const WCHAR *value) {
    add_value(p, name, 0x00010003u, value, (DWORD)((wcslen(value) + 1) * sizeof(WCHAR)));
}

void pl_free(plist *p) {
    free(p->buf);
    memset(p, 0, sizeof *p);
}

/* Finds the first value entry of the named property; returns its syntax, or 0. */
static DWORD find_value(const BYTE *list, DWORD size, const WCHAR *name, const BYTE **data,
                        DWORD *cb) {
    DWORD off = 4, count, seen = 0;
    if (list == NULL || size < 4)
        return 0;
    memcpy(&count, list, 4);
    while (seen < count && off + 8 <= size) {
        DWORD syntax, len;
        memcpy(&syntax, list + off, 4);
        memcpy(&len, list + off + 4, 4);
        if (syntax != 0x00040003u || off + 8 + len > size)
            return 0;
        int match =
            len == (wcslen(name) + 1) * sizeof(WCHAR) && memcmp(list + off + 8, name, len) == 0;
        off += 8 + ((len + 3u) & ~3u);
        if (off + 8 > size)
            return 0;
        memcpy(&syntax, list + off, 4);
        memcpy(&len, list + off + 4, 4);
        if (match && off + 8 + len <= size) {
            *data = list + off + 8;
            *cb = len;
            return syntax;
        }
        /* Skip every value up to and including the ENDMARK. */
        while (off + 4 <= size) {
            memcpy(&syntax, list + off, 4);
            if (syntax == 0) {
                off += 4;
                break;
            }
            memcpy(&len, list + off + 4, 4);
            off += 8 + ((len + 3u) & ~3u);
        }
        seen++;
    }
    return 0;
}

int pl_find_dword(const BYTE *list, DWORD size, const WCHAR *name, DWORD *out) {
    const BYTE *data;
    DWORD cb;
    DWORD syntax = find_value(list, size, name, &data, &cb);
    if ((syntax & 0xFFFFu) != 2u || cb != 4)
        return 0;
    memcpy(out, data, 4);
    return 1;
}

int pl_find_sz(const BYTE *list, DWORD size, const WCHAR *name, WCHAR *out, size_t cch) {
    const BYTE *data;
    DWORD cb;
    DWORD syntax = find_value(list, size, name, &data, &cb);
    if ((syntax & 0xFFFFu) != 3u || cb < 2 || cb / 2 > cch)
        return 0;
    memcpy(out, data, cb);
    out[cb / 2 - 1] = 0;
    return 1;
}

/* ---- processes ---- */

DWORD find_child(DWORD parent, const WCHAR *exe, DWORD except) {
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    DWORD pid = 0;
    if (snap == INVALID_HANDLE_VALUE)
        return 0;
    PROCESSENTRY32W pe;
    pe.dwSize = sizeof pe;
    for (BOOL ok = Process32FirstW(snap, &pe); ok && pid == 0; ok = Process32NextW(snap, &pe))
        if (pe.th32ParentProcessID == parent && pe.th32ProcessID != except &&
            _wcsicmp(pe.szExeFile, exe) == 0)
            pid = pe.th32ProcessID;
    CloseHandle(snap);
    return pid;
}

int wait_gone(DWORD pid, DWORD ms) {
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, pid);
    if (h == NULL)
        return 1;
    DWORD w = WaitForSingleObject(h, ms);
    CloseHandle(h);
    return w == WAIT_OBJECT_0;
}

/* ---- TCP ---- */

static SOCKET connect_local(int port) {
    static int started;
    if (!started) {
        WSADATA wsa;
        if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0)
            return INVALID_SOCKET;
        started = 1;
    }
    SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        return s;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((u_short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    DWORD timeout = 10000;
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout);
    if (connect(s, (struct sockaddr *)&addr, sizeof addr) != 0) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

int tcp_echo(int port, const char *msg) {
    SOCKET s = connect_local(port);
    if (s == INVALID_SOCKET)
        return 0;
    int len = (int)strlen(msg), got = 0;
    char reply[256];
    if (len >= (int)sizeof reply || send(s, msg, len, 0) != len) {
        closesocket(s);
        return 0;
    }
    while (got < len) {
        int n = recv(s, reply + got, len - got, 0);
        if (n <= 0)
            break;
        got += n;
    }
    closesocket(s);
    return got == len && memcmp(reply, msg, (size_t)len) == 0;
}

int tcp_refused(int port) {
    SOCKET s = connect_local(port);
    if (s == INVALID_SOCKET)
        return 1;
    closesocket(s);
    return 0;
}
