/*
 * Private properties through the real library and handler host (p-every-kind fixture):
 * every kind round-tripped, the raw GET list, ENUM/GET/GET_RO/VALIDATE/SET/FMTS and a
 * required property never set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLUSPROP_FORMAT_BINARY,
  CLUSPROP_FORMAT_DWORD,
  CLUSPROP_FORMAT_EXPAND_SZ,
  CLUSPROP_FORMAT_LARGE_INTEGER,
  CLUSPROP_FORMAT_LONG,
  CLUSPROP_FORMAT_MULTI_SZ,
  CLUSPROP_FORMAT_SZ,
  CLUSPROP_FORMAT_ULARGE_INTEGER,
  CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
  CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ,
  decodePropertyList,
  syntaxFormat,
} from '../../src/bundle/clusprop/index.js';
import { fromUtf16 } from '../../src/bundle/clusprop/utf16.js';
import {
  CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS,
  CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES,
  OnlineFailedError,
  type ResourceMonitor,
} from '../../src/dev/harness/index.js';
import {
  ALL_VALUES,
  ROOT_VALUE,
  ROOT_VAR,
  buildEveryKind,
  dv,
  loadMonitor,
  rawList,
  u32,
  waitLog,
} from './controls-support.js';
import { waitUntil, type BuiltType } from './helpers.js';

const RW_NAMES = [
  'Port',
  'Offset',
  'Verbose',
  'Greeting',
  'DataDir',
  'Peers',
  'Blob',
  'Quota',
  'Delta',
  'Owner',
  'Mode',
  'Level',
];
/** ENUM lists the secret too: it is settable, only never read back. */
const ENUM_NAMES = [...RW_NAMES.slice(0, -1), 'Password', 'Level'];
const RO_NAMES = ['Status', 'SeenName', 'SeenPort'];

