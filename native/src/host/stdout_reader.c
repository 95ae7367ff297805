/*
 * stdout_reader.c - who reads the host's stdout. One thread at a time holds the pipe
 * (run->reading) and handles every whole frame of what it read under one lock, so one
 * wake-up delivers every answer that is ready.
 *
 * The caller of a short request reads its own answer when nobody else is reading: the
 * host's write wakes the caller itself, with no thread in between. A caller that finds
 * the pipe taken sleeps until its answer is delivered, or until the pipe is handed to it.
 * The run's background thread reads only when no short caller has waited for LINGER_MS,
 * or while a long request (Online/Offline) waits, or once the host has exited: under load
 * it sleeps, between bursts it catches the events (LOG, FAILED, EXITED) and the end of
 * the stream, and it reaps the host at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/supervisor.h"

#define READ_CHUNK 65536u
/* The background reader looks at stop and at the host process this often. */
#define POLL_MS 250u
/* After a short caller waited, the background reader leaves the pipe to callers this long:
 * events that arrive meanwhile with no caller reading wait at most this. */
#define LINGER_MS 10u
/* A caller reading its answer looks at stop this often. */
#define SLICE_MS 50u

static const char closed_why[] = "closed its output; marked dead";

int ck__host_reader_init(ck_host_run *run) {
    ck__cond_init(&run->bg_cond);
    snprintf(run->why, sizeof run->why, "%s", closed_why);
    run->buf = malloc(READ_CHUNK);
    run->cap = READ_CHUNK;
    return run->buf != NULL ? CK_OK : CK_ERR_NOMEM;
}

void ck__host_reader_free(ck_host_run *run) {
    free(run->buf);
    free(run->claims);
    run->buf = NULL;
    run->claims = NULL;
    ck__cond_destroy(&run->bg_cond);
}

/* Pipe held, no lock: hands every answer taken from the table to its caller. */
static void deliver_claims(ck_host_run *run) {
    for (size_t i = 0; i < run->claim_count; i++) {
        ck_claim *c = &run->claims[i];
        ck__request_answer(c->req, c->status, c->payload, c->size);
    }
    run->claim_count = 0;
}

/* Pipe held, no lock. Waits at most timeout_ms for output, reads what is there and handles
 * every whole frame. 1 = read something, 0 = nothing came, -1 = the stream ended or broke
 * (run->why says how). */
static int read_chunk(ck_host_run *run, uint32_t timeout_ms) {
    long n =
        ck__pipe_read(run->proc.stdout_r, run->buf + run->len, run->cap - run->len, timeout_ms);
    if (n == CK_ERR_TIMEOUT)
        return 0;
    if (n <= 0)
        return -1;
    run->len += (size_t)n;
    size_t need;
    ck__mutex_lock(&ck__g.lock);
    long used = ck__host_decode_locked(run, run->buf, run->len, &need);
    ck__mutex_unlock(&ck__g.lock);
    /* Outside the lock: waking each caller must not keep the others from the table. */
    deliver_claims(run);
    if (used < 0) {
        snprintf(run->why, sizeof run->why, "sent a broken frame (%s: %s); killed it",
                 ck__err_name((int)used), ck__err_message((int)used));
        return -1;
    }
    memmove(run->buf, run->buf + used, run->len - (size_t)used);
    run->len -= (size_t)used;
    if (need > run->cap || run->len == run->cap) {
        size_t grown = need > run->cap ? need : run->cap * 2;
        uint8_t *bigger = realloc(run->buf, grown);
        if (bigger == NULL) {
            snprintf(run->why, sizeof run->why, "%s",
                     "could not be read (out of memory); killed it");
            return -1;
        }
        run->buf = bigger;
        run->cap = grown;
    }
    return 1;
}

/* Lock held. The output ended: the run is dead (logged unless it was asked to exit) and the
 * background reader wakes to reap the host. */
static void end_locked(ck_host_run *run) {
    if (run->ended)
        return;
    run->ended = 1;
    ck__host_mark_dead_locked(run, run->expect_exit ? NULL : run->why);
    ck__cond_signal(&run->bg_cond);
}

/* Lock held. The pipe is free again: a caller still sleeping for its answer gets it, so
 * that answer does not wait for the background reader's linger. */
static void release_locked(ck_host_run *run) {
    run->reading = CK_READER_NONE;
    if (run->stop)
        ck__cond_broadcast(&ck__host.cond); /* cleanup_run waits for callers to leave */
    if (ck__host.run != run || run->ended)
        return;
    for (ck_request *r = ck__host.requests; r != NULL; r = r->next)
        if (r->parked && r->may_read && !r->queued) {
            ck__request_poke(r);
            return;
        }
    if (ck__host.long_waiting > 0)
        ck__cond_signal(&run->bg_cond);
}

