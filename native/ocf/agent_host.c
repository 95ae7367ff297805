/*
 * agent_host.c - the persistent handler host of a resource: its files in the run folder
 * (a root-only directory), starting it detached in its own session, and ending every
 * process of that session. The session is what makes "stop leaves nothing" checkable:
 * the host and everything it starts (process groups included) share it.
 */
#define _GNU_SOURCE /* pipe2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"
#include "host/host_env.h"

#define CK_OCF_RUN_ROOT "/run/clusterkit"

extern char **environ;

/* Creates `dir` (0700) or checks an existing one is a real directory of ours, 0700. */
static int private_dir(const char *dir) {
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
        return -1;
    return (st.st_mode & 0777) == 0700 ? 0 : chmod(dir, 0700);
}

/* The hash form of an instance name, for a name too long for a socket path. */
static void hash_base(const char *instance, char *out, size_t cap) {
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const unsigned char *c = (const unsigned char *)instance; *c; c++)
        h = (h ^ *c) * 1099511628211ull;
    snprintf(out, cap, "h-%016llx", (unsigned long long)h);
}

/* File-name form of an instance name: [A-Za-z0-9._-] kept, other bytes %XX; a long name
 * becomes a hash (ck__ocf_paths also hashes any name whose socket path would not fit). */
static void file_base(const char *instance, char *out, size_t cap) {
    size_t o = 0;
    for (const unsigned char *c = (const unsigned char *)instance; *c && o + 4 < cap; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            *c == '.' || *c == '_' || *c == '-')
            out[o++] = (char)*c;
        else
            o += (size_t)snprintf(out + o, cap - o, "%%%02X", *c);
    }
    out[o] = '\0';
    if (o > 48 || instance[0] == '.')
        hash_base(instance, out, cap);
}

/* snprintf that reports truncation: 0 when the whole text fit. */
static int fits(char *out, size_t cap, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < cap ? 0 : -1;
}

int ck__ocf_paths(const char *instance, const char *suffix, ck_ocf_paths *p) {
    char base[64];
    file_base(instance, base, sizeof base);
    if (fits(p->dir, sizeof p->dir, "%s/%s", CK_OCF_RUN_ROOT, ck_ocf.agent_name) != 0) {
        ck__ocf_reason("the run folder path of %s is too long", instance);
        return OCF_ERR_GENERIC;
    }
    /* The socket path must fit a sockaddr_un (its NUL included), suffix and all. */
    const size_t sun_cap = sizeof(((struct sockaddr_un *)0)->sun_path);
    if (strlen(p->dir) + 1 + strlen(base) + strlen(suffix) + strlen(".sock") >= sun_cap)
        hash_base(instance, base, sizeof base);
    if (strlen(p->dir) + 1 + strlen(base) + strlen(suffix) + strlen(".sock") >= sun_cap) {
        ck__ocf_reason("the socket path of %s in %s would be longer than a UNIX socket path "
                       "may be (%zu bytes)",
                       instance, p->dir, sun_cap - 1);
        return OCF_ERR_GENERIC;
    }
    if (fits(p->socket, sizeof p->socket, "%s/%s%s.sock", p->dir, base, suffix) != 0 ||
        fits(p->pid, sizeof p->pid, "%s/%s%s.pid", p->dir, base, suffix) != 0 ||
        fits(p->online, sizeof p->online, "%s/%s%s.online", p->dir, base, suffix) != 0 ||
        fits(p->log, sizeof p->log, "%s/%s%s.log", p->dir, base, suffix) != 0) {
        ck__ocf_reason("the run folder path of %s is too long", instance);
        return OCF_ERR_GENERIC;
    }
    if (private_dir(CK_OCF_RUN_ROOT) != 0 || private_dir(p->dir) != 0) {
        ck__ocf_reason("cannot use the run folder %s (it must be a directory only root can "
                       "enter): %s",
                       p->dir, strerror(errno));
        return OCF_ERR_PERM;
    }
    return 0;
}

