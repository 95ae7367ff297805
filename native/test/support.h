/*
 * support.h - helpers shared by the C tests: a tiny assertion kit, the shared vector
 * files, and minimal host services (an in-memory database, a log capture, status and
 * event-signal recorders) standing in for the harness.
 */
#ifndef CK_TEST_SUPPORT_H
#define CK_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "clusterkit.h"

extern int ck_test_failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
            ck_test_failures++;                                                                    \
        }                                                                                          \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long ck_a_ = (long long)(a), ck_b_ = (long long)(b);                                  \
        if (ck_a_ != ck_b_) {                                                                      \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s = %lld, %s = %lld\n", __FILE__, __LINE__,  \
                    #a, ck_a_, #b, ck_b_);                                                         \
            ck_test_failures++;                                                                    \
        }                                                                                          \
    } while (0)

/* Prints the verdict and returns the process exit code. */
int ck_test_finish(const char *name);

/* Hex text -> bytes (malloc'd; "-" or "" = empty). Returns -1 on bad hex. */
long ck_test_unhex(const char *hex, uint8_t **out);

/* Reads CK_REPO_ROOT/test/vectors/<file> and calls fn for each data line split on TABs
 * (at most 8 fields). Returns the number of lines, or -1 if the file cannot be read. */
typedef void (*ck_test_line_fn)(int nfields, char **fields, void *ctx);
int ck_test_vectors(const char *file, ck_test_line_fn fn, void *ctx);

/* ---- fake RHS / cluster service ---- */

/* Binds the in-memory database + event recorder and records LogEvent / status calls. */
void ck_test_bind_services(void);
PLOG_EVENT_ROUTINE ck_test_log_event(void);
PSET_RESOURCE_STATUS_ROUTINE ck_test_set_status(void);
/* 1 once a log line containing `needle` was written (waits up to timeout_ms). */
int ck_test_wait_log(const char *needle, uint32_t timeout_ms);
/* Waits until the last status reported for handle is `state`; 1 if it was reached. */
int ck_test_wait_status(RESOURCE_HANDLE handle, int state, uint32_t timeout_ms);
/* Waits until handle has more than `after` status reports and the last is `state`. */
int ck_test_wait_new_status(RESOURCE_HANDLE handle, int state, int after, uint32_t timeout_ms);
/* What the fake SetResourceStatus answers for handle (ResourceExitStateContinue by default). */
void ck_test_status_answer(RESOURCE_HANDLE handle, DWORD answer);
/* Number of status reports for handle so far, and the last one. */
int ck_test_status_count(RESOURCE_HANDLE handle, RESOURCE_STATUS *last);
/* Number of event_signaled calls for that event handle. */
int ck_test_signal_count(HANDLE event);
/* Makes `count` db_set calls fail with status, starting with the nth from now (1 = the next). */
void ck_test_db_fail_set(int nth, int count, DWORD status);
/* Stores a DWORD / UTF-8 string value in the fake database under key. */
void ck_test_db_set_dword(HKEY key, const char *name, DWORD value);
/* Prints captured log lines to stderr (on failure). */
void ck_test_dump_log(void);
/* Binds the services and calls Startup for the fixture type with the range 0x100-0x200. */
const CLRES_V2_FUNCTIONS *ck_test_startup_v2(void);
/* A fresh temp file path for a pid file (removed first). */
void ck_test_pidfile(char *buf, size_t cap, const char *tag);
/* Reads a pid from a file, waiting up to timeout_ms for it to appear; 0 if none. */
long ck_test_read_pid(const char *path, uint32_t timeout_ms);
/* 1 once the process no longer exists (zombies count as gone); waits up to timeout_ms. */
int ck_test_wait_gone(long pid, uint32_t timeout_ms);
/* Monotonic milliseconds. */
uint64_t ck_test_now_ms(void);

#endif /* CK_TEST_SUPPORT_H */
