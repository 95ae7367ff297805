/**
 * The object commands of `clusterkit run --json` (src/dev/cluster/json-requests.ts), end to
 * end through the real CLI, library and handler: the protocol the local FailoverClusters
 * module (powershell/FailoverClusters) is built on.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWithRunAndVerify } from './cluster-run.helper.js';

type Answer = Record<string, unknown> & { ok: boolean; result?: unknown };

let send: (o: Record<string, unknown>) => Promise<Answer>;
let sendLine: (line: string) => Promise<Record<string, unknown>>;
let exited: Promise<number | null>;
let quit: () => void;

beforeAll(async () => {
  const cli = await cliWithRunAndVerify();
  const out = mkdtempSync(join(tmpdir(), 'ck-run-admin-'));
  const child = spawn(
    process.execPath,
    [
      cli,
      'run',
      '--json',
      '--unregistered',
      '--handler',
      resolve('test/fixtures/handlers/p-every-kind.ts'),
      '--out',
      out,
      '--log',
      join(out, 'cluster.log'),
      '--time-scale',
      '0.05',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const pending = new Map<unknown, (a: Answer) => void>();
  const plain: ((e: Record<string, unknown>) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const e = JSON.parse(line) as Answer;
    if (e.kind !== 'command') return;
    if (pending.has(e.id)) (pending.get(e.id)!(e), pending.delete(e.id));
    else plain.shift()?.(e);
  });
  let next = 0;
  send = (o) =>
    new Promise((res) => {
      const id = ++next;
      pending.set(id, res);
      child.stdin!.write(`${JSON.stringify({ id, ...o })}\n`);
    });
  sendLine = (line) =>
    new Promise((res) => {
      plain.push(res);
      child.stdin!.write(`${line}\n`);
    });
  exited = new Promise((r) => child.on('exit', (code) => r(code)));
  quit = () => child.stdin!.write('quit\n');
}, 180_000);

afterAll(async () => {
  quit?.();
  await exited;
});

describe('clusterkit run --json object commands', () => {
  it('starts with no type registered when --unregistered, and refuses resources of it (5078)', async () => {
    expect((await send({ command: 'get-types' })).result).toEqual([]);
    const a = await send({ command: 'add-resource', name: 'R 1', type: 'PEveryKind' });
    expect(a).toMatchObject({
      ok: false,
      win32: 5078,
      win32Name: 'ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND',
    });
  });

  it('registers only the built type, once', async () => {
    const other = await send({ command: 'add-type', name: 'Other', dll: 'C:\\o.dll' });
    expect(other).toMatchObject({ ok: false, win32: 5078 });
    const a = await send({
      command: 'add-type',
      name: 'PEveryKind',
      dll: 'C:\\ck\\PEveryKind.dll',
      displayName: 'Every',
    });
    expect(a.result).toMatchObject({
      name: 'PEveryKind',
      dllName: 'C:\\ck\\PEveryKind.dll',
      displayName: 'Every',
    });
    expect(await send({ command: 'add-type', name: 'peverykind', dll: 'x' })).toMatchObject({
      ok: false,
      win32: 183,
    });
  });

  it('adds a resource with a space in its name, in its own group, Offline', async () => {
    const a = await send({ command: 'add-resource', name: 'R 1', type: 'PEveryKind' });
    expect(a.result).toMatchObject({
      name: 'R 1',
      group: 'R 1',
      state: 'Offline',
      type: 'PEveryKind',
    });
    expect(await send({ command: 'add-resource', name: 'r 1', type: 'PEveryKind' })).toMatchObject({
      ok: false,
      win32: 5010,
    });
    expect(
      await send({ command: 'add-resource', name: 'R 2', type: 'PEveryKind', group: 'Nope' }),
    ).toMatchObject({ ok: false, win32: 5013 });
  });

  it('reads every private property with its ClusterParameterType, read-only ones last', async () => {
    const params = (await send({ command: 'get-parameters', resource: 'R 1' })).result as {
      name: string;
      type: string;
      value: unknown;
      readOnly: boolean;
    }[];
    const by = Object.fromEntries(params.map((p) => [p.name, p]));
    expect(by.Port).toEqual({ name: 'Port', type: 'UInt32', value: 8000, readOnly: false });
    expect(by.Offset).toMatchObject({ type: 'Int32', value: -5 });
    expect(by.Verbose).toMatchObject({ type: 'UInt32', value: 0 });
    expect(by.DataDir).toMatchObject({ type: 'ExpandString', value: '%CK_P_EVERY_ROOT%/data' });
    expect(by.Peers).toMatchObject({ type: 'StringCollection', value: ['alpha'] });
    expect(by.Blob).toMatchObject({ type: 'ByteArray', value: 'AQID' });
    expect(by.Quota).toMatchObject({ type: 'UInt64', value: '0' });
    expect(by.Delta).toMatchObject({ type: 'Int64', value: '0' });
    // Read-only properties with no default appear once the handler publishes them (Online).
    expect(params.some((p) => p.readOnly)).toBe(false);
    // Owner is required and has no value yet, so only the declared formats name it.
    expect(by.Owner).toBeUndefined();
    const formats = (await send({ command: 'get-parameter-formats', resource: 'R 1' })).result as {
      name: string;
      type: string;
    }[];
    expect(formats).toContainEqual({ name: 'Owner', type: 'String' });
    expect(formats).toContainEqual({ name: 'Verbose', type: 'UInt32' });
    expect(formats).toContainEqual({ name: 'Delta', type: 'Int64' });
  });

  it('answers a refused SET with the raw status and the library’s reason, storing nothing', async () => {
    const a = await send({
      command: 'set-parameters',
      resource: 'R 1',
      parameters: [{ name: 'Port', type: 'UInt32', value: 70000 }],
    });
    expect(a.result).toMatchObject({
      code: 87,
      name: 'ERROR_INVALID_PARAMETER',
      message: 'The parameter is incorrect.',
    });
    expect((a.result as { reason: string }).reason).toMatch(/Port .*70000.*1 to 65535/);
    const p = (await send({ command: 'get-parameters', resource: 'R 1' })).result as {
      name: string;
      value: unknown;
    }[];
    expect(p.find((x) => x.name === 'Port')!.value).toBe(8000);
  });

  it('sets 64-bit and binary values exactly, then 5024 while Online', async () => {
    const set = (parameters: unknown[]) =>
      send({ command: 'set-parameters', resource: 'R 1', parameters });
    expect(
      (
        await set([
          { name: 'Owner', type: 'String', value: 'ops' },
          { name: 'Quota', type: 'UInt64', value: '999999999999' },
          { name: 'Delta', type: 'Int64', value: '-999999999999' },
          { name: 'Blob', type: 'ByteArray', value: Buffer.from([0, 255, 7]).toString('base64') },
        ])
      ).result,
    ).toMatchObject({ code: 0 });
    const p = (await send({ command: 'get-parameters', resource: 'R 1' })).result as {
      name: string;
      value: unknown;
    }[];
    const v = (n: string) => p.find((x) => x.name === n)!.value;
    expect([v('Quota'), v('Delta'), v('Blob')]).toEqual(['999999999999', '-999999999999', 'AP8H']);
    expect((await send({ command: 'online-resource', name: 'R 1' })).result).toMatchObject({
      state: 'Online',
    });
    const online = (await send({ command: 'get-parameters', resource: 'R 1' })).result as {
      name: string;
      readOnly: boolean;
      value: unknown;
    }[];
    const firstRo = online.findIndex((x) => x.readOnly);
    expect(online.slice(firstRo).map((x) => [x.name, x.value])).toEqual([
      ['Status', 'online'],
      ['SeenName', 'R 1'],
      ['SeenPort', 8000],
    ]);
    expect((await set([{ name: 'Port', type: 'UInt32', value: 9000 }])).result).toMatchObject({
      code: 5024,
      name: 'ERROR_RESOURCE_PROPERTIES_STORED',
    });
    const refused = (
      await set([
        { name: 'Verbose', type: 'UInt32', value: 1 },
        { name: 'Port', type: 'UInt32', value: 80 },
      ])
    ).result as { code: number; reason: string };
    expect(refused.code).toBe(87);
    expect(refused.reason).toMatch(/Verbose logging needs a Port of 1024 or more/);
    // A live property while Online is applied (the Stats control below reads level 3): 0,
    // although Port 9000, stored above, still waits for the next Online (that SET said so).
    expect((await set([{ name: 'Level', type: 'UInt32', value: 3 }])).result).toMatchObject({
      code: 0,
    });
  });

  it('sends custom control codes to the library and answers its status and bytes (control)', async () => {
    const code = (fn: number) => 0x01000000 | 0x00200000 | (fn << 2);
    const b64 = (t: string) => Buffer.from(t, 'utf8').toString('base64');
    const shout = (
      await send({ command: 'control', resource: 'R 1', code: code(11), input: b64('héllo') })
    ).result as { code: number; data: string };
    expect([shout.code, Buffer.from(shout.data, 'base64').toString('utf8')]).toEqual([0, 'HÉLLO']);
    const stats = (
      await send({ command: 'control', resource: 'R 1', code: code(12), input: b64('[1]') })
    ).result as { data: string };
    expect(JSON.parse(Buffer.from(stats.data, 'base64').toString('utf8'))).toMatchObject({
      name: 'R 1',
      level: 3,
      echo: [1],
    });
    expect(
      (await send({ command: 'control', resource: 'R 1', code: code(99) })).result,
    ).toMatchObject({
      code: 1,
      name: 'ERROR_INVALID_FUNCTION',
    });
    expect(await send({ command: 'control', resource: 'R 1', code: 0x01000081 })).toMatchObject({
      ok: false,
      win32: 87,
    });
  });

  it('rejects malformed requests with ERROR_INVALID_PARAMETER and one clear line', async () => {
    const a = await send({
      command: 'set-parameters',
      resource: 'R 1',
      parameters: [{ name: 'Port', type: 'Float', value: 1 }],
    });
    expect(a).toMatchObject({ ok: false, win32: 87 });
    expect(String(a.error)).toMatch(/"type" must be one of/);
    const b = await sendLine('{not json');
    expect(b).toMatchObject({ ok: false, win32: 87 });
    expect(await send({ command: 'get-parameters', resource: 'Nope' })).toMatchObject({
      ok: false,
      win32: 5007,
    });
  });

  it('moves the group, keeping what was set, and lists nodes and groups', async () => {
    const g = await send({ command: 'move-group', name: 'R 1', node: 'node2' });
    expect(g.result).toMatchObject({ name: 'R 1', ownerNode: 'node2', state: 'Online' });
    const p = (await send({ command: 'get-parameters', resource: 'R 1' })).result as {
      name: string;
      value: unknown;
    }[];
    expect(p.find((x) => x.name === 'Port')!.value).toBe(9000);
    expect((await send({ command: 'get-nodes' })).result).toEqual([
      { name: 'node1', id: 1, state: 'Up' },
      { name: 'node2', id: 2, state: 'Up' },
    ]);
    expect(await send({ command: 'move-group', name: 'R 1', node: 'node9' })).toMatchObject({
      ok: false,
      win32: 5042,
    });
  });

  it('keeps the one-word commands working beside the object commands', async () => {
    expect(await sendLine('offline R')).toMatchObject({ ok: false });
    expect(await send({ command: 'offline', args: ['R 1'] })).toMatchObject({
      ok: false,
      win32: 87,
    });
    expect(await send({ command: 'offline-resource', name: 'R 1' })).toMatchObject({ ok: true });
  });

  it('refuses to remove the type while a resource exists (145), then removes both', async () => {
    expect(await send({ command: 'remove-type', name: 'PEveryKind' })).toMatchObject({
      ok: false,
      win32: 145,
      win32Name: 'ERROR_DIR_NOT_EMPTY',
    });
    expect(await send({ command: 'remove-resource', name: 'R 1' })).toMatchObject({ ok: true });
    expect((await send({ command: 'get-resources' })).result).toEqual([]);
    expect(await send({ command: 'remove-type', name: 'PEveryKind' })).toMatchObject({ ok: true });
    expect((await send({ command: 'get-types' })).result).toEqual([]);
  });
});
