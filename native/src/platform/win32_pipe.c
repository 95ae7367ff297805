/*
 * win32_pipe.c - pipe I/O with deadlines on Windows (see platform.h). Anonymous pipes
 * (CreatePipe) have no overlapped mode, so a blocking ReadFile/WriteFile is given a
 * watchdog: a timer-queue timer that calls CancelSynchronousIo on the waiting thread at
 * the deadline. A read that can be served at once never arms it.
 */
#include "platform/platform.h"

#include "errors.h"

typedef struct io_watch {
    HANDLE thread;       /* the waiting thread, for CancelSynchronousIo */
    HANDLE timer;        /* NULL: no deadline armed */
    volatile LONG fired; /* the deadline passed */
    volatile LONG done;  /* the caller finished its I/O */
} io_watch;

/* At the deadline: cancel the blocked call. Repeats until the caller is done, because it
 * may be between two WriteFile calls when the timer fires. */
static VOID CALLBACK io_deadline(PVOID p, BOOLEAN timer_fired) {
    io_watch *w = p;
    (void)timer_fired;
    InterlockedExchange(&w->fired, 1);
    while (InterlockedCompareExchange(&w->done, 0, 0) == 0) {
        CancelSynchronousIo(w->thread);
        Sleep(1);
    }
}

/* 1 when armed; 0 when no watchdog could be set up (the caller must not block then). */
static int watch_arm(io_watch *w, uint32_t timeout_ms) {
    w->thread = NULL;
    w->timer = NULL;
    w->fired = 0;
    w->done = 0;
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentThread(), GetCurrentProcess(), &w->thread,
                         0, FALSE, DUPLICATE_SAME_ACCESS))
        return 0;
    if (!CreateTimerQueueTimer(&w->timer, NULL, io_deadline, w, timeout_ms ? timeout_ms : 1, 0,
                               WT_EXECUTEONLYONCE)) {
        CloseHandle(w->thread);
        w->thread = NULL;
        w->timer = NULL;
        return 0;
    }
    return 1;
}

static void watch_disarm(io_watch *w) {
    InterlockedExchange(&w->done, 1);
    if (w->timer != NULL)
        DeleteTimerQueueTimer(NULL, w->timer, INVALID_HANDLE_VALUE); /* waits for the callback */
    if (w->thread != NULL)
        CloseHandle(w->thread);
    w->timer = NULL;
    w->thread = NULL;
}

int ck__pipe_write(ck_fd fd, const void *buf, size_t len, uint32_t timeout_ms) {
    if (fd == NULL || (buf == NULL && len > 0))
        return CK_ERR_IO;
    io_watch watch;
    int armed = timeout_ms != UINT32_MAX && watch_arm(&watch, timeout_ms);
    const BYTE *p = buf;
    int rc = CK_OK;
    while (len > 0 && rc == CK_OK) {
        if (armed && InterlockedCompareExchange(&watch.fired, 0, 0) != 0) {
            rc = CK_ERR_TIMEOUT;
            break;
        }
        DWORD chunk = len > 65536u ? 65536u : (DWORD)len, n = 0;
        if (WriteFile(fd, p, chunk, &n, NULL)) {
            p += n;
            len -= n;
        } else {
            rc = GetLastError() == ERROR_OPERATION_ABORTED ? CK_ERR_TIMEOUT : CK_ERR_IO;
        }
    }
    if (armed)
        watch_disarm(&watch);
    return rc;
}

/* The fallback when no watchdog can be armed: poll PeekNamedPipe until the deadline. */
static long read_polling(ck_fd fd, void *buf, DWORD want, uint32_t timeout_ms) {
    uint64_t deadline = timeout_ms == UINT32_MAX ? UINT64_MAX : ck__now_ms() + timeout_ms;
    for (;;) {
        DWORD avail = 0, n = 0;
        if (!PeekNamedPipe(fd, NULL, 0, NULL, &avail, NULL))
            return GetLastError() == ERROR_BROKEN_PIPE ? 0 : CK_ERR_IO;
        if (avail > 0) {
            if (!ReadFile(fd, buf, want < avail ? want : avail, &n, NULL))
                return GetLastError() == ERROR_BROKEN_PIPE ? 0 : CK_ERR_IO;
            return n > 0 ? (long)n : CK_ERR_TIMEOUT;
        }
        if (ck__now_ms() >= deadline)
            return CK_ERR_TIMEOUT;
        Sleep(1);
    }
}

long ck__pipe_read(ck_fd fd, void *buf, size_t cap, uint32_t timeout_ms) {
    if (fd == NULL || buf == NULL || cap == 0)
        return CK_ERR_IO;
    DWORD want = cap > 0x7FFFFFFFu ? 0x7FFFFFFFu : (DWORD)cap, avail = 0, n = 0;
    /* PeekNamedPipe also reports a writer that is gone (ERROR_BROKEN_PIPE = EOF). */
    if (!PeekNamedPipe(fd, NULL, 0, NULL, &avail, NULL))
        return GetLastError() == ERROR_BROKEN_PIPE ? 0 : CK_ERR_IO;
    if (avail == 0 && timeout_ms == 0)
        return CK_ERR_TIMEOUT;
    io_watch watch;
    int armed = 0;
    if (avail == 0 && timeout_ms != UINT32_MAX && !(armed = watch_arm(&watch, timeout_ms)))
        return read_polling(fd, buf, want, timeout_ms);
    /* A byte-mode pipe read returns as soon as any data is there. */
    BOOL ok = ReadFile(fd, buf, want, &n, NULL);
    DWORD err = ok ? 0 : GetLastError();
    if (armed)
        watch_disarm(&watch);
    if (ok)
        return n > 0 ? (long)n : CK_ERR_TIMEOUT; /* a zero-length write: nothing to hand on */
    if (err == ERROR_BROKEN_PIPE)
        return 0;
    return err == ERROR_OPERATION_ABORTED ? CK_ERR_TIMEOUT : CK_ERR_IO;
}

void ck__fd_close(ck_fd *fd) {
    if (fd != NULL && *fd != NULL) {
        CloseHandle(*fd);
        *fd = NULL;
    }
}
