/*
 * fuzz_host.c - libFuzzer target for what a handler host sends the library: the bytes go,
 * in chunks of sizes taken from the input, through a real pipe to the library's own stdout
 * reader thread (host/stdout_reader.c), which reassembles frames across reads, grows its
 * buffer, and hands each frame to the supervisor: HELLO (version, malformed, foreign schema
 * hash), responses to a pending request, LOG, PROGRESS, FAILED, PUBLISH, SPAWNED and EXITED
 * for open instances. Nothing may crash, read out of bounds, leak, or hang. Processes are stubs
 * (fuzz_process_stubs.c): no fuzzed process-group id is ever signaled.
 *
 * Input: byte 0 bit 0 = HELLO already accepted (so events are reached without one), byte 1 =
 * chunking seed; the rest is the stream.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host/supervisor.h"

static ck_instance *instances[2];

static void setup_once(void) {
    static int done;
    if (done)
        return;
    done = 1;
    ck__host_init();
    static const WCHAR a[] = {'A', 0}, b[] = {0x6570, 0x636E, 0xD834, 0xDD1E, 0}; /* 数据𝄞 */
    instances[0] = ck__instance_create(a, NULL, (RESOURCE_HANDLE)(uintptr_t)1);   /* id 1 */
    instances[1] = ck__instance_create(b, NULL, (RESOURCE_HANDLE)(uintptr_t)2);   /* id 2 */
    if (instances[0] == NULL || instances[1] == NULL)
        abort();
}

/* Writes the stream in chunks of 1..64 bytes or whole, as the seed says, then closes. */
static void feed(int fd, const uint8_t *data, size_t size, uint8_t seed) {
    size_t at = 0;
    uint32_t x = seed * 2654435761u + 1;
    while (at < size) {
        x = x * 1103515245u + 12345u;
        size_t n = (seed & 1) ? 1 + (x >> 16) % 64 : size - at;
        if (n > size - at)
            n = size - at;
        ssize_t w = write(fd, data + at, n);
        if (w <= 0)
            break; /* the reader stopped: a broken frame */
        at += (size_t)w;
    }
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2 || size > 256 * 1024)
        return 0;
    setup_once();
    int fds[2];
    if (pipe(fds) != 0)
        abort();
    ck_host_run *run = calloc(1, sizeof *run);
    if (run == NULL || ck__host_reader_init(run) != CK_OK)
        abort();
    run->proc.pid = 0;
    run->proc.pgid = 0;
    run->proc.stdin_w = CK_FD_NONE;
    run->proc.stderr_r = CK_FD_NONE;
    run->proc.stdout_r = fds[0];
    run->hello = (data[0] & 1) ? 1 : 0;
    /* A request in flight on instance 1, so responses have something to answer. */
    ck_request req;
    memset(&req, 0, sizeof req);
    req.id = 7;
    req.op = CK_OP_CONTROL;
    req.resource_id = 1;
    req.linked = 1; /* answered by a response, or as failed when the run dies */
    ck__mutex_lock(&ck__g.lock);
    run->gen = ++ck__host.gen;
    ck__host.run = run;
    ck__host.state = CK_HOST_READY;
    ck__host.requests = &req;
    ck__mutex_unlock(&ck__g.lock);

    ck_thread reader;
    if (ck__thread_start(&reader, ck__host_stdout_reader, run) != CK_OK)
        abort();
    feed(fds[1], data + 2, size - 2, data[1]);
    ck__thread_join(&reader);

    ck__mutex_lock(&ck__g.lock);
    if (!run->dead || req.linked || !ck__request_done(&req))
        abort(); /* the reader always ends by marking the run dead, which answers req */
    ck__host.requests = NULL;
    ck__host.run = NULL;
    ck__host.state = CK_HOST_NONE;
    for (int i = 0; i < 2; i++) {
        ck_instance *inst = instances[i];
        /* PUBLISH keeps the list as sent; GET_RO_PRIVATE_PROPERTIES checks it before use. */
        free(inst->published);
        inst->published = NULL;
        inst->published_size = 0;
        inst->pgroup_count = 0;
    }
    ck__mutex_unlock(&ck__g.lock);
    free(req.reply);
    ck__fd_close(&run->proc.stdout_r);
    ck__host_reader_free(run);
    free(run);
    return 0;
}