describe('private properties of every kind through the real library', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;

  beforeAll(async () => {
    built = await buildEveryKind();
    monitor = await loadMonitor(built);
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  it('round-trips every kind: setProperties then getProperties gives the same JS values', async () => {
    const res = await monitor.createResource('RoundTrip');
    expect(await res.setProperties(ALL_VALUES)).toEqual({ stored: false });
    expect(await res.getProperties()).toEqual(ALL_VALUES);
  });

  it('GET_PRIVATE_PROPERTIES returns each value in its format, EXPAND_SZ followed by the expanded EXPANDED_SZ', async () => {
    const res = await monitor.createResource('RawGet', ALL_VALUES);
    const r = await res.control(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES);
    expect(r.status).toBe(0);
    expect(r.returned).toBe(r.data.length);
    const entries = decodePropertyList(r.data);
    expect(entries.map((e) => e.name)).toEqual(RW_NAMES);
    const fmt = Object.fromEntries(entries.map((e) => [e.name, syntaxFormat(e.values[0].syntax)]));
    expect(fmt).toEqual({
      Port: CLUSPROP_FORMAT_DWORD,
      Offset: CLUSPROP_FORMAT_LONG,
      Verbose: CLUSPROP_FORMAT_DWORD,
      Greeting: CLUSPROP_FORMAT_SZ,
      DataDir: CLUSPROP_FORMAT_EXPAND_SZ,
      Peers: CLUSPROP_FORMAT_MULTI_SZ,
      Blob: CLUSPROP_FORMAT_BINARY,
      Quota: CLUSPROP_FORMAT_ULARGE_INTEGER,
      Delta: CLUSPROP_FORMAT_LARGE_INTEGER,
      Owner: CLUSPROP_FORMAT_SZ,
      Mode: CLUSPROP_FORMAT_SZ,
      Level: CLUSPROP_FORMAT_DWORD,
    });
    const dataDir = entries.find((e) => e.name === 'DataDir')!;
    expect(dataDir.values.map((v) => v.syntax)).toEqual([
      CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ,
      CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
    ]);
    expect(fromUtf16(dataDir.values[0].data)).toBe(`%${ROOT_VAR}%/d1\0`);
    expect(fromUtf16(dataDir.values[1].data)).toBe(`${ROOT_VALUE}/d1\0`);
    // Every other property has exactly one value; the bool is the DWORD 1.
    for (const e of entries.filter((x) => x.name !== 'DataDir')) expect(e.values).toHaveLength(1);
    const verbose = entries.find((e) => e.name === 'Verbose')!.values[0];
    expect(dv(verbose.data).getUint32(0, true)).toBe(1);
  });

  it('SET accepts a GET_PRIVATE_PROPERTIES list sent back as is (EXPANDED_SZ companion ignored) and changes nothing', async () => {
    const res = await monitor.createResource('Echoed', ALL_VALUES);
    const dbBefore = monitor.database.values('Resources\\Echoed');
    const got = await res.control(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES);
    expect((await res.control(CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, got.data)).status).toBe(
      0,
    );
    expect((await res.control(CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, got.data)).status).toBe(0);
    expect(await res.getProperties()).toEqual(ALL_VALUES);
    // The raw text is stored, never the expansion.
    expect(monitor.database.values('Resources\\Echoed')).toEqual(dbBefore);
  });

  it('GET_PRIVATE_PROPERTIES gives the defaults (DataDir default expanded) for a resource nothing was set on', async () => {
    const res = await monitor.createResource('Defaults');
    const entries = decodePropertyList(
      (await res.control(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES)).data,
    );
    // Owner is required and has no default: it is absent until set.
    expect(entries.map((e) => e.name)).toEqual(RW_NAMES.filter((n) => n !== 'Owner'));
    const dataDir = entries.find((e) => e.name === 'DataDir')!;
    expect(fromUtf16(dataDir.values[1].data)).toBe(`${ROOT_VALUE}/data\0`);
    expect(await res.getProperties()).toEqual({
      Port: 8000,
      Offset: -5,
      Verbose: false,
      Greeting: 'hello',
      DataDir: `%${ROOT_VAR}%/data`,
      Peers: ['alpha'],
      Blob: new Uint8Array([1, 2, 3]),
      Quota: 0n,
      Delta: 0n,
      Mode: 'fast',
      Level: 1,
    });
  });

  it('ENUM_PRIVATE_PROPERTIES answers a MULTI_SZ of the read/write names only', async () => {
    const res = await monitor.createResource('Enum');
    const r = await res.control(CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES);
    expect(r.status).toBe(0);
    expect(r.returned).toBe(r.data.length);
    const text = fromUtf16(r.data);
    expect(text.endsWith('\0\0')).toBe(true);
    const names = text.slice(0, -2).split('\0');
    expect(names).toEqual(ENUM_NAMES);
    for (const ro of RO_NAMES) expect(names).not.toContain(ro);
  });

  it('GET_RO_PRIVATE_PROPERTIES answers the values the handler published while online', async () => {
    const res = await monitor.createResource('RoProps', { Owner: 'me', Port: 4555 });
    const before = decodePropertyList(
      (await res.control(CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES)).data,
    );
    expect(before).toEqual([]); // nothing published yet, no defaults
    await res.online();
    await waitUntil(
      async () => (await res.getReadOnlyProperties()).Status === 'online',
      20_000,
      'the published Status',
    );
    expect(await res.getReadOnlyProperties()).toEqual({
      Status: 'online',
      SeenName: 'RoProps',
      SeenPort: 4555,
    });
    const raw = decodePropertyList(
      (await res.control(CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES)).data,
    );
    expect(raw.map((e) => e.name)).toEqual(RO_NAMES);
    // The read/write list never carries read-only values.
    const rw = decodePropertyList(
      (await res.control(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES)).data,
    );
    for (const ro of RO_NAMES) expect(rw.map((e) => e.name)).not.toContain(ro);
    await res.offline();
  });

  it('VALIDATE_PRIVATE_PROPERTIES accepts a valid list, refuses an invalid one and stores nothing', async () => {
    const res = await monitor.createResource('Validate', { Owner: 'me' });
    const key = 'Resources\\Validate';
    const dbBefore = monitor.database.values(key);
    const propsBefore = await res.getProperties();
    const valid = rawList(['Port', { syntax: CLUSPROP_SYNTAX_LIST_VALUE_DWORD, data: u32(5000) }]);
    expect((await res.control(CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, valid)).status).toBe(0);
    const invalid = rawList(['Port', { syntax: CLUSPROP_SYNTAX_LIST_VALUE_DWORD, data: u32(0) }]);
    expect((await res.control(CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, invalid)).status).toBe(
      87,
    );
    expect(monitor.database.values(key)).toEqual(dbBefore);
    expect(await res.getProperties()).toEqual(propsBefore);
    expect(propsBefore.Port).toBe(8000);
  });

  it('SET_PRIVATE_PROPERTIES stores offline (0), answers 5024 online, and the next Online sees the new value', async () => {
    const res = await monitor.createResource('SetLive');
    const key = 'Resources\\SetLive';
    const list = (port: number) =>
      rawList(
        ['Owner', { syntax: 0x00010003, data: new Uint8Array([0x6f, 0, 0x6b, 0, 0, 0]) }],
        ['Port', { syntax: CLUSPROP_SYNTAX_LIST_VALUE_DWORD, data: u32(port) }],
      );
    expect((await res.control(CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, list(6001))).status).toBe(0);
    expect(dv(monitor.database.get(key, 'Port')!.data).getUint32(0, true)).toBe(6001);
    expect(await res.getProperties()).toMatchObject({ Port: 6001, Owner: 'ok' });

    await res.online();
    await waitUntil(
      async () => (await res.getReadOnlyProperties()).SeenPort === 6001,
      20_000,
      'SeenPort 6001',
    );
    const mark = monitor.logs.mark();
    expect((await res.control(CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, list(6002))).status).toBe(
      5024,
    );
    expect(dv(monitor.database.get(key, 'Port')!.data).getUint32(0, true)).toBe(6002);
    expect((await res.getProperties()).Port).toBe(6002);
    // The running instance keeps what its Online saw ...
    expect((await res.getReadOnlyProperties()).SeenPort).toBe(6001);
    await res.offline();
    await res.online();
    // ... and the next Online's handler gets the stored value.
    await waitLog(monitor, mark, 'SetLive', /online with Port=6002 Owner=ok/);
    await waitUntil(
      async () => (await res.getReadOnlyProperties()).SeenPort === 6002,
      20_000,
      'SeenPort 6002',
    );
    await res.offline();
  });

  it('GET_PRIVATE_PROPERTY_FMTS names every property with its CLUSPROP_FORMAT', async () => {
    const res = await monitor.createResource('Fmts');
    const r = await res.control(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS);
    expect(r.status).toBe(0);
    const formats = Object.fromEntries(
      decodePropertyList(r.data).map((e) => {
        expect(e.values).toHaveLength(1);
        expect(e.values[0].syntax).toBe(CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
        return [e.name, dv(e.values[0].data).getUint32(0, true)];
      }),
    );
    expect(formats).toEqual({
      Port: CLUSPROP_FORMAT_DWORD,
      Offset: CLUSPROP_FORMAT_LONG,
      Verbose: CLUSPROP_FORMAT_DWORD,
      Greeting: CLUSPROP_FORMAT_SZ,
      DataDir: CLUSPROP_FORMAT_EXPAND_SZ,
      Peers: CLUSPROP_FORMAT_MULTI_SZ,
      Blob: CLUSPROP_FORMAT_BINARY,
      Quota: CLUSPROP_FORMAT_ULARGE_INTEGER,
      Delta: CLUSPROP_FORMAT_LARGE_INTEGER,
      Owner: CLUSPROP_FORMAT_SZ,
      Mode: CLUSPROP_FORMAT_SZ,
      Password: CLUSPROP_FORMAT_SZ,
      Level: CLUSPROP_FORMAT_DWORD,
      Status: CLUSPROP_FORMAT_SZ,
      SeenName: CLUSPROP_FORMAT_SZ,
      SeenPort: CLUSPROP_FORMAT_DWORD,
    });
  });

  it('a required property never set: Online fails and the log names it', async () => {
    const res = await monitor.createResource('NoOwner', { Port: 4000 });
    const mark = monitor.logs.mark();
    const err = await res.online().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OnlineFailedError);
    expect((err as OnlineFailedError).win32).not.toBe(0);
    await waitLog(monitor, mark, 'NoOwner', /required property Owner has no value/);
    expect(res.state).not.toBe('Online');
  });
});
