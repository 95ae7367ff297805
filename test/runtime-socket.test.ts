/**
 * The host's OCF transport: a persistent host on a UNIX socket keeps its instance and
 * managed processes across connections, replays a current failure to the next caller,
 * serves connections one at a time, answers a request only on its own connection and removes
 * its socket on SHUTDOWN.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeProperties } from '../src/bundle/clusprop/index.js';
import {
  decodeHello,
  decodeSpawned,
  decodeText,
  encodeStr,
  Ev,
  Op,
} from '../src/bundle/protocol/index.js';
import { bundleFixture, FrameClient, groupAlive, waitFor } from './runtime-driver.js';

const dir = mkdtempSync(join(tmpdir(), 'ck-socket-'));
const bundle = join(dir, 'rt-basic.handler.js');
const runDir = join(dir, 'run');
const socketPath = join(runDir, 'res.sock');
const props = (values: Record<string, unknown>) =>
  encodeProperties({ Mode: 'string', Port: 'dword' } as const, values);
let host: ChildProcess;
let hostErr = '';

class SocketClient extends FrameClient {
  constructor(readonly socket: Socket) {
    super((bytes) => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => this.feed(chunk));
  }

  static async open(): Promise<SocketClient> {
    const socket = connect(socketPath);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new SocketClient(socket);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }
}

beforeAll(async () => {
  await bundleFixture('rt-basic', bundle);
  mkdirSync(runDir, { mode: 0o700 });
  host = spawn(process.execPath, [bundle, '--clusterkit-socket', socketPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  host.stderr!.on('data', (c: Buffer) => (hostErr += c.toString()));
  expect(await waitFor(() => existsSync(socketPath), 20_000), hostErr).toBe(true);
}, 60_000);

afterAll(() => {
  if (host.exitCode === null) host.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('host on a UNIX socket (the OCF transport)', () => {
  it('creates its socket readable by its owner only', () => {
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
  });

  it('keeps the instance and its managed process between connections', async () => {
    const first = await SocketClient.open();
    const hello = await first.waitEvent((f) => f.code === Ev.HELLO);
    expect(decodeHello(hello.payload).hostPid).toBe(host.pid);
    expect((await first.request(Op.OPEN, 1, encodeStr('r1'))).status).toBe(0);
    expect((await first.request(Op.ONLINE, 1, props({ Mode: 'spawn' }))).status).toBe(0);
    const spawned = await first.waitEvent((f) => f.code === Ev.SPAWNED);
    const { processGroup } = decodeSpawned(spawned.payload);
    await first.close();

    const second = await SocketClient.open();
    await second.waitEvent((f) => f.code === Ev.HELLO);
    const alive = await second.request(Op.IS_ALIVE, 1);
    expect([...alive.payload]).toEqual([1]);
    expect(groupAlive(processGroup)).toBe(true);
    expect((await second.request(Op.OFFLINE, 1)).status).toBe(0);
    expect(await waitFor(() => !groupAlive(processGroup))).toBe(true);
    await second.close();
  });

  it('serves a second caller only after the first one leaves', async () => {
    const first = await SocketClient.open();
    await first.waitEvent((f) => f.code === Ev.HELLO);
    const second = await SocketClient.open();
    const secondHello = second.waitEvent((f) => f.code === Ev.HELLO, 20_000);
    const ping = await first.request(Op.PING, 0);
    expect(ping.status).toBe(0);
    expect(second.events).toHaveLength(0);
    await first.close();
    await secondHello;
    expect((await second.request(Op.PING, 0)).status).toBe(0);
    await second.close();
  });

  it('answers health checks FALSE after ctx.fail and tells the next caller why', async () => {
    const first = await SocketClient.open();
    await first.waitEvent((f) => f.code === Ev.HELLO);
    expect((await first.request(Op.ONLINE, 1, props({ Mode: 'exitLater' }))).status).toBe(0);
    const failed = await first.waitEvent((f) => f.code === Ev.FAILED);
    expect(decodeText(failed.payload)).toContain('app exited with code 3');
    expect([...(await first.request(Op.LOOKS_ALIVE, 1)).payload]).toEqual([0]);
    expect([...(await first.request(Op.IS_ALIVE, 1)).payload]).toEqual([0]);
    await first.close();

    const next = await SocketClient.open();
    await next.waitEvent((f) => f.code === Ev.HELLO);
    const replay = await next.waitEvent((f) => f.code === Ev.FAILED);
    expect(decodeText(replay.payload)).toContain('app exited with code 3');
    expect(hostErr).toContain('not reported to Pacemaker');
    await next.close();
  });

  it("never sends a call's late answer to the next caller, whose request ids start at 1 again", async () => {
    const first = await SocketClient.open();
    await first.waitEvent((f) => f.code === Ev.HELLO);
    expect((await first.request(Op.OPEN, 2, encodeStr('r2'))).status).toBe(0); // id 1
    const abandoned = first.request(Op.ONLINE, 2, props({ Mode: 'hang' })); // id 2
    abandoned.catch(() => {}); // never answered: its caller leaves
    await first.waitEvent((f) => f.code === Ev.LOG && decodeText(f.payload).startsWith('props '));
    await first.close();

    const next = await SocketClient.open();
    await next.waitEvent((f) => f.code === Ev.HELLO);
    expect((await next.request(Op.PING, 0)).status).toBe(0); // id 1
    // id 2: TERMINATE aborts the abandoned ONLINE (id 2 too), whose 995 comes first.
    const terminated = await next.request(Op.TERMINATE, 2);
    expect([terminated.code, terminated.status]).toEqual([Op.TERMINATE, 0]);
    await next.close();
  });

  it('exits on SHUTDOWN and removes its socket', async () => {
    const client = await SocketClient.open();
    await client.waitEvent((f) => f.code === Ev.HELLO);
    const exited = new Promise<number | null>((resolve) => host.once('exit', resolve));
    expect((await client.request(Op.SHUTDOWN, 0)).status).toBe(0);
    expect(await exited).toBe(0);
    expect(existsSync(socketPath)).toBe(false);
  });
});
