/*
 * fuzz_process_stubs.c - the process half of the platform layer for the fuzz targets that
 * link the supervisor: fuzzed SPAWNED events carry arbitrary process-group ids, and a fuzz
 * run must never signal a real process. Nothing is started, killed or reaped here; group
 * liveness is a pure function of the id, so pruning runs both ways.
 */
#include "platform/platform.h"

#include "errors.h"

int ck__process_spawn(const char *path, char *const argv[], char *const envp[], ck_process *out,
                      int *os_error) {
    (void)path, (void)argv, (void)envp, (void)out;
    if (os_error != NULL)
        *os_error = 0;
    return CK_ERR_SPAWN;
}

void ck__process_kill_group(long pgid) {
    (void)pgid;
}

int ck__process_group_alive(long pgid) {
    return pgid > 1 && pgid % 3 != 0;
}

int ck__process_reap(long pid, int *exit_code) {
    (void)pid;
    if (exit_code != NULL)
        *exit_code = 0;
    return 1;
}

void ck__process_close_pipes(ck_process *p) {
    ck__fd_close(&p->stdin_w);
    ck__fd_close(&p->stdout_r);
    ck__fd_close(&p->stderr_r);
}
