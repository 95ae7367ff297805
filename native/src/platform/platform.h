/*
 * platform.h - the small platform layer: threads, locks, events, clock, processes with
 * pipes, the library's own path and the environment. platform/posix_*.c implement it on
 * POSIX, platform/win32*.c on Windows; CMake compiles exactly one of the two sets. Nothing
 * else in the core includes OS headers for these. What the cluster provides (its
 * database) is the platform's other door, services.h.
 */
#ifndef CK_PLATFORM_H
#define CK_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "errors.h" /* the CK_ERR_* codes the functions below return */

#ifdef _WIN32
#include <windows.h>
typedef struct ck_thread {
    HANDLE h;
} ck_thread;
typedef CRITICAL_SECTION ck_mutex;
typedef CONDITION_VARIABLE ck_cond;
typedef HANDLE ck_fd;
#define CK_FD_NONE NULL
typedef INIT_ONCE ck_once;
#define CK_ONCE_INIT INIT_ONCE_STATIC_INIT
#else
#include <pthread.h>
typedef struct ck_thread {
    pthread_t t;
} ck_thread;
typedef pthread_mutex_t ck_mutex;
typedef pthread_cond_t ck_cond;
typedef int ck_fd;
#define CK_FD_NONE (-1)
typedef pthread_once_t ck_once;
#define CK_ONCE_INIT PTHREAD_ONCE_INIT
#endif

/* ---- threads ---- */
void ck__once(ck_once *once, void (*fn)(void));
typedef void (*ck_thread_fn)(void *arg);
int ck__thread_start(ck_thread *thread, ck_thread_fn fn, void *arg); /* 0 or CK_ERR_* */
void ck__thread_join(ck_thread *thread);
void ck__thread_detach(ck_thread *thread);

/* ---- locks and condition variables (the cond clock is monotonic) ---- */
void ck__mutex_init(ck_mutex *m);
void ck__mutex_destroy(ck_mutex *m);
void ck__mutex_lock(ck_mutex *m);
void ck__mutex_unlock(ck_mutex *m);
void ck__cond_init(ck_cond *c);
void ck__cond_destroy(ck_cond *c);
void ck__cond_wait(ck_cond *c, ck_mutex *m);
/* Waits until signaled or until the monotonic deadline (ck__now_ms). 0 = signaled or
 * spurious, 1 = deadline passed. */
int ck__cond_wait_until(ck_cond *c, ck_mutex *m, uint64_t deadline_ms);
/* The same with a deadline in µs (ck__now_us), for waits shorter than a millisecond. */
int ck__cond_wait_until_us(ck_cond *c, ck_mutex *m, uint64_t deadline_us);
void ck__cond_signal(ck_cond *c);
void ck__cond_broadcast(ck_cond *c);

/* ---- atomics ---- */
/* Adds delta to *v atomically (a full barrier); returns the new value. */
uint32_t ck__atomic_add(volatile uint32_t *v, int32_t delta);

/* ---- sleeping on a word (a futex on Linux, a parking lot elsewhere) ---- */
/* Sleeps while *word == expected, until woken or the monotonic deadline (µs, UINT64_MAX =
 * none): 1 at the deadline, else 0 (woken, changed, or spuriously: callers loop). */
int ck__word_wait(volatile uint32_t *word, uint32_t expected, uint64_t deadline_us);
/* Wakes every thread sleeping on word. The word's address is only a key, its memory is
 * never touched: a waker may call this after the sleeper has returned and the word is gone
 * (someone else sleeping at that address wakes spuriously). Change the word first. */
void ck__word_wake(volatile uint32_t *word);

/* ---- events (an opaque object; on Windows a real event HANDLE) ---- */
typedef struct ck_event ck_event;
ck_event *ck__event_create(int manual_reset); /* NULL when out of memory */
void ck__event_destroy(ck_event *ev);
void ck__event_set(ck_event *ev);
void ck__event_reset(ck_event *ev);
/* 0 = signaled (an auto-reset event is reset), 1 = timed out. timeout_ms UINT32_MAX = forever. */
int ck__event_wait(ck_event *ev, uint32_t timeout_ms);

/* ---- clock ---- */
uint64_t ck__now_ms(void); /* monotonic */
uint64_t ck__now_us(void); /* monotonic */
void ck__sleep_ms(uint32_t ms);

/* ---- processes ---- */
typedef struct ck_process {
    long pid;
    long pgid;      /* the child's own process group (POSIX) */
    ck_fd stdin_w;  /* the library writes the child's stdin here */
    ck_fd stdout_r; /* and reads its stdout and stderr from these */
    ck_fd stderr_r;
} ck_process;

/*
 * Starts path with argv (NULL-terminated, argv[0] included) and envp (NULL = inherit),
 * stdin/stdout/stderr on three new pipes, in its own process group, with a clean signal
 * mask and no other inherited descriptor. Returns 0, or CK_ERR_SPAWN with *os_error set.
 */
int ck__process_spawn(const char *path, char *const argv[], char *const envp[], ck_process *out,
                      int *os_error);
/* SIGKILL to the whole process group (no-op for pgid <= 1). */
void ck__process_kill_group(long pgid);
/* 1 while the process group still has a member, its leader gone or not (POSIX). Windows: 0,
 * since the host's job object holds every process the handler started, directly or not. */
int ck__process_group_alive(long pgid);
/* Non-blocking reap: 1 = exited (*exit_code set; -1 if killed by a signal), 0 = still
 * running, -1 = not our child / already reaped. */
int ck__process_reap(long pid, int *exit_code);
/* Closes any of the process's pipe ends still open and sets them to CK_FD_NONE. */
void ck__process_close_pipes(ck_process *p);

/* ---- pipes ---- */
/* Writes all bytes or fails: 0, CK_ERR_TIMEOUT, or CK_ERR_IO (broken pipe, closed). Never
 * raises SIGPIPE. A timeout may leave a partial write: treat the stream as broken. */
int ck__pipe_write(ck_fd fd, const void *buf, size_t len, uint32_t timeout_ms);
/* Reads what is available, waiting at most timeout_ms: >0 bytes, 0 = EOF,
 * CK_ERR_TIMEOUT, or CK_ERR_IO. */
long ck__pipe_read(ck_fd fd, void *buf, size_t cap, uint32_t timeout_ms);
void ck__fd_close(ck_fd *fd);

/* ---- files and paths ---- */
/* Directory of the module (library or executable) containing this code, without a
 * trailing separator. 0, or CK_ERR_IO. */
int ck__module_dir(char *buf, size_t cap);
/* Resolves a bare program name on PATH (or checks an explicit path): 0 with the path in
 * buf, or CK_ERR_NODE_NOT_FOUND. */
int ck__find_program(const char *name, char *buf, size_t cap);
/* Environment variable or NULL. */
const char *ck__getenv(const char *name);
/* A copy of this process's environment as "NAME=value" UTF-8 strings, without the entries
 * for which drop(entry) is 1: an envp for ck__process_spawn. NULL when out of memory. Free
 * it with ck__env_free. */
char **ck__env_copy(int (*drop)(const char *entry));
void ck__env_free(char **env);
/* Expands %VAR% references of a UTF-16LE string (cb bytes, ending with its NUL) from the
 * environment into a malloc'd UTF-16LE string with its NUL. Undefined variables stay as
 * written. 0, CK_ERR_INVALID_ARG, CK_ERR_NOMEM or CK_ERR_IO. */
int ck__expand_env(const uint8_t *in, size_t cb, uint8_t **out, size_t *out_cb);

#endif /* CK_PLATFORM_H */