/* Fields of a /proc stat file after the command name: state is [0], session [3]. */
static int stat_file(const char *path, char *state, long *session) {
    char buf[1024];
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *after = strrchr(buf, ')');
    int ppid, pgrp;
    if (after == NULL || sscanf(after + 2, "%c %d %d %ld", state, &ppid, &pgrp, session) != 4)
        return -1;
    return 0;
}

static int proc_stat(pid_t pid, char *state, long *session) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    return stat_file(path, state, session);
}

/* Whether a process whose main thread shows `state` still runs. A multi-threaded process
 * (the handler host is Node.js) shows its main thread as a zombie while its other threads
 * are still exiting and still hold its files, such as a listening socket: it has ended
 * only once every thread has. */
static int living(pid_t pid, char state) {
    if (state != 'Z')
        return state != 'X';
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    if (d == NULL)
        return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        char task[96], tstate;
        long session;
        if (e->d_name[0] == '.' ||
            snprintf(task, sizeof task, "%s/%s/stat", path, e->d_name) >= (int)sizeof task)
            continue;
        found = stat_file(task, &tstate, &session) == 0 && tstate != 'Z' && tstate != 'X';
    }
    closedir(d);
    return found;
}

int ck__ocf_alive(pid_t pid) {
    char state;
    long session;
    return pid > 0 && proc_stat(pid, &state, &session) == 0 && living(pid, state);
}

/* True when the process's environment holds exactly `mark` (NAME=value). */
static int has_mark(long pid, const char *mark) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/environ", pid);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return 0;
    size_t want = strlen(mark), at = 0;
    int found = 0, c;
    /* Entries are NUL-separated: compare each one with the mark as it streams by. */
    while (!found && (c = fgetc(f)) != EOF) {
        if (c == '\0') {
            found = at == want;
            at = 0;
        } else if (at != (size_t)-1) {
            at = at < want && mark[at] == (char)c ? at + 1 : (size_t)-1;
        }
    }
    fclose(f);
    return found;
}

/* Counts every live process of session `sid` or carrying `mark` in its environment, and
 * SIGKILLs each when `kill_them`. */
static int scan_resource(pid_t sid, const char *mark, int kill_them) {
    DIR *d = opendir("/proc");
    if (d == NULL)
        return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        char state;
        long session;
        if (*end != '\0' || pid <= 1 || pid == (long)getpid() ||
            proc_stat((pid_t)pid, &state, &session) != 0 || !living((pid_t)pid, state))
            continue;
        if ((sid > 1 && session == sid) || (mark != NULL && has_mark(pid, mark))) {
            if (kill_them)
                kill((pid_t)pid, SIGKILL);
            count++;
        }
    }
    closedir(d);
    return count;
}

/* How long the processes of the last SIGKILL wave get to die before they count as
 * survivors, even when the deadline has passed. */
#define CK_OCF_KILL_SETTLE_MS 150u

int ck__ocf_kill_resource(const ck_ocf_paths *p, pid_t sid, uint64_t deadline) {
    char mark[sizeof p->socket + 32];
    snprintf(mark, sizeof mark, "%s=%s", CK_OCF_MARK, p->socket);
    for (unsigned wait_us = 1000;; wait_us = wait_us < 50000 ? wait_us * 2 : wait_us) {
        if (scan_resource(sid, mark, 1) == 0)
            return 0;
        uint64_t now = ck__now_ms();
        if (now >= deadline)
            break;
        /* SIGKILL is asynchronous: re-scan until it has been done */
        ck__ocf_sleep_us(deadline - now < wait_us / 1000u ? (unsigned)(deadline - now) * 1000u
                                                          : wait_us);
    }
    /* The last wave was just sent: wait (bounded) for its processes to end, then count. */
    uint64_t settle = ck__now_ms() + CK_OCF_KILL_SETTLE_MS;
    for (;;) {
        ck__ocf_sleep_us(2000);
        int left = scan_resource(sid, mark, 0);
        if (left == 0 || ck__now_ms() >= settle)
            return left;
    }
}

