/**
 * A rig never outlives the process that started it: each node's PID 1 holds a pipe from
 * that process and shuts the node down (pacemakerd, then corosync) when the pipe closes,
 * and the next rig sweeps the namespaces and folder of a dead owner.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { bundleTsEntry, kitRootFrom } from '../../src/dev/cluster/entry-script.js';
import { runArgv } from './rig/exec.js';
import { listRigProcesses, sweepStaleRigs } from './rig/index.js';
import { pollUntil } from './rig/poll.js';

const here = dirname(fileURLToPath(import.meta.url));

async function readyLine(child: ReturnType<typeof spawn>): Promise<string[]> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const m = /^ready (\S+) (\S+)$/.exec(line);
    if (m) return [m[1], m[2]];
  }
  throw new Error('the owner process ended before its rig was ready');
}

it(
  'stops a rig whose owner process was killed, and sweeps what is left',
  { timeout: 120_000 },
  async () => {
    const out = join(kitRootFrom(here)!, 'build', 'ts-entries', 'rig-owner.mjs');
    await bundleTsEntry(join(here, 'fixtures', 'rig-owner.ts'), out, join(here, 'rig'));
    const owner = spawn(process.execPath, [out], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [runId, dir] = await readyLine(owner);
    expect(listRigProcesses(runId).map((p) => p.comm)).toContain('pacemakerd');

    // Opened now, readable even if a concurrent test's sweep removes the folder later.
    const pacemakerLog = openSync(join(dir, 'node1', 'log', 'pacemaker', 'pacemaker.log'), 'r');
    const corosyncLog = openSync(join(dir, 'node1', 'log', 'corosync', 'corosync.log'), 'r');
    owner.kill('SIGKILL');
    const gone = await pollUntil(() => listRigProcesses(runId).length === 0, {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    expect(gone).toBe(true);
    // The node went down in order, not by the kernel killing its namespace.
    expect(readFileSync(pacemakerLog, 'utf8')).toMatch(/pacemakerd.*Shutdown complete/);
    expect(readFileSync(corosyncLog, 'utf8')).toContain('Corosync Cluster Engine exiting normally');

    closeSync(pacemakerLog);
    closeSync(corosyncLog);
    await sweepStaleRigs();
    expect(existsSync(dir)).toBe(false);
    expect((await runArgv('ip', ['netns', 'list'])).stdout).not.toContain(runId.split('.')[1]);
  },
);
