/*
 * dispatch.c - the dispatcher thread. The pipe readers must never call LogEvent or any
 * host service themselves: in the harness those are callbacks that run on the JS main
 * thread, which may be blocked in a call waiting for the very response the reader has to
 * deliver. So the readers queue, and this thread makes the calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "platform/services.h"

enum { ITEM_LOG, ITEM_FAILED, ITEM_HOST_LOST };

/*
 * The queue is bounded: a handler that logs faster than LogEvent returns (in the harness
 * LogEvent runs on the JS thread) must neither grow the monitor's memory without limit nor
 * block the pipe reader, which would hold every call waiting for an answer. Host output
 * beyond CK_DISPATCH_MAX_LINES waiting lines is dropped and counted, and one warning says how
 * many lines were lost once the queue has room again (RHS throttles a flooding resource's log
 * the same way). Failures, event-handle signals and the library's own lines are never
 * dropped. Lines are cut to the cluster log's CK_LOG_MAX before they are queued.
 */
#define CK_DISPATCH_MAX_LINES 2048u

typedef struct item {
    struct item *next;
    int kind;
    int bounded; /* host output: may be dropped when the queue is full */
    uint32_t resource_id;
    LOG_LEVEL level;
    size_t len;
    char text[];
} item;

static struct {
    ck_mutex m;
    ck_cond c;
    item *head, *tail;
    size_t host_lines; /* queued lines of host output, the bounded kind */
    size_t bytes;      /* text bytes queued, for the tests */
    unsigned long long dropped;
    int running, stop;
    ck_thread thread;
    ck_event *exited;
} d;
static ck_once d_once = CK_ONCE_INIT;

static void d_init(void) {
    ck__mutex_init(&d.m);
    ck__cond_init(&d.c);
    d.exited = ck__event_create(1);
}

static void signal_failure(ck_instance *inst) {
    ck__mutex_lock(&ck__g.lock);
    int online = inst->state == CK_ST_ONLINE || inst->state == CK_ST_ONLINE_PENDING;
    ck_event *ev = inst->event;
    ck__mutex_unlock(&ck__g.lock);
    if (!online)
        return;
    ck__event_set(ev);
    const ck_host_services *svc = ck__services();
    if (svc != NULL && svc->event_signaled != NULL)
        svc->event_signaled((HANDLE)ev);
}

static void deliver(item *it) {
    ck_instance *inst = NULL;
    RESOURCE_HANDLE handle = NULL;
    ck__mutex_lock(&ck__g.lock);
    if (it->resource_id != 0)
        inst = ck__instance_by_id_locked(it->resource_id);
    if (inst != NULL) {
        ck__instance_ref_locked(inst);
        handle = inst->handle;
    }
    ck__mutex_unlock(&ck__g.lock);
    if (it->kind == ITEM_LOG) {
        ck__log_text(handle, it->level, it->text, it->len);
    } else if (it->kind == ITEM_HOST_LOST) {
        ck__log_text(handle, LOG_ERROR, it->text, it->len);
        if (inst != NULL)
            signal_failure(inst);
    } else {
        char line[1100];
        int n = snprintf(line, sizeof line, "the handler reported a failure: %.*s",
                         (int)(it->len > 1024 ? 1024 : it->len), it->text);
        ck__log_text(handle, LOG_ERROR, line, n > 0 ? (size_t)n : 0);
        if (inst != NULL)
            signal_failure(inst);
    }
    ck__instance_release(inst);
}

/* With d.m held: delivers the count of dropped lines as one warning (unlocking meanwhile).
 * Returns 1 when it did. */
static int report_dropped(void) {
    unsigned long long dropped = d.dropped;
    if (dropped == 0)
        return 0;
    d.dropped = 0;
    ck__mutex_unlock(&d.m);
    char line[240];
    int n = snprintf(line, sizeof line,
                     "%llu lines of handler host output were dropped: they came faster than the "
                     "cluster log took them (at most %u lines wait)",
                     dropped, (unsigned)CK_DISPATCH_MAX_LINES);
    ck__log_text(NULL, LOG_WARNING, line, n > 0 ? (size_t)n : 0);
    ck__mutex_lock(&d.m);
    return 1;
}

