// When has a managed process ended? A multi-threaded process (Node.js, Java) whose main
// thread has exited shows that thread as a zombie in /proc while its other threads still run
// and still hold its files. Terminate answered then, and the next Online found the old
// listening socket still open ("port in use"). Driven by a real C program whose main thread
// exits first while a second thread keeps a listening socket.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { probeTcp } from '../src/bundle/runtime/probes.js';
import { groupAlive, processLiving } from '../src/bundle/runtime/process-group.js';
import { isProcessRunning } from '../src/dev/harness/processes.js';

const PROGRAM = String.raw`
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>
static void *hold(void *arg) {
    char c;
    (void)arg;
    while (read(0, &c, 1) > 0) {
    }
    _exit(0);
}
int main(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    socklen_t len = sizeof a;
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 4) != 0 ||
        getsockname(s, (struct sockaddr *)&a, &len) != 0)
        return 1;
    printf("%d\n", ntohs(a.sin_port));
    fflush(stdout);
    pthread_t t;
    if (pthread_create(&t, NULL, hold, NULL) != 0)
        return 1;
    pthread_exit(NULL);
}
`;

let dir: string;
let exe: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ck-pgroup-'));
  writeFileSync(join(dir, 'leader-exits.c'), PROGRAM);
  exe = join(dir, 'leader-exits');
  const cc = spawnSync('cc', ['-pthread', '-o', exe, join(dir, 'leader-exits.c')], {
    encoding: 'utf8',
  });
  expect(cc.status, cc.stderr).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mainThreadState = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
};

describe.runIf(process.platform === 'linux')('process-group liveness', () => {
  it('counts a process whose main thread is a zombie as running while another thread holds its socket', async () => {
    const child = spawn(exe, [], { detached: true, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = once(child, 'exit');
    try {
      const [first] = (await once(child.stdout!, 'data')) as [Buffer];
      const port = Number(first.toString().trim());
      const pid = child.pid!;
      await vi.waitFor(() => expect(mainThreadState(pid)).toBe('Z'), { timeout: 10_000 });

      expect(await probeTcp(port)).toBe(true);
      expect(processLiving(pid, 'Z')).toBe(true);
      expect(groupAlive(pid)).toBe(true);
      expect(isProcessRunning(pid)).toBe(true);

      child.stdin!.end(); // the holding thread ends the process
      await exited;
      expect(groupAlive(pid)).toBe(false);
      expect(isProcessRunning(pid)).toBe(false);
      expect(await probeTcp(port)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