int ck__host_lead_locked(ck_request *req, uint32_t gen, uint64_t deadline_us) {
    ck_host_run *run = ck__host.run;
    if (!req->may_read || run == NULL || run->gen != gen || run->reading != CK_READER_NONE ||
        run->ended || run->stop)
        return 0;
    run->reading = CK_READER_CALLER;
    uint64_t now = ck__now_us();
    while (req->linked && !run->ended && !run->stop && now < deadline_us) {
        uint64_t left_ms = (deadline_us - now + 999u) / 1000u;
        ck__mutex_unlock(&ck__g.lock);
        int got = read_chunk(run, left_ms < SLICE_MS ? (uint32_t)left_ms : SLICE_MS);
        ck__mutex_lock(&ck__g.lock);
        if (got < 0)
            end_locked(run);
        now = ck__now_us();
    }
    release_locked(run);
    return 1;
}

void ck__host_long_wait_locked(int delta) {
    ck__host.long_waiting = (unsigned)((int)ck__host.long_waiting + delta);
    ck_host_run *run = ck__host.run;
    if (delta > 0 && run != NULL && run->reading == CK_READER_NONE)
        ck__cond_signal(&run->bg_cond);
}

/* ---- the background reader ---- */

static int host_exited(ck_host_run *run) {
    int code = 0;
    if (ck__process_reap(run->proc.pid, &code) != 1)
        return 0;
    ck__mutex_lock(&ck__g.lock);
    run->reaped = 1;
    int quiet = run->expect_exit;
    ck__mutex_unlock(&ck__g.lock);
    ck__log_deferred(0, quiet || code == 0 ? LOG_INFORMATION : LOG_WARNING,
                     "handler host (pid %ld) exited with code %d", run->proc.pid, code);
    return 1;
}

static void reap(ck_host_run *run) {
    ck__mutex_lock(&ck__g.lock);
    int reaped = run->reaped;
    ck__mutex_unlock(&ck__g.lock);
    uint64_t deadline = ck__now_ms() + 3000u;
    while (!reaped && !host_exited(run) && ck__now_ms() < deadline)
        ck__sleep_ms(5);
}

/* Lock held. 1 when the background reader should take the pipe now; else *until is when
 * to look again. */
static int background_turn_locked(ck_host_run *run, uint64_t now, uint64_t *until) {
    *until = now + POLL_MS;
    if (run->reading != CK_READER_NONE)
        return 0;
    /* Nobody else will read: the host has exited, is dying or being shut down, or a long
     * request waits for its answer. */
    if (run->exited || run->dead || run->expect_exit || ck__host.long_waiting > 0 ||
        ck__host.run != run)
        return 1;
    uint64_t quiet = run->last_short_ms + LINGER_MS;
    if (now >= quiet)
        return 1;
    *until = quiet;
    return 0;
}

void ck__host_stdout_reader(void *arg) {
    ck_host_run *run = arg;
    ck__mutex_lock(&ck__g.lock);
    uint64_t next_check = ck__now_ms() + POLL_MS;
    while (!run->stop && !run->ended) {
        uint64_t now = ck__now_ms(), until;
        if (now >= next_check && !run->exited) {
            /* A process the host started may hold its stdout open after the host died, so
             * EOF alone is not enough: look at the host itself, then drain what it wrote. */
            ck__mutex_unlock(&ck__g.lock);
            int gone = host_exited(run);
            ck__mutex_lock(&ck__g.lock);
            run->exited = gone;
            next_check = now + POLL_MS;
            continue;
        }
        if (!background_turn_locked(run, now, &until)) {
            if (!run->exited && next_check < until)
                until = next_check;
            ck__cond_wait_until(&run->bg_cond, &ck__g.lock, until);
            continue;
        }
        run->reading = CK_READER_BACKGROUND;
        int drain = run->exited;
        ck__mutex_unlock(&ck__g.lock);
        int got = read_chunk(run, drain ? 0 : POLL_MS);
        ck__mutex_lock(&ck__g.lock);
        if (got < 0 || (got == 0 && drain))
            end_locked(run);
        else if (got == 0)
            next_check = 0; /* quiet for POLL_MS: look at the host now */
        release_locked(run);
    }
    ck__mutex_unlock(&ck__g.lock);
    reap(run);
}