pid_t ck__ocf_recorded_host(const ck_ocf_paths *p) {
    FILE *f = fopen(p->pid, "re");
    if (f == NULL)
        return 0;
    long pid = 0;
    if (fscanf(f, "%ld", &pid) != 1 || pid <= 1 || pid > INT_MAX)
        pid = 0;
    fclose(f);
    return (pid_t)pid;
}

pid_t ck__ocf_recorded_session(const ck_ocf_paths *p) {
    pid_t sid = ck__ocf_recorded_host(p);
    if (sid <= 1)
        return 0;
    char mark[sizeof p->socket + 32];
    snprintf(mark, sizeof mark, "%s=%s", CK_OCF_MARK, p->socket);
    /* A pid number stays taken while any process has it as its session: a live member that
     * carries the mark (the host, the session's leader, first) proves the session is still
     * the one the host made, not a reused pid's. */
    char state;
    long session;
    if (proc_stat(sid, &state, &session) == 0 && session == (long)sid && living(sid, state) &&
        has_mark((long)sid, mark))
        return sid;
    DIR *d = opendir("/proc");
    if (d == NULL)
        return 0;
    pid_t found = 0;
    struct dirent *e;
    while (found == 0 && (e = readdir(d)) != NULL) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end == '\0' && pid > 1 && proc_stat((pid_t)pid, &state, &session) == 0 &&
            session == (long)sid && living((pid_t)pid, state) && has_mark(pid, mark))
            found = sid;
    }
    closedir(d);
    return found;
}

void ck__ocf_record_host(const ck_ocf_paths *p, pid_t pid) {
    if (pid <= 0) {
        unlink(p->pid);
        return;
    }
    char tmp[220];
    if (fits(tmp, sizeof tmp, "%s.tmp", p->pid) != 0)
        return;
    FILE *f = fopen(tmp, "we");
    if (f == NULL)
        return;
    fprintf(f, "%ld\n", (long)pid);
    if (fclose(f) == 0)
        rename(tmp, p->pid);
}

int ck__ocf_flag(const char *path) {
    return access(path, F_OK) == 0;
}

