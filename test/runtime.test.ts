import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeProperties } from '../src/bundle/clusprop/index.js';
import {
  decodeExited,
  decodeHello,
  decodeSpawned,
  decodeText,
  encodeControl,
  encodeStr,
  Ev,
  Op,
  type Frame,
} from '../src/bundle/protocol/index.js';
import { schemaHash, type Schema } from '../src/bundle/sdk/schema.js';
import { bundleFixture, groupAlive, HostDriver, pidAlive, waitFor } from './runtime-driver.js';
import { decodeProperties } from '../src/bundle/clusprop/index.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'ck-runtime-'));
const bundle = join(dir, 'rt-basic.handler.js');
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const kinds = {
  Port: 'dword',
  Greeting: 'string',
  Peers: 'multiString',
  Verbose: 'bool',
  Offset: 'long',
  Quota: 'ulargeInteger',
  Mode: 'string',
} as const;
const hosts: HostDriver[] = [];
let schema: Schema;

function host(): HostDriver {
  const h = new HostDriver(bundle);
  hosts.push(h);
  return h;
}

const text = (f: Frame) => decodeText(f.payload);
const props = (values: Record<string, unknown>) => encodeProperties(kinds, values);

async function openOnline(
  h: HostDriver,
  id: number,
  values: Record<string, unknown>,
): Promise<Frame> {
  expect((await h.request(Op.OPEN, id, encodeStr(`res${id}`))).status).toBe(0);
  return h.request(Op.ONLINE, id, props(values));
}

