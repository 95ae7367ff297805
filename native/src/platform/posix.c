/* posix.c - the platform layer on Linux and other POSIX systems (see platform.h). */
#define _GNU_SOURCE /* dladdr, pipe2, sigtimedwait */
#include "platform/platform.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "errors.h"

extern char **environ;

/* ---- threads ---- */

void ck__once(ck_once *once, void (*fn)(void)) {
    pthread_once(once, fn);
}

typedef struct thread_start {
    ck_thread_fn fn;
    void *arg;
} thread_start;

static void *thread_main(void *p) {
    thread_start start = *(thread_start *)p;
    free(p);
    /* Library threads never take process signals (SIGPIPE, SIGCHLD...) meant for the host. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    start.fn(start.arg);
    return NULL;
}

int ck__thread_start(ck_thread *thread, ck_thread_fn fn, void *arg) {
    if (thread == NULL || fn == NULL)
        return CK_ERR_INVALID_ARG;
    thread_start *start = malloc(sizeof *start);
    if (start == NULL)
        return CK_ERR_NOMEM;
    start->fn = fn;
    start->arg = arg;
    if (pthread_create(&thread->t, NULL, thread_main, start) != 0) {
        free(start);
        return CK_ERR_NOMEM;
    }
    return CK_OK;
}

void ck__thread_join(ck_thread *thread) {
    pthread_join(thread->t, NULL);
}

void ck__thread_detach(ck_thread *thread) {
    pthread_detach(thread->t);
}

/* ---- locks ---- */

void ck__mutex_init(ck_mutex *m) {
    pthread_mutex_init(m, NULL);
}
void ck__mutex_destroy(ck_mutex *m) {
    pthread_mutex_destroy(m);
}
void ck__mutex_lock(ck_mutex *m) {
    pthread_mutex_lock(m);
}
void ck__mutex_unlock(ck_mutex *m) {
    pthread_mutex_unlock(m);
}

void ck__cond_init(ck_cond *c) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(c, &attr);
    pthread_condattr_destroy(&attr);
}
void ck__cond_destroy(ck_cond *c) {
    pthread_cond_destroy(c);
}
void ck__cond_wait(ck_cond *c, ck_mutex *m) {
    pthread_cond_wait(c, m);
}
int ck__cond_wait_until(ck_cond *c, ck_mutex *m, uint64_t deadline_ms) {
    if (ck__now_ms() >= deadline_ms)
        return 1;
    struct timespec ts;
    ts.tv_sec = (time_t)(deadline_ms / 1000u);
    ts.tv_nsec = (long)(deadline_ms % 1000u) * 1000000L;
    return pthread_cond_timedwait(c, m, &ts) == ETIMEDOUT ? 1 : 0;
}
void ck__cond_signal(ck_cond *c) {
    pthread_cond_signal(c);
}
void ck__cond_broadcast(ck_cond *c) {
    pthread_cond_broadcast(c);
}

/* ---- events ---- */

struct ck_event {
    ck_mutex m;
    ck_cond c;
    int manual;
    int signaled;
};

ck_event *ck__event_create(int manual_reset) {
    ck_event *ev = calloc(1, sizeof *ev);
    if (ev == NULL)
        return NULL;
    ck__mutex_init(&ev->m);
    ck__cond_init(&ev->c);
    ev->manual = manual_reset != 0;
    return ev;
}

void ck__event_destroy(ck_event *ev) {
    if (ev == NULL)
        return;
    ck__cond_destroy(&ev->c);
    ck__mutex_destroy(&ev->m);
    free(ev);
}

void ck__event_set(ck_event *ev) {
    ck__mutex_lock(&ev->m);
    ev->signaled = 1;
    if (ev->manual)
        ck__cond_broadcast(&ev->c);
    else
        ck__cond_signal(&ev->c);
    ck__mutex_unlock(&ev->m);
}

void ck__event_reset(ck_event *ev) {
    ck__mutex_lock(&ev->m);
    ev->signaled = 0;
    ck__mutex_unlock(&ev->m);
}

int ck__event_wait(ck_event *ev, uint32_t timeout_ms) {
    uint64_t deadline = ck__now_ms() + timeout_ms;
    int timed_out = 0;
    ck__mutex_lock(&ev->m);
    while (!ev->signaled) {
        if (timeout_ms == UINT32_MAX) {
            ck__cond_wait(&ev->c, &ev->m);
        } else if (ck__cond_wait_until(&ev->c, &ev->m, deadline) && !ev->signaled) {
            timed_out = 1;
            break;
        }
    }
    if (!timed_out && !ev->manual)
        ev->signaled = 0;
    ck__mutex_unlock(&ev->m);
    return timed_out;
}

/* ---- clock ---- */