void ck__ocf_set_flag(const char *path, int on) {
    if (!on) {
        unlink(path);
        return;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
}

/* The folder of the agent's real file (an installed agent is usually a symlink to it). */
static int agent_dir(char *out, size_t cap) {
    ssize_t n = readlink("/proc/self/exe", out, cap - 1);
    if (n <= 0)
        return -1;
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (slash == NULL)
        return -1;
    *slash = '\0';
    return 0;
}

/* node next to the bundle (install.sh links it there), else the one the type was built
 * with, else PATH's. `dir` is the bundle's folder. */
static void find_node(const char *dir, char *out, size_t cap) {
    if (fits(out, cap, "%s/node", dir) == 0 && access(out, X_OK) == 0)
        return;
    if (ck_ocf.node_path[0] != '\0' && access(ck_ocf.node_path, X_OK) == 0 &&
        fits(out, cap, "%s", ck_ocf.node_path) == 0)
        return;
    (void)fits(out, cap, "node");
}

/* The host gets the agent's environment minus what only concerns the agent (OCF_*: the
 * parameters reach the handler as properties) and what the library keeps from every host
 * (host/host_env.c: what configures Node.js). */
static char **host_environment(const char *mark) {
    size_t n = 0;
    while (environ[n] != NULL)
        n++;
    char **env = calloc(n + 2, sizeof *env);
    if (env == NULL)
        return environ;
    size_t o = 0;
    env[o++] = (char *)mark;
    for (size_t i = 0; i < n; i++) {
        const char *e = environ[i];
        if (strncmp(e, "OCF_", 4) == 0 || strncmp(e, "__OCF_", 6) == 0 ||
            strncmp(e, CK_OCF_MARK "=", sizeof CK_OCF_MARK) == 0 || ck__host_env_drop(e))
            continue;
        env[o++] = environ[i];
    }
    return env;
}

/* In the child: fd becomes `std` (0, 1 or 2) and stays open across exec. Descriptors are
 * opened close-on-exec, and dup2 onto itself would keep that flag. */
static int as_std(int fd, int std) {
    if (fd == std)
        return fcntl(fd, F_SETFD, 0);
    return dup2(fd, std) < 0 ? -1 : 0;
}

/* In the child: own session, stdio to the log, exec node; reports a failure (errno) on
 * `report`, which the parent reads as "did not start". */
static void exec_host(const ck_ocf_paths *p, const ck_ocf_env *env, const char *node,
                      const char *bundle, int report) {
    setsid();
    /* Close-on-exec: only their copies as stdin, stdout and stderr reach node. */
    int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int log = open(p->log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (in < 0 || log < 0 || as_std(in, 0) != 0 || as_std(log, 1) != 0 || as_std(log, 2) != 0) {
        int err = errno;
        (void)!write(report, &err, sizeof err);
        _exit(126);
    }
    char *argv[10];
    int a = 0;
    argv[a++] = (char *)node;
    argv[a++] = (char *)bundle;
    argv[a++] = "--clusterkit-socket";
    argv[a++] = (char *)p->socket;
    argv[a++] = "--clusterkit-resource";
    argv[a++] = (char *)env->instance;
    if (env->node != NULL) {
        argv[a++] = "--clusterkit-node";
        argv[a++] = (char *)env->node;
    }
    argv[a] = NULL;
    char mark[sizeof p->socket + 32];
    snprintf(mark, sizeof mark, "%s=%s", CK_OCF_MARK, p->socket);
    char **child_env = host_environment(mark);
    if (strchr(node, '/') != NULL)
        execve(node, argv, child_env);
    else
        execvpe(node, argv, child_env);
    int err = errno;
    (void)!write(report, &err, sizeof err);
    _exit(127);
}

int ck__ocf_spawn_host(const ck_ocf_paths *p, const ck_ocf_env *env, pid_t *pid) {
    char dir[PATH_MAX], bundle[PATH_MAX], node[PATH_MAX + 8];
    if (agent_dir(dir, sizeof dir) != 0) {
        ck__ocf_reason("cannot find the agent's own folder (/proc/self/exe)");
        return OCF_ERR_INSTALLED;
    }
    char joined[PATH_MAX + 64];
    /* The canonical path: the host's command line names the bundle as installed. */
    if (fits(joined, sizeof joined, "%s/%s", dir, ck_ocf.bundle_file) != 0 ||
        realpath(joined, bundle) == NULL || access(bundle, R_OK) != 0) {
        ck__ocf_reason("the handler bundle %s is missing; reinstall the type's package", joined);
        return OCF_ERR_INSTALLED;
    }
    char bundle_dir[PATH_MAX + 64];
    (void)fits(bundle_dir, sizeof bundle_dir, "%s", bundle);
    *strrchr(bundle_dir, '/') = '\0';
    find_node(bundle_dir, node, sizeof node);
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0)
        return OCF_ERR_GENERIC;
    pid_t child = fork();
    if (child == 0) {
        close(report[0]);
        exec_host(p, env, node, bundle, report[1]);
    }
    close(report[1]);
    int err = 0;
    ssize_t got = child > 0 ? read(report[0], &err, sizeof err) : -1;
    close(report[0]);
    if (child < 0 || got > 0) {
        if (child > 0)
            waitpid(child, NULL, 0);
        ck__ocf_reason("cannot start the handler host with %s: %s", node,
                       strerror(child < 0 ? errno : err));
        return OCF_ERR_INSTALLED;
    }
    ck__ocf_record_host(p, child);
    *pid = child;
    return 0;
}
