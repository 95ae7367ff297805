/*
 * bench_lib.h - a resource library loaded the way RHS loads it, for the bench programs:
 * dlopen, minimal host services (an in-memory database shared by every instance), Startup,
 * and the SetResourceStatus reports of every instance (its handle is its index + 1).
 */
#ifndef CK_BENCH_LIB_H
#define CK_BENCH_LIB_H

#include <stdint.h>

#include "clusterkit.h"

typedef struct bench_lib {
    void *dl;
    const CLRES_V1_FUNCTIONS *f;
} bench_lib;

/* Loads path and calls Startup for type; room for max_instances. 0 or -1 (printed). */
int bench_lib_load(bench_lib *lib, const char *path, const char *type, int max_instances,
                   int verbose);
/* Stores Name=Value in the database (digits = DWORD, anything else = SZ); exits on misuse. */
void bench_db_set_arg(const char *arg);
/* Opens instance i (0-based) named "<prefix><i>". NULL on failure. */
RESID bench_open(bench_lib *lib, int i, const char *prefix);
/* Forgets instance i's last reported state (call before Online/Offline). */
void bench_state_reset(int i);
/* Records a final state for instance i as if reported (an entry point that completed
 * synchronously instead of returning ERROR_IO_PENDING). */
void bench_state_final(int i, int state);
/* Waits until instance i reports a final state; returns it, or -1 after timeout_ms. */
int bench_wait_final(int i, uint32_t timeout_ms);
/* Monotonic ns when instance i last reported a final state (0 = none since reset). */
uint64_t bench_final_at(int i);
/* Number of SetResourceStatus reports seen so far, and the longest gap (ms) any instance
 * went between a pending report and its next report (RHS's PendingTimeout clock). */
uint64_t bench_status_reports(void);
double bench_longest_pending_gap_ms(void);

#endif /* CK_BENCH_LIB_H */