uint64_t ck__now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t ck__now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void ck__sleep_ms(uint32_t ms) {
    struct timespec ts = {(time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* ---- processes ---- */

static void close_pair(int fds[2]) {
    for (int i = 0; i < 2; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

static int setup_spawn_attr(posix_spawnattr_t *attr) {
    sigset_t none, defaults;
    sigemptyset(&none);
    /* Reset every catchable signal: a parent that ignores SIGPIPE (Node does) must not
     * pass that on, and the child starts with an empty mask. */
    sigfillset(&defaults);
    sigdelset(&defaults, SIGKILL);
    sigdelset(&defaults, SIGSTOP);
    int rc = posix_spawnattr_init(attr);
    if (rc == 0)
        rc = posix_spawnattr_setflags(attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                                POSIX_SPAWN_SETSIGDEF);
    if (rc == 0)
        rc = posix_spawnattr_setpgroup(attr, 0);
    if (rc == 0)
        rc = posix_spawnattr_setsigmask(attr, &none);
    if (rc == 0)
        rc = posix_spawnattr_setsigdefault(attr, &defaults);
    return rc;
}

static int setup_file_actions(posix_spawn_file_actions_t *fa, int in_r, int out_w, int err_w) {
    int rc = posix_spawn_file_actions_init(fa);
    if (rc == 0)
        rc = posix_spawn_file_actions_adddup2(fa, in_r, 0);
    if (rc == 0)
        rc = posix_spawn_file_actions_adddup2(fa, out_w, 1);
    if (rc == 0)
        rc = posix_spawn_file_actions_adddup2(fa, err_w, 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    /* Descriptors some other part of the process opened without O_CLOEXEC stay here. */
    if (rc == 0)
        rc = posix_spawn_file_actions_addclosefrom_np(fa, 3);
#endif
    return rc;
}

int ck__process_spawn(const char *path, char *const argv[], char *const envp[], ck_process *out,
                      int *os_error) {
    int dummy;
    if (os_error == NULL)
        os_error = &dummy;
    *os_error = 0;
    if (path == NULL || argv == NULL || argv[0] == NULL || out == NULL) {
        *os_error = EINVAL;
        return CK_ERR_INVALID_ARG;
    }
    int in[2] = {-1, -1}, outp[2] = {-1, -1}, err[2] = {-1, -1};
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(outp, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
        *os_error = errno;
        close_pair(in);
        close_pair(outp);
        close_pair(err);
        return CK_ERR_SPAWN;
    }
    posix_spawnattr_t attr;
    posix_spawn_file_actions_t fa;
    int rc = setup_spawn_attr(&attr);
    int rc2 = setup_file_actions(&fa, in[0], outp[1], err[1]);
    pid_t pid = -1;
    if (rc == 0 && rc2 == 0)
        rc = posix_spawn(&pid, path, &fa, &attr, argv, envp != NULL ? envp : environ);
    else if (rc == 0)
        rc = rc2;
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(in[0]);
    close(outp[1]);
    close(err[1]);
    if (rc != 0) {
        *os_error = rc;
        close(in[1]);
        close(outp[0]);
        close(err[0]);
        return CK_ERR_SPAWN;
    }
    /* Our end of stdin is non-blocking so a host that stops reading cannot hold a
     * caller past its deadline. */
    fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
    out->pid = pid;
    out->pgid = pid;
    out->stdin_w = in[1];
    out->stdout_r = outp[0];
    out->stderr_r = err[0];
    return CK_OK;
}

void ck__process_kill_group(long pgid) {
    /* Never signal our own group or the session leader by mistake. */
    if (pgid <= 1 || pgid == (long)getpgrp())
        return;
    kill(-(pid_t)pgid, SIGKILL);
}

int ck__process_reap(long pid, int *exit_code) {
    if (pid <= 0)
        return -1;
    int st = 0;
    pid_t r;
    do {
        r = waitpid((pid_t)pid, &st, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == 0)
        return 0;
    if (r < 0)
        return -1;
    if (exit_code != NULL)
        *exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return 1;
}

void ck__fd_close(ck_fd *fd) {
    if (fd != NULL && *fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

void ck__process_close_pipes(ck_process *p) {
    ck__fd_close(&p->stdin_w);
    ck__fd_close(&p->stdout_r);
    ck__fd_close(&p->stderr_r);
}

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

/* ---- files and paths ---- */

int ck__module_dir(char *buf, size_t cap) {
    Dl_info info;
    char resolved[PATH_MAX];
    if (buf == NULL || cap == 0)
        return CK_ERR_INVALID_ARG;
    if (dladdr((void *)&ck__module_dir, &info) == 0 || info.dli_fname == NULL)
        return CK_ERR_IO;
    if (realpath(info.dli_fname, resolved) == NULL)
        return CK_ERR_IO;
    char *slash = strrchr(resolved, '/');
    if (slash == NULL)
        return CK_ERR_IO;
    *slash = '\0';
    if (resolved[0] == '\0')
        strcpy(resolved, "/");
    if (strlen(resolved) + 1 > cap)
        return CK_ERR_IO;
    strcpy(buf, resolved);
    return CK_OK;
}

int ck__find_program(const char *name, char *buf, size_t cap) {
    if (name == NULL || name[0] == '\0' || buf == NULL || cap == 0)
        return CK_ERR_INVALID_ARG;
    if (strchr(name, '/') != NULL) {
        if (access(name, X_OK) != 0 || strlen(name) + 1 > cap)
            return CK_ERR_NODE_NOT_FOUND;
        strcpy(buf, name);
        return CK_OK;
    }
    const char *path = getenv("PATH");
    if (path == NULL || path[0] == '\0')
        path = "/usr/local/bin:/usr/bin:/bin";
    size_t name_len = strlen(name);
    while (*path != '\0') {
        const char *end = strchr(path, ':');
        size_t dir_len = end != NULL ? (size_t)(end - path) : strlen(path);
        /* An empty PATH entry means the current directory; skip it, a library must not
         * run whatever sits in the monitor's working directory. */
        if (dir_len > 0 && dir_len + 1 + name_len + 1 <= cap) {
            memcpy(buf, path, dir_len);
            buf[dir_len] = '/';
            memcpy(buf + dir_len + 1, name, name_len + 1);
            if (access(buf, X_OK) == 0)
                return CK_OK;
        }
        path += dir_len;
        if (*path == ':')
            path++;
    }
    return CK_ERR_NODE_NOT_FOUND;
}

const char *ck__getenv(const char *name) {
    return getenv(name);
}

long ck__self_pid(void) {
    return (long)getpid();
}
