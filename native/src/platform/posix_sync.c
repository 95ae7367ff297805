/*
 * posix_sync.c - threads, locks, condition variables, words to sleep on, events and the
 * monotonic clock of the POSIX platform layer (see platform.h).
 */
#define _DEFAULT_SOURCE /* syscall() for the futex */
#include "platform/platform.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/futex.h>
#include <sys/syscall.h>
#endif

#include "errors.h"

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
int ck__cond_wait_until_us(ck_cond *c, ck_mutex *m, uint64_t deadline_us) {
    if (ck__now_us() >= deadline_us)
        return 1;
    struct timespec ts;
    ts.tv_sec = (time_t)(deadline_us / 1000000u);
    ts.tv_nsec = (long)(deadline_us % 1000000u) * 1000L;
    return pthread_cond_timedwait(c, m, &ts) == ETIMEDOUT ? 1 : 0;
}
void ck__cond_signal(ck_cond *c) {
    pthread_cond_signal(c);
}
void ck__cond_broadcast(ck_cond *c) {
    pthread_cond_broadcast(c);
}

/* ---- atomics ---- */

uint32_t ck__atomic_add(volatile uint32_t *v, int32_t delta) {
    return __atomic_add_fetch(v, (uint32_t)delta, __ATOMIC_SEQ_CST);
}

/* ---- words ---- */

#ifdef __linux__

int ck__word_wait(volatile uint32_t *word, uint32_t expected, uint64_t deadline_us) {
    struct timespec ts, *at = NULL;
    if (deadline_us != UINT64_MAX) {
        if (ck__now_us() >= deadline_us)
            return 1;
        ts.tv_sec = (time_t)(deadline_us / 1000000u);
        ts.tv_nsec = (long)(deadline_us % 1000000u) * 1000L;
        at = &ts; /* FUTEX_WAIT_BITSET: absolute, on CLOCK_MONOTONIC like ck__now_us */
    }
    long r = syscall(SYS_futex, word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, expected, at, NULL,
                     FUTEX_BITSET_MATCH_ANY);
    return r == -1 && errno == ETIMEDOUT ? 1 : 0;
}

void ck__word_wake(volatile uint32_t *word) {
    syscall(SYS_futex, word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, INT_MAX, NULL, NULL, 0);
}

#else

/* A parking lot: sleepers wait on the condition variable of their word's stripe. */
#define STRIPES 64u
static ck_mutex lot_m[STRIPES];
static ck_cond lot_c[STRIPES];
static ck_once lot_once = CK_ONCE_INIT;

static void lot_init(void) {
    for (unsigned i = 0; i < STRIPES; i++) {
        ck__mutex_init(&lot_m[i]);
        ck__cond_init(&lot_c[i]);
    }
}

static unsigned stripe(volatile uint32_t *word) {
    return (unsigned)(((uintptr_t)word >> 2) * 2654435761u >> 16) % STRIPES;
}

int ck__word_wait(volatile uint32_t *word, uint32_t expected, uint64_t deadline_us) {
    ck__once(&lot_once, lot_init);
    unsigned i = stripe(word);
    int timed_out = 0;
    ck__mutex_lock(&lot_m[i]);
    if (ck__atomic_add(word, 0) == expected) {
        if (deadline_us == UINT64_MAX)
            ck__cond_wait(&lot_c[i], &lot_m[i]);
        else
            timed_out = ck__cond_wait_until_us(&lot_c[i], &lot_m[i], deadline_us);
    }
    ck__mutex_unlock(&lot_m[i]);
    return timed_out;
}

void ck__word_wake(volatile uint32_t *word) {
    ck__once(&lot_once, lot_init);
    unsigned i = stripe(word);
    ck__mutex_lock(&lot_m[i]);
    ck__mutex_unlock(&lot_m[i]);
    ck__cond_broadcast(&lot_c[i]);
}

#endif

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
