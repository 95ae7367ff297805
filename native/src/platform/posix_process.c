/*
 * posix_process.c - the handler host's process on POSIX (see platform.h): posix_spawn with
 * three pipes, its own process group and a clean signal state; group kill and reap.
 */
#define _GNU_SOURCE /* pipe2, posix_spawn_file_actions_addclosefrom_np */
#include "platform/platform.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errors.h"

extern char **environ;

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

int ck__process_group_alive(long pgid) {
    if (pgid <= 1)
        return 0;
    return kill(-(pid_t)pgid, 0) == 0 || errno == EPERM;
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

void ck__process_close_pipes(ck_process *p) {
    ck__fd_close(&p->stdin_w);
    ck__fd_close(&p->stdout_r);
    ck__fd_close(&p->stderr_r);
}