beforeAll(async () => {
  await bundleFixture('rt-basic', bundle);
  const { stdout } = await run(process.execPath, [bundle, '--clusterkit-schema']);
  schema = JSON.parse(stdout);
});
afterEach(() => hosts.splice(0).forEach((h) => h.kill()));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('handler host', () => {
  it('--clusterkit-schema prints the schema on one line', async () => {
    const { stdout } = await run(process.execPath, [bundle, '--clusterkit-schema']);
    expect(stdout.endsWith('}\n')).toBe(true);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(schema.type).toBe('RtBasic');
    expect(schema.controls.map((c: { function: number }) => c.function)).toEqual([1, 2, 3, 4, 5]);
    expect(schema.properties.map((p) => p.name)).toEqual([...Object.keys(kinds), 'Status', 'Pid']);
  });

  it('sends HELLO first with protocol 1, its pid, the schema hash and the kit version', async () => {
    const h = host();
    const hello = await h.waitEvent((f) => f.code === Ev.HELLO);
    expect(h.events[0]).toBe(hello);
    expect(decodeHello(hello.payload)).toEqual({
      protocolVersion: 1,
      hostPid: h.child.pid,
      schemaHash: schemaHash(schema),
      kitVersion: pkg.version,
    });
  });

  it('ONLINE gives the handler typed props with defaults applied; stray console.log stays off the stream', async () => {
    const h = host();
    const r = await openOnline(h, 1, {
      Port: 7001,
      Peers: ['a', 'b'],
      Verbose: true,
      Offset: -3,
      Quota: 5n,
    });
    expect(r.status).toBe(0);
    const log = await h.waitEvent((f) => f.code === Ev.LOG && text(f).startsWith('props '));
    expect(log.resourceId).toBe(1);
    expect(JSON.parse(text(log).slice(6))).toEqual({
      Port: 7001,
      Greeting: 'hello',
      Peers: ['a', 'b'],
      Verbose: true,
      Offset: -3,
      Quota: '5n',
      Mode: 'normal',
    });
    expect(await waitFor(() => h.stderr.includes('stray console.log output'))).toBe(true);
    expect((await h.request(Op.LOOKS_ALIVE, 1)).payload).toEqual(Uint8Array.of(1));
    expect((await h.request(Op.PING, 0)).status).toBe(0);
  });

  it('a handler that throws fails ONLINE with 5038, or with its ResourceError code', async () => {
    const h = host();
    const plain = await openOnline(h, 1, { Mode: 'throw' });
    expect([plain.status, text(plain)]).toEqual([5038, 'plain failure']);
    const coded = await openOnline(h, 2, { Mode: 'fail' });
    expect([coded.status, text(coded)]).toEqual([1460, 'asked to fail']);
    expect((await h.request(Op.LOOKS_ALIVE, 2)).payload).toEqual(Uint8Array.of(0));
  });

  it('sends automatic PROGRESS while ONLINE runs (progressInterval set)', async () => {
    const h = host();
    expect((await openOnline(h, 4, { Mode: 'slow' })).status).toBe(0);
    expect(
      h.events.filter((f) => f.code === Ev.PROGRESS && f.resourceId === 4).length,
    ).toBeGreaterThan(0);
  });

  it('TERMINATE kills the managed process group (child and grandchild)', async () => {
    const h = host();
    expect((await openOnline(h, 3, { Mode: 'spawn' })).status).toBe(0);
    const spawned = decodeSpawned(
      (await h.waitEvent((f) => f.code === Ev.SPAWNED && f.resourceId === 3)).payload,
    );
    expect(spawned.processGroup).toBe(spawned.pid);
    const published = await h.waitEvent((f) => f.code === Ev.PUBLISH && f.resourceId === 3);
    expect(decodeProperties(published.payload, { Status: 'string', Pid: 'dword' })).toEqual({
      Status: 'running',
      Pid: spawned.pid,
    });
    await h.waitEvent((f) => f.code === Ev.LOG && text(f).endsWith(': started'));
    expect(pidAlive(spawned.pid)).toBe(true);
    expect((await h.request(Op.TERMINATE, 3)).status).toBe(0);
    expect(await waitFor(() => !pidAlive(spawned.pid), 5000)).toBe(true);
    expect(groupAlive(spawned.processGroup)).toBe(false);
    const exited = decodeExited(
      (await h.waitEvent((f) => f.code === Ev.EXITED && f.resourceId === 3)).payload,
    );
    expect(exited).toEqual({ pid: spawned.pid, exitCode: -1 });
  });

  it('OFFLINE stops the managed process group', async () => {
    const h = host();
    expect((await openOnline(h, 5, { Mode: 'spawn' })).status).toBe(0);
    const { pid } = decodeSpawned(
      (await h.waitEvent((f) => f.code === Ev.SPAWNED && f.resourceId === 5)).payload,
    );
    expect((await h.request(Op.OFFLINE, 5)).status).toBe(0);
    expect(groupAlive(pid)).toBe(false);
  });

  it('TERMINATE while OFFLINE waits out a stop grace kills the group before answering', async () => {
    const h = host();
    expect((await openOnline(h, 20, { Mode: 'stubborn' })).status).toBe(0);
    const { pid } = decodeSpawned(
      (await h.waitEvent((f) => f.code === Ev.SPAWNED && f.resourceId === 20)).payload,
    );
    await h.waitEvent((f) => f.code === Ev.LOG && text(f) === `sh[${pid}]: started`);
    const offline = h.request(Op.OFFLINE, 20);
    // The app got SIGTERM and ignored it: OFFLINE is in the 10-minute grace.
    await h.waitEvent((f) => f.code === Ev.LOG && text(f) === `sh[${pid}]: term`);
    expect((await h.request(Op.TERMINATE, 20)).status).toBe(0);
    expect(groupAlive(pid)).toBe(false);
    expect((await offline).status).toBe(0);
  });

  it('an aborted call cannot spawn; the terminate and offline handlers still can', async () => {
    const h = host();
    const log = (start: string) =>
      h.waitEvent((f) => f.code === Ev.LOG && f.resourceId === 21 && text(f).startsWith(start));
    const spawnedBy = async (op: string) =>
      Number(
        text(await log(`${op} spawned `))
          .split(' ')
          .pop(),
      );
    await h.request(Op.OPEN, 21, encodeStr('late'));
    const online = h.request(Op.ONLINE, 21, props({ Mode: 'spawnLate' }));
    expect((await h.request(Op.TERMINATE, 21)).status).toBe(0);
    expect((await online).status).toBe(995);
    expect(text(await log('late spawn'))).toBe(
      'late spawn: spawn: refused, the call was aborted (terminated)',
    );
    expect(pidAlive(await spawnedBy('terminate'))).toBe(false); // and TERMINATE killed it

    const again = h.request(Op.ONLINE, 21, props({ Mode: 'spawnLate' }));
    expect((await h.request(Op.CANCEL, 21)).status).toBe(0);
    expect((await again).status).toBe(995);
    await log('late spawn: spawn: refused, the call was aborted (cancelled)');
    expect((await h.request(Op.OFFLINE, 21)).status).toBe(0);
    expect(pidAlive(await spawnedBy('offline'))).toBe(false);
    expect(h.events.filter((f) => f.code === Ev.SPAWNED && f.resourceId === 21)).toHaveLength(2);
  });

  it('CANCEL and TERMINATE abort a pending ONLINE with 995', async () => {
    const h = host();
    await h.request(Op.OPEN, 6, encodeStr('hang1'));
    const pending = h.request(Op.ONLINE, 6, props({ Mode: 'hang' }));
    await h.waitEvent((f) => f.code === Ev.PROGRESS && f.resourceId === 6);
    expect((await h.request(Op.CANCEL, 6)).status).toBe(0);
    expect((await pending).status).toBe(995);
    const again = h.request(Op.ONLINE, 6, props({ Mode: 'hang' }));
    await waitFor(
      () => h.events.filter((f) => f.code === Ev.PROGRESS && f.resourceId === 6).length > 3,
    );
    expect((await h.request(Op.TERMINATE, 6)).status).toBe(0);
    expect((await again).status).toBe(995);
  });

  it('IS_ALIVE answers 1, or 0 when the handler throws', async () => {
    const h = host();
    await openOnline(h, 7, {});
    expect((await h.request(Op.IS_ALIVE, 7)).payload).toEqual(Uint8Array.of(1));
    await openOnline(h, 8, { Mode: 'sick' });
    const sick = await h.request(Op.IS_ALIVE, 8);
    expect([sick.status, [...sick.payload]]).toEqual([0, [0]]);
  });

  it('CONTROL routes by function number and returns the bytes', async () => {
    const h = host();
    await h.request(Op.OPEN, 9, encodeStr('ctl'));
    const user = (fn: number) => 0x01000000 | (1 << 21) | (fn << 2);
    const reversed = await h.request(Op.CONTROL, 9, encodeControl(user(1), Uint8Array.of(1, 2, 3)));
    expect([reversed.status, [...reversed.payload]]).toEqual([0, [3, 2, 1]]);
    expect(text(await h.request(Op.CONTROL, 9, encodeControl(user(2))))).toBe('name=ctl');
    const refused = await h.request(Op.CONTROL, 9, encodeControl(user(3)));
    expect([refused.status, text(refused)]).toEqual([87, 'control refused']);
    expect((await h.request(Op.CONTROL, 9, encodeControl(user(9)))).status).toBe(1);
  });

  it('VALIDATE passes the complete props to validate and returns its message', async () => {
    const h = host();
    await h.request(Op.OPEN, 10, encodeStr('val'));
    const bad = await h.request(Op.VALIDATE, 10, props({ Offset: 6 }));
    expect([bad.status, text(bad)]).toEqual([87, 'Offset above 5 needs Verbose']);
    expect((await h.request(Op.VALIDATE, 10, props({ Offset: 6, Verbose: true }))).status).toBe(0);
  });

  it('answers 5007 for a resource that was never opened, 1 for an unknown op', async () => {
    const h = host();
    expect((await h.request(Op.ONLINE, 42, props({}))).status).toBe(5007);
    expect((await h.request(0x7f, 0)).status).toBe(1);
  });

  it('exits 70 after a LOG line when stdin carries garbage', async () => {
    const h = host();
    await h.waitEvent((f) => f.code === Ev.HELLO);
    h.child.stdin.write('GET / HTTP/1.1\r\n\r\n');
    expect(await h.exit).toBe(70);
    expect(
      h.events.some((f) => f.code === Ev.LOG && f.status === 3 && text(f).includes('ERR_TOO_LONG')),
    ).toBe(true);
  });

  it('SHUTDOWN answers, kills managed processes and exits 0', async () => {
    const h = host();
    await openOnline(h, 11, { Mode: 'spawn' });
    const { pid } = decodeSpawned((await h.waitEvent((f) => f.code === Ev.SPAWNED)).payload);
    expect((await h.request(Op.SHUTDOWN, 0)).status).toBe(0);
    expect(await h.exit).toBe(0);
    expect(groupAlive(pid)).toBe(false);
  });

  it('kills managed processes and exits when stdin closes', async () => {
    const h = host();
    await openOnline(h, 12, { Mode: 'spawn' });
    const { pid } = decodeSpawned((await h.waitEvent((f) => f.code === Ev.SPAWNED)).payload);
    h.child.stdin.end();
    expect(await h.exit).toBe(0);
    expect(groupAlive(pid)).toBe(false);
  });

  it('an exception thrown by handler code is logged and the host keeps serving', async () => {
    const h = host();
    expect((await openOnline(h, 13, { Mode: 'crash' })).status).toBe(0);
    await h.waitEvent(
      (f) => f.code === Ev.LOG && f.status === 2 && text(f).includes('thrown from a timer'),
    );
    await h.waitEvent(
      (f) => f.code === Ev.LOG && f.status === 2 && text(f).includes('rejected and never handled'),
    );
    expect((await h.request(Op.IS_ALIVE, 13)).payload).toEqual(Uint8Array.of(1));
    expect(h.child.exitCode).toBe(null);
  });

  it('ctx.fail after online sends FAILED; during a pending ONLINE it fails the call', async () => {
    const h = host();
    expect((await openOnline(h, 14, { Mode: 'exitLater' })).status).toBe(0);
    const failed = await h.waitEvent((f) => f.code === Ev.FAILED && f.resourceId === 14);
    expect(text(failed)).toBe('app exited with code 3: bye');
    const { exitCode } = decodeExited(
      (await h.waitEvent((f) => f.code === Ev.EXITED && f.resourceId === 14)).payload,
    );
    expect(exitCode).toBe(3);
    const early = await openOnline(h, 15, { Mode: 'exitEarly' });
    expect([early.status, text(early)]).toEqual([5038, 'app exited with code 3: bye']);
  });

  it('PROPERTIES: a restart property waits (5024) once, a live one goes to propertiesChanged (0); SET_NAME renames', async () => {
    const h = host();
    await openOnline(h, 16, { Port: 1000 });
    expect((await h.request(Op.SET_NAME, 16, encodeStr('renamed'))).status).toBe(0);
    const stored = await h.request(Op.PROPERTIES, 16, props({ Port: 2000 }));
    expect([stored.status, text(stored)]).toEqual([5024, 'Port takes effect at the next online']);
    const same = await h.request(Op.PROPERTIES, 16, props({ Port: 1000 }));
    expect(same.status).toBe(0); // nothing differs from what runs
    const live = await h.request(Op.PROPERTIES, 16, props({ Port: 1000, Greeting: 'hi' }));
    expect(live.status).toBe(0);
    await h.waitEvent(
      (f) =>
        f.code === Ev.LOG &&
        text(f) === 'changed Greeting to hi from hello; restart ; name=renamed',
    );
    const both = await h.request(Op.PROPERTIES, 16, props({ Port: 3000, Greeting: 'yo' }));
    expect([both.status, text(both)]).toEqual([
      5024,
      'Greeting applied; Port takes effect at the next online',
    ]);
    // Port 3000 still waits, but this SET changed only Greeting, and applied it.
    const later = await h.request(Op.PROPERTIES, 16, props({ Port: 3000, Greeting: 'hey' }));
    expect(later.status).toBe(0);
    const truncated = await h.request(Op.PROPERTIES, 16, props({ Port: 3000 }).subarray(0, 7));
    expect(truncated.status).toBe(13);
    const unknown = encodeProperties({ Nope: 'dword' }, { Nope: 1 });
    const refused = await h.request(Op.PROPERTIES, 16, unknown);
    expect([refused.status, text(refused)]).toEqual([
      87,
      expect.stringContaining('unknown property Nope'),
    ]);
  });

  it('serves other instances while one ONLINE is pending', async () => {
    const h = host();
    await h.request(Op.OPEN, 17, encodeStr('slowpoke'));
    const pending = h.request(Op.ONLINE, 17, props({ Mode: 'hang' }));
    expect((await openOnline(h, 18, {})).status).toBe(0);
    expect((await h.request(Op.IS_ALIVE, 18)).payload).toEqual(Uint8Array.of(1));
    expect((await h.request(Op.TERMINATE, 17)).status).toBe(0);
    expect((await pending).status).toBe(995);
  });

  it('probes: tcp and http succeed against a live server and fail against a closed port', async () => {
    const server = createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const h = host();
      await h.request(Op.OPEN, 19, encodeStr('probe'));
      const ask = async (fn: number, arg: string) =>
        text(
          await h.request(
            Op.CONTROL,
            19,
            encodeControl(0x01200000 | (fn << 2), new TextEncoder().encode(arg)),
          ),
        );
      expect(await ask(4, String(port))).toBe('true');
      expect(await ask(5, `http://127.0.0.1:${port}/`)).toBe('true');
      server.close();
      await new Promise((r) => setTimeout(r, 50));
      expect(await ask(4, String(port))).toBe('false');
      expect(await ask(5, `http://127.0.0.1:${port}/`)).toBe('false');
      expect(await ask(5, 'not a url')).toBe('false');
    } finally {
      server.close();
    }
  });
});