static void dispatcher_main(void *arg) {
    (void)arg;
    ck__mutex_lock(&d.m);
    for (;;) {
        while (d.head != NULL || d.dropped != 0) {
            if (d.head == NULL || d.host_lines < CK_DISPATCH_MAX_LINES / 2) {
                if (report_dropped())
                    continue;
            }
            item *it = d.head;
            d.head = it->next;
            if (d.head == NULL)
                d.tail = NULL;
            if (it->bounded)
                d.host_lines--;
            d.bytes -= it->len;
            ck__mutex_unlock(&d.m);
            deliver(it);
            free(it);
            ck__mutex_lock(&d.m);
        }
        if (d.stop)
            break;
        ck__cond_wait(&d.c, &d.m);
    }
    /* A later enqueue starts a fresh thread. */
    d.running = 0;
    ck__event_set(d.exited);
    ck__mutex_unlock(&d.m);
}

static void enqueue(int kind, int bounded, uint32_t resource_id, LOG_LEVEL level, const char *text,
                    size_t len) {
    ck__once(&d_once, d_init);
    if (len > CK_LOG_MAX)
        len = CK_LOG_MAX; /* the cluster log keeps no more of a line */
    if (bounded) {
        ck__mutex_lock(&d.m);
        int full = d.host_lines >= CK_DISPATCH_MAX_LINES;
        if (full)
            d.dropped++;
        ck__mutex_unlock(&d.m);
        if (full)
            return;
    }
    item *it = malloc(sizeof *it + len + 1);
    if (it == NULL)
        return;
    it->next = NULL;
    it->kind = kind;
    it->bounded = bounded;
    it->resource_id = resource_id;
    it->level = level;
    it->len = len;
    if (len != 0)
        memcpy(it->text, text, len);
    it->text[len] = '\0';
    ck__mutex_lock(&d.m);
    if (bounded && d.host_lines >= CK_DISPATCH_MAX_LINES) {
        d.dropped++; /* filled up meanwhile */
        ck__mutex_unlock(&d.m);
        free(it);
        return;
    }
    if (bounded)
        d.host_lines++;
    d.bytes += len;
    if (d.tail != NULL)
        d.tail->next = it;
    else
        d.head = it;
    d.tail = it;
    if (!d.running) {
        d.stop = 0;
        ck__event_reset(d.exited);
        if (ck__thread_start(&d.thread, dispatcher_main, NULL) == CK_OK)
            d.running = 1;
    }
    ck__cond_signal(&d.c);
    ck__mutex_unlock(&d.m);
}

void ck__dispatch_log(uint32_t resource_id, LOG_LEVEL level, const char *text, size_t len) {
    enqueue(ITEM_LOG, 0, resource_id, level, text, len);
}

void ck__dispatch_host_output(uint32_t resource_id, LOG_LEVEL level, const char *text, size_t len) {
    enqueue(ITEM_LOG, 1, resource_id, level, text, len);
}

void ck__dispatch_failed(uint32_t resource_id, const char *reason, size_t len) {
    enqueue(ITEM_FAILED, 0, resource_id, LOG_ERROR, reason, len);
}

void ck__dispatch_queued(size_t *lines, size_t *bytes, unsigned long long *dropped) {
    ck__once(&d_once, d_init);
    ck__mutex_lock(&d.m);
    *lines = d.host_lines;
    *bytes = d.bytes;
    *dropped = d.dropped;
    ck__mutex_unlock(&d.m);
}

void ck__dispatch_host_lost(uint32_t resource_id, long host_pid) {
    char line[200];
    int n = snprintf(line, sizeof line,
                     "the handler host (pid %ld) is gone while the resource is online; its "
                     "failure is signaled through the Online event handle",
                     host_pid);
    enqueue(ITEM_HOST_LOST, 0, resource_id, LOG_ERROR, line, n > 0 ? (size_t)n : 0);
}

void ck__dispatch_stop(uint32_t wait_ms) {
    ck__once(&d_once, d_init);
    ck__mutex_lock(&d.m);
    if (!d.running) {
        ck__mutex_unlock(&d.m);
        return;
    }
    d.stop = 1;
    ck__cond_signal(&d.c);
    ck_thread thread = d.thread;
    ck__mutex_unlock(&d.m);
    /* Bounded: a LogEvent callback whose thread is blocked must not hang Close. */
    int timed_out = ck__event_wait(d.exited, wait_ms);
    if (timed_out)
        ck__thread_detach(&thread);
    else
        ck__thread_join(&thread);
}
