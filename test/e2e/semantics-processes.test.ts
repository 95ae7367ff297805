// Managed processes as the SDK now offers them, through the real library and host: stdin,
// another account (a real one, made for the test), the output hook, a leader-only stop, the
// scratch folder (removed at Offline, Terminate, Close, and after a host crash), ctx.node, and
// ctx.fail being quiet during a normal Offline.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  descendantProcesses,
  isProcessRunning,
  OnlineFailedError,
  ResourceMonitor,
  userControlCode,
  type HarnessEvent,
  type LogEvent,
  type Resource,
} from '../../src/dev/harness/index.js';
import { buildInTemp, fixture, freePort, type BuiltType } from './helpers.js';

const NODE = 'node-under-test';
const ACCOUNT = `ck-test-${process.pid}`;

describe('managed processes: stdin, user, output, stop, scratch, node', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;
  let savedNode: string | undefined;
  const events: HarnessEvent[] = [];
  let firstApps: number[] = [];

  const props = async (res: Resource) => {
    const r = await res.control(userControlCode(1));
    return JSON.parse(Buffer.from(r.data).toString('utf8')) as Record<string, any>;
  };
  const logText = (name: string) => monitor.logs.since(0, name, 1e6).join('\n');
  const hostPid = () => monitor.hostProcesses()[0].pid;
  const apps = () => descendantProcesses(hostPid());

  beforeAll(async () => {
    savedNode = process.env.CLUSTERKIT_NODE_NAME;
    process.env.CLUSTERKIT_NODE_NAME = NODE; // what the local cluster sets per simulated node
    execFileSync('useradd', [
      '--system',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      ACCOUNT,
    ]);
    built = await buildInTemp(fixture('s-semantics.ts'));
    monitor = await ResourceMonitor.load({ library: built.library, type: built.typeName });
    monitor.on('event', (e) => events.push(e));
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
    execFileSync('userdel', [ACCOUNT]);
    if (savedNode === undefined) delete process.env.CLUSTERKIT_NODE_NAME;
    else process.env.CLUSTERKIT_NODE_NAME = savedNode;
  });

  it('hands the secret on stdin, keeps a 0700 scratch folder while online and removes it at Offline', async () => {
    const res = await monitor.createResource('P1', {
      Port: await freePort(),
      DataDir: '/srv/p1',
      Password: 'on-stdin-only',
    });
    await res.online();
    const { scratch, node } = await props(res);
    expect(node).toBe(NODE);
    expect(statSync(scratch).mode & 0o777).toBe(0o700);
    await expect.poll(() => existsSync(`${scratch}/stdin.txt`)).toBe(true);
    expect(readFileSync(`${scratch}/stdin.txt`, 'utf8')).toBe('on-stdin-only');
    firstApps = apps().map((p) => p.pid);
    expect(firstApps.length).toBeGreaterThanOrEqual(2); // the app and the child in its group
    await res.offline();
    expect(existsSync(scratch)).toBe(false);
    await res.close();
  });

  it('logs each line at the level onLine chose, leaves out the ones it drops', async () => {
    const text = logText('P1');
    expect(text).not.toMatch(/NOISE ignore me/);
    const levelOf = (needle: string) =>
      events
        .filter((e) => e.type === 'log' && e.resource === 'P1' && e.text.includes(needle))
        .map((e) => (e as LogEvent).level);
    expect(levelOf('FATAL: pretend trouble')).toEqual([2]); // LOG_ERROR
    expect(levelOf('listening')).toEqual([0]); // LOG_INFORMATION, the default
  });

  it("stops the leader alone with SIGINT after offline(); the group's other member is SIGKILLed after the grace", async () => {
    const text = logText('P1');
    expect(text).toMatch(/leader got SIGINT/);
    expect(text).not.toMatch(/child got SIGINT/);
    expect(firstApps.filter(isProcessRunning)).toEqual([]);
  });

  it('is quiet about ctx.fail while Offline stops the application', () => {
    expect(logText('P1')).not.toMatch(/ignored: the resource is not online/);
    expect(monitor.resource('P1')).toBeUndefined();
  });

  it('removes the scratch folder at Terminate and at Close', async () => {
    const res = await monitor.createResource('P2', { Port: await freePort(), DataDir: '/srv/p2' });
    await res.online();
    const first = (await props(res)).scratch as string;
    await res.terminate();
    expect(existsSync(first)).toBe(false);
    await res.online();
    const second = (await props(res)).scratch as string;
    expect(second).not.toBe(first);
    await res.close(); // Close of an online resource terminates it
    expect(existsSync(second)).toBe(false);
  });

  it("ignores ctx.fail from an earlier online period's callback (an old process's exit seen late)", async () => {
    const res = await monitor.createResource('P6', { Port: await freePort(), DataDir: '/srv/p6' });
    await res.online();
    await res.terminate();
    await res.online();
    await res.control(userControlCode(5)); // FailStale: the first online's ctx.fail('stale')
    await res.control(userControlCode(1)); // a round trip after it
    expect(res.state).toBe('Online');
    expect(logText('P6')).not.toMatch(/stale/);
    await res.close();
  });

  it('the next host removes the scratch folders a crashed host left', async () => {
    const res = await monitor.createResource('P3', { Port: await freePort(), DataDir: '/srv/p3' });
    await res.online();
    const left = (await props(res)).scratch as string;
    const crashed = hostPid();
    process.kill(crashed, 'SIGKILL');
    await res.waitForState('Failed');
    await expect.poll(() => isProcessRunning(crashed)).toBe(false);
    expect(existsSync(left)).toBe(true);
    await res.online(); // a new host: it sweeps what the dead one left
    expect(existsSync(left)).toBe(false);
    await res.close();
  });

  it('runs the application as another account: its uid and gid, and files it writes are its own', async () => {
    const uid = Number(execFileSync('id', ['-u', ACCOUNT], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', ACCOUNT], { encoding: 'utf8' }));
    const res = await monitor.createResource('P4', {
      Port: await freePort(),
      DataDir: '/srv/p4',
      RunAs: ACCOUNT,
      Password: 'x',
    });
    await res.online();
    const app = apps().find((p) => p.argv.includes('-e'))!;
    const status = readFileSync(`/proc/${app.pid}/status`, 'utf8');
    expect(/^Uid:\s+(\d+)\s+(\d+)/m.exec(status)!.slice(1).map(Number)).toEqual([uid, uid]);
    expect(/^Gid:\s+(\d+)\s+(\d+)/m.exec(status)!.slice(1).map(Number)).toEqual([gid, gid]);
    expect(/^Groups:(.*)$/m.exec(status)![1].trim()).toBe(''); // root's groups are dropped
    const environ = readFileSync(`/proc/${app.pid}/environ`, 'utf8').split('\0');
    expect(environ).toContain(`USER=${ACCOUNT}`);
    const { scratch } = await props(res);
    await expect.poll(() => existsSync(`${scratch}/stdin.txt`)).toBe(true);
    expect(statSync(`${scratch}/stdin.txt`).uid).toBe(uid);
    await res.offline();
    expect(existsSync(scratch)).toBe(false);
    await res.close();
  });

  it('refuses an unknown account with one line', async () => {
    const res = await monitor.createResource('P5', {
      Port: await freePort(),
      DataDir: '/srv/p5',
      RunAs: 'ck-no-such-account',
    });
    const err = await res.online().then(
      () => undefined,
      (e: unknown) => e as OnlineFailedError,
    );
    expect(err).toBeInstanceOf(OnlineFailedError);
    expect(err!.reason).toBe(
      'user "ck-no-such-account" does not exist on this node (not in the passwd database)',
    );
    await res.close();
  });
});
