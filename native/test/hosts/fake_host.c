/*
 * fake_host.c - a stand-in handler host for the C tests, speaking docs/protocol.md on
 * stdin/stdout. Run as CLUSTERKIT_NODE with any existing file as the "bundle"; the
 * behaviour comes from CK_FAKE_MODE:
 *   ok                 answers everything; ONLINE sends 2 PROGRESS, PUBLISH and SPAWNED
 *                      (a real `sleep` in its own process group) before succeeding
 *   fail-online        ONLINE answers 5038 "port in use"
 *   fail-after-online  like ok, then a FAILED event right after the ONLINE answer
 *   hang-alive         LOOKS_ALIVE / IS_ALIVE are never answered
 *   hang-online        ONLINE is answered (995) only when TERMINATE or CANCEL comes
 *   hang-terminate     like ok, but TERMINATE and PING are never answered
 *   slow-hello         like ok, but HELLO comes only after 2.5 s
 *   grandchild         like ok, but the managed process's leader starts a `sleep` in its own
 *                      group and exits; EXITED is sent for the leader, the sleep stays
 * CK_TEST_PIDFILE / CK_TEST_CHILDFILE receive the host's and the app's pids.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HASH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static const char *mode = "ok";
static uint32_t pending_online_id, pending_online_res;

static void put32(uint8_t *p, uint32_t v) {
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static uint32_t get32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void send_frame(int kind, int code, uint32_t id, uint32_t res, uint32_t status,
                       const void *payload, uint32_t size) {
    uint8_t h[20];
    put32(h, 16 + size);
    h[4] = 1;
    h[5] = (uint8_t)kind;
    h[6] = (uint8_t)code;
    h[7] = (uint8_t)(code >> 8);
    put32(h + 8, id);
    put32(h + 12, res);
    put32(h + 16, status);
    fwrite(h, 1, 20, stdout);
    if (size != 0)
        fwrite(payload, 1, size, stdout);
    fflush(stdout);
}

static void reply(int code, uint32_t id, uint32_t res, uint32_t status, const char *text) {
    send_frame(2, code, id, res, status, text, text != NULL ? (uint32_t)strlen(text) : 0);
}

static void write_pid(const char *env, long pid) {
    const char *path = getenv(env);
    FILE *f = path != NULL ? fopen(path, "w") : NULL;
    if (f != NULL) {
        fprintf(f, "%ld\n", pid);
        fclose(f);
    }
}

static void hello(void) {
    uint8_t p[128];
    size_t hl = strlen(HASH);
    put32(p, 1);
    put32(p + 4, (uint32_t)getpid());
    p[8] = (uint8_t)hl;
    p[9] = 0;
    memcpy(p + 10, HASH, hl);
    p[10 + hl] = 4;
    p[11 + hl] = 0;
    memcpy(p + 12 + hl, "fake", 4);
    send_frame(3, 1, 0, 0, 0, p, (uint32_t)(16 + hl));
}

static void online(uint32_t id, uint32_t res) {
    if (strcmp(mode, "fail-online") == 0) {
        reply(0x12, id, res, 5038, "port in use");
        return;
    }
    if (strcmp(mode, "hang-online") == 0) {
        pending_online_id = id;
        pending_online_res = res;
        send_frame(3, 3, 0, res, 0, "starting", 8);
        return;
    }
    send_frame(3, 3, 0, res, 0, "step 1", 6);
    send_frame(3, 3, 0, res, 0, NULL, 0);
    const uint8_t published[] = {1, 2, 3, 4};
    send_frame(3, 5, 0, res, 0, published, sizeof published);
    int grandchild = strcmp(mode, "grandchild") == 0;
    pid_t child = fork();
    if (child == 0) {
        setpgid(0, 0);
        if (grandchild) {
            /* The leader leaves a child in its group and exits, as a daemonizing app does. */
            pid_t sleeper = fork();
            if (sleeper == 0) {
                execl("/bin/sleep", "sleep", "60", (char *)NULL);
                _exit(127);
            }
            write_pid("CK_TEST_CHILDFILE", (long)sleeper);
            _exit(0);
        }
        execl("/bin/sleep", "sleep", "60", (char *)NULL);
        _exit(127);
    }
    setpgid(child, child);
    if (!grandchild)
        write_pid("CK_TEST_CHILDFILE", (long)child);
    uint8_t sp[8];
    put32(sp, (uint32_t)child);
    put32(sp + 4, (uint32_t)child);
    send_frame(3, 6, 0, res, 0, sp, 8);
    if (grandchild) {
        /* SIGCHLD is ignored, so the leader is reaped by itself; wait until it is gone. */
        while (kill(child, 0) == 0) {
            struct timespec ts = {0, 5000000L};
            nanosleep(&ts, NULL);
        }
        uint8_t ex[8];
        put32(ex, (uint32_t)child);
        put32(ex + 4, 0);
        send_frame(3, 7, 0, res, 0, ex, 8);
    }
    send_frame(3, 2, 0, res, 1, "app started", 11);
    reply(0x12, id, res, 0, NULL);
    if (strcmp(mode, "fail-after-online") == 0)
        send_frame(3, 4, 0, res, 0, "app crashed", 11);
}

static void finish_pending(void) {
    if (pending_online_id != 0)
        reply(0x12, pending_online_id, pending_online_res, 995, "aborted");
    pending_online_id = 0;
}

int main(int argc, char **argv) {
    signal(SIGCHLD, SIG_IGN); /* the sleeping app is reaped automatically */
    const char *m = getenv("CK_FAKE_MODE");
    if (m != NULL && m[0] != '\0')
        mode = m;
    write_pid("CK_TEST_PIDFILE", (long)getpid());
    fprintf(stderr, "fake host starting in mode %s\n", mode);
    /* The command line the library gave "node", for the tests that check it. */
    for (int i = 1; i < argc; i++)
        fprintf(stderr, "fake host argv[%d] %s\n", i, argv[i]);
    if (strcmp(mode, "slow-hello") == 0) {
        struct timespec ts = {2, 500000000L};
        nanosleep(&ts, NULL);
    }
    hello();
    uint8_t h[20], payload[65536];
    while (fread(h, 1, 20, stdin) == 20) {
        uint32_t len = get32(h), size = len - 16;
        if (len < 16 || size > sizeof payload || fread(payload, 1, size, stdin) != size)
            return 70;
        int code = h[6] | h[7] << 8;
        uint32_t id = get32(h + 8), res = get32(h + 12);
        int hang_alive = strcmp(mode, "hang-alive") == 0;
        int hang_term = strcmp(mode, "hang-terminate") == 0;
        switch (code) {
        case 0x12:
            online(id, res);
            break;
        case 0x15:
        case 0x16:
            if (!hang_alive)
                send_frame(2, code, id, res, 0, "\1", 1);
            break;
        case 0x14:
            if (hang_term)
                break;
            finish_pending();
            reply(code, id, res, 0, NULL);
            break;
        case 0x17:
            finish_pending();
            reply(code, id, res, 0, NULL);
            break;
        case 0x1B:
            if (!hang_term)
                reply(code, id, res, 0, NULL);
            break;
        case 0x1C:
            reply(code, id, res, 0, NULL);
            return 0;
        default:
            reply(code, id, res, 0, NULL);
            break;
        }
    }
    return 0;
}
