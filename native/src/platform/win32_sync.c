/*
 * win32_sync.c - threads, locks, condition variables, words to sleep on, events and the
 * monotonic clock of the Windows platform layer (see platform.h). Builds with mingw-w64 and with
 * MSVC: only Win32 and CRT calls, no compiler extensions.
 */
#include "platform/platform.h"

#include <process.h>
#include <stdlib.h>

/* ---- threads ---- */

/* The function travels inside a struct: ISO C (and MSVC at /W4) has no conversion
 * between function and object pointers. */
typedef struct once_call {
    void (*fn)(void);
} once_call;

static BOOL CALLBACK once_main(PINIT_ONCE once, PVOID param, PVOID *context) {
    (void)once;
    (void)context;
    ((once_call *)param)->fn();
    return TRUE;
}

void ck__once(ck_once *once, void (*fn)(void)) {
    once_call call;
    call.fn = fn;
    if (once != NULL && fn != NULL)
        InitOnceExecuteOnce(once, once_main, &call, NULL);
}

typedef struct thread_start {
    ck_thread_fn fn;
    void *arg;
} thread_start;

static unsigned __stdcall thread_main(void *p) {
    thread_start start = *(thread_start *)p;
    free(p);
    start.fn(start.arg);
    return 0;
}

int ck__thread_start(ck_thread *thread, ck_thread_fn fn, void *arg) {
    if (thread == NULL || fn == NULL)
        return CK_ERR_INVALID_ARG;
    thread_start *start = malloc(sizeof *start);
    if (start == NULL)
        return CK_ERR_NOMEM;
    start->fn = fn;
    start->arg = arg;
    /* _beginthreadex, not CreateThread: the thread uses the CRT (malloc, stdio). */
    uintptr_t h = _beginthreadex(NULL, 0, thread_main, start, 0, NULL);
    if (h == 0) {
        free(start);
        return CK_ERR_NOMEM;
    }
    thread->h = (HANDLE)h;
    return CK_OK;
}

void ck__thread_join(ck_thread *thread) {
    if (thread == NULL || thread->h == NULL)
        return;
    WaitForSingleObject(thread->h, INFINITE);
    CloseHandle(thread->h);
    thread->h = NULL;
}

void ck__thread_detach(ck_thread *thread) {
    if (thread == NULL || thread->h == NULL)
        return;
    CloseHandle(thread->h);
    thread->h = NULL;
}

/* ---- locks ---- */

void ck__mutex_init(ck_mutex *m) {
    InitializeCriticalSection(m);
}
void ck__mutex_destroy(ck_mutex *m) {
    DeleteCriticalSection(m);
}
void ck__mutex_lock(ck_mutex *m) {
    EnterCriticalSection(m);
}
void ck__mutex_unlock(ck_mutex *m) {
    LeaveCriticalSection(m);
}

void ck__cond_init(ck_cond *c) {
    InitializeConditionVariable(c);
}
void ck__cond_destroy(ck_cond *c) {
    (void)c; /* condition variables own no resources */
}
void ck__cond_wait(ck_cond *c, ck_mutex *m) {
    SleepConditionVariableCS(c, m, INFINITE);
}
int ck__cond_wait_until(ck_cond *c, ck_mutex *m, uint64_t deadline_ms) {
    uint64_t now = ck__now_ms();
    if (now >= deadline_ms)
        return 1;
    uint64_t left = deadline_ms - now;
    /* INFINITE is 0xFFFFFFFF; stay below it and let the caller loop. */
    DWORD wait = left >= 0xFFFFFFF0u ? 0xFFFFFFF0u : (DWORD)left;
    if (!SleepConditionVariableCS(c, m, wait) && GetLastError() == ERROR_TIMEOUT)
        return ck__now_ms() >= deadline_ms ? 1 : 0;
    return 0;
}

int ck__cond_wait_until_us(ck_cond *c, ck_mutex *m, uint64_t deadline_us) {
    uint64_t now = ck__now_us();
    if (now >= deadline_us)
        return 1;
    /* Windows waits in whole milliseconds: round up, never wake before the deadline. */
    uint64_t left = (deadline_us - now + 999u) / 1000u;
    DWORD wait = left >= 0xFFFFFFF0u ? 0xFFFFFFF0u : (DWORD)left;
    if (!SleepConditionVariableCS(c, m, wait) && GetLastError() == ERROR_TIMEOUT)
        return ck__now_us() >= deadline_us ? 1 : 0;
    return 0;
}
void ck__cond_signal(ck_cond *c) {
    WakeConditionVariable(c);
}
void ck__cond_broadcast(ck_cond *c) {
    WakeAllConditionVariable(c);
}

/* ---- atomics ---- */

uint32_t ck__atomic_add(volatile uint32_t *v, int32_t delta) {
    return (uint32_t)InterlockedExchangeAdd((volatile LONG *)v, delta) + (uint32_t)delta;
}

/* ---- words ---- */

/* A parking lot: sleepers wait on the condition variable of their word's stripe. (WaitOnAddress
 * would do, but needs api-ms-win-core-synch-l1-2-0.dll among the DLL's imports.) */
#define STRIPES 64u
static CRITICAL_SECTION lot_m[STRIPES];
static CONDITION_VARIABLE lot_c[STRIPES];
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

/* ---- events: a ck_event * is the event HANDLE itself, so the core can hand it to RHS
 * as the EventHandle of Online. ---- */

ck_event *ck__event_create(int manual_reset) {
    return (ck_event *)CreateEventW(NULL, manual_reset ? TRUE : FALSE, FALSE, NULL);
}
void ck__event_destroy(ck_event *ev) {
    if (ev != NULL)
        CloseHandle((HANDLE)ev);
}
void ck__event_set(ck_event *ev) {
    if (ev != NULL)
        SetEvent((HANDLE)ev);
}
void ck__event_reset(ck_event *ev) {
    if (ev != NULL)
        ResetEvent((HANDLE)ev);
}
int ck__event_wait(ck_event *ev, uint32_t timeout_ms) {
    if (ev == NULL)
        return 1;
    DWORD wait = timeout_ms == UINT32_MAX ? INFINITE : (DWORD)timeout_ms;
    return WaitForSingleObject((HANDLE)ev, wait) == WAIT_OBJECT_0 ? 0 : 1;
}

/* ---- clock ---- */

static uint64_t qpc_ticks(uint64_t per_second) {
    static LARGE_INTEGER freq; /* constant after boot; a racy first read is harmless */
    LARGE_INTEGER now;
    if (freq.QuadPart == 0)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&now);
    uint64_t f = (uint64_t)freq.QuadPart, t = (uint64_t)now.QuadPart;
    /* Split to avoid overflowing t * per_second. */
    return (t / f) * per_second + (t % f) * per_second / f;
}

uint64_t ck__now_ms(void) {
    return qpc_ticks(1000u);
}
uint64_t ck__now_us(void) {
    return qpc_ticks(1000000u);
}
void ck__sleep_ms(uint32_t ms) {
    Sleep(ms == UINT32_MAX ? INFINITE - 1u : (DWORD)ms);
}
