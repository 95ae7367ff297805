/*
 * posix_pipe.c - pipe I/O with deadlines on POSIX (see platform.h): poll, and SIGPIPE kept
 * away from the process that loaded the library.
 */
#include "platform/platform.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "errors.h"

/* ---- pipes ---- */

static int wait_fd(int fd, short events, int timeout_ms) {
    struct pollfd pfd = {fd, events, 0};
    int r;
    do {
        r = poll(&pfd, 1, timeout_ms);
    } while (r < 0 && errno == EINTR);
    return r;
}

int ck__pipe_write(ck_fd fd, const void *buf, size_t len, uint32_t timeout_ms) {
    if (fd < 0)
        return CK_ERR_IO;
    /* Block SIGPIPE for this write and swallow one raised by it, so a dead reader turns
     * into EPIPE instead of killing the process that loaded us. */
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigpending(&pending);
    int was_pending = sigismember(&pending, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    const uint8_t *p = buf;
    uint64_t deadline = ck__now_ms() + timeout_ms;
    int rc = CK_OK;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n > 0) {
            p += n;
            len -= (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            uint64_t now = ck__now_ms();
            if (now >= deadline) {
                rc = CK_ERR_TIMEOUT;
                break;
            }
            wait_fd(fd, POLLOUT, (int)(deadline - now));
            continue;
        }
        rc = CK_ERR_IO;
        break;
    }
    if (rc == CK_ERR_IO && !was_pending) {
        struct timespec zero = {0, 0};
        sigtimedwait(&pipe_set, NULL, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

long ck__pipe_read(ck_fd fd, void *buf, size_t cap, uint32_t timeout_ms) {
    if (fd < 0)
        return CK_ERR_IO;
    int r = wait_fd(fd, POLLIN, timeout_ms > INT_MAX ? -1 : (int)timeout_ms);
    if (r == 0)
        return CK_ERR_TIMEOUT;
    if (r < 0)
        return CK_ERR_IO;
    ssize_t n;
    do {
        n = read(fd, buf, cap);
    } while (n < 0 && errno == EINTR);
    if (n < 0)
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? CK_ERR_TIMEOUT : CK_ERR_IO;
    return (long)n;
}

void ck__fd_close(ck_fd *fd) {
    if (fd != NULL && *fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}
