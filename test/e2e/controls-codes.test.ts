/*
 * ResourceControl and ResourceTypeControl codes through the real library (p-every-kind
 * fixture): type facts, SET_NAME, custom codes, unhandled codes, type properties and
 * ERROR_MORE_DATA sizing with a too-small and a NULL output buffer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLUSPROP_SYNTAX_ENDMARK,
  CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
  CLUSPROP_SYNTAX_NAME,
  CLUSPROP_SYNTAX_RESCLASS,
  decodePropertyList,
} from '../../src/bundle/clusprop/index.js';
import { fromUtf16 } from '../../src/bundle/clusprop/utf16.js';
import {
  CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_GET_CHARACTERISTICS,
  CLUSCTL_RESOURCE_GET_CLASS_INFO,
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS,
  CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES,
  CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_SET_NAME,
  CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS,
  CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO,
  CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS,
  CLUSCTL_RESOURCE_TYPE_SET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_UNKNOWN,
  userControlCode,
  type ControlResult,
  type ResourceMonitor,
} from '../../src/dev/harness/index.js';
import {
  ALL_VALUES,
  buildEveryKind,
  dv,
  loadMonitor,
  rawList,
  sz,
  u32,
} from './controls-support.js';
import { waitUntil, type BuiltType } from './helpers.js';

// ck_resapi.h values the harness does not export.
const CLUSCTL_RESOURCE_GET_FLAGS = 0x01000009;
const CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES = 0x01000059;
const CLUSCTL_RESOURCE_TYPE_UNKNOWN = 0x02000000;
const CLUSCTL_RESOURCE_TYPE_GET_FLAGS = 0x02000009;
const CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES = 0x02000011;
const CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES = 0x02000079;
const CLUSCTL_RESOURCE_TYPE_STARTING_PHASE1 = 0x02500036;
const CLUSCTL_RESOURCE_TYPE_STARTING_PHASE2 = 0x0250003a;

/** The SDK formula for a resource's custom code: (object << 24) | CLCTL_USER_BASE | (fn << 2). */
const customCode = (fn: number) => ((1 << 24) | (1 << 21) | (fn << 2)) >>> 0;

/** A value list (no count) as GET_REQUIRED_DEPENDENCIES answers it: [syntax, value] up to ENDMARK. */
function decodeValueList(data: Uint8Array): [number, number | string][] {
  const view = dv(data);
  const out: [number, number | string][] = [];
  for (let at = 0; ;) {
    const syntax = view.getUint32(at, true);
    if (syntax === CLUSPROP_SYNTAX_ENDMARK) {
      expect(at + 4).toBe(data.length); // ENDMARK is the last thing
      return out;
    }
    const cb = view.getUint32(at + 4, true);
    const body = data.subarray(at + 8, at + 8 + cb);
    out.push([
      syntax,
      syntax === CLUSPROP_SYNTAX_NAME ? fromUtf16(body) : dv(body).getUint32(0, true),
    ]);
    at += 8 + Math.ceil(cb / 4) * 4;
  }
}

const utf8 = (r: ControlResult) => new TextDecoder().decode(r.data);

describe('ResourceControl and ResourceTypeControl codes through the real library', () => {
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

  it('UNKNOWN succeeds with 0 bytes (resource and type)', async () => {
    const res = await monitor.createResource('Unknown');
    expect(await res.control(CLUSCTL_RESOURCE_UNKNOWN)).toMatchObject({ status: 0, returned: 0 });
    expect((await res.control(CLUSCTL_RESOURCE_UNKNOWN)).data).toHaveLength(0);
    const t = await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_UNKNOWN);
    expect(t).toMatchObject({ status: 0, returned: 0 });
    expect(t.data).toHaveLength(0);
  });

  it('GET_REQUIRED_DEPENDENCIES answers RESCLASS and NAME entries then ENDMARK (resource and type)', async () => {
    const res = await monitor.createResource('Deps');
    const expected = [
      [CLUSPROP_SYNTAX_RESCLASS, 2],
      [CLUSPROP_SYNTAX_NAME, 'IP Address\0'],
    ];
    const r = await res.control(CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES);
    expect(r.status).toBe(0);
    expect(decodeValueList(r.data)).toEqual(expected);
    const t = await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES);
    expect(t.status).toBe(0);
    expect(decodeValueList(t.data)).toEqual(expected);
  });

  it('GET_CHARACTERISTICS and GET_CLASS_INFO answer the schema values (resource and type)', async () => {
    const res = await monitor.createResource('Facts');
    for (const r of [
      await res.control(CLUSCTL_RESOURCE_GET_CHARACTERISTICS),
      await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS),
    ]) {
      expect(r).toMatchObject({ status: 0, returned: 4 });
      expect(dv(r.data).getUint32(0, true)).toBe(0x4);
    }
    for (const r of [
      await res.control(CLUSCTL_RESOURCE_GET_CLASS_INFO),
      await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO),
    ]) {
      expect(r).toMatchObject({ status: 0, returned: 8 });
      expect([dv(r.data).getUint32(0, true), dv(r.data).getUint32(4, true)]).toEqual([32770, 3]);
    }
  });

  it('a custom control code built with the SDK formula reaches the handler and returns data derived from its input', async () => {
    const res = await monitor.createResource('Custom');
    expect(customCode(7)).toBe(0x0120001c);
    expect(userControlCode(7)).toBe(customCode(7));
    const r = await res.control(customCode(7), new TextEncoder().encode('abc'));
    expect(r.status).toBe(0);
    expect(utf8(r)).toBe('Custom:CBA');
    expect(r.returned).toBe(r.data.length);
    expect(utf8(await res.control(customCode(7), new TextEncoder().encode('xyz1')))).toBe(
      'Custom:1ZYX',
    );
  });

  it('SET_NAME changes the name the handler sees (custom control and the next Online)', async () => {
    const res = await monitor.createResource('OldName', { Owner: 'me' });
    expect(utf8(await res.control(customCode(8)))).toBe('OldName');
    expect((await res.control(CLUSCTL_RESOURCE_SET_NAME, sz('Brand New'))).status).toBe(0);
    expect(utf8(await res.control(customCode(8)))).toBe('Brand New');
    // A name without its NUL is refused and changes nothing.
    const unterminated = sz('Broken').subarray(0, 12);
    expect((await res.control(CLUSCTL_RESOURCE_SET_NAME, unterminated)).status).toBe(87);
    expect(utf8(await res.control(customCode(8)))).toBe('Brand New');
    await res.online();
    await waitUntil(
      async () => (await res.getReadOnlyProperties()).SeenName === 'Brand New',
      20_000,
      'SeenName "Brand New"',
    );
    await res.offline();
  });

  it('names with 1-, 2-, 3- and 4-byte UTF-8 characters reach the handler whole on every path: Open, SET_NAME, Online, the OPEN to a new host', async () => {
    // UTF-8 lengths 1, 2, 3 and 4 (a UTF-16 surrogate pair), alone and mixed.
    const names = ['a', 'é', 'ß', '数据库', '𝄞', 'Ré数𝄞', 'x'.repeat(200) + '数𝄞é'];
    for (const name of names) {
      const res = await monitor.createResource(`${name} (open)`, { Owner: 'me' });
      expect(utf8(await res.control(customCode(8)))).toBe(`${name} (open)`);
      await res.close();
    }
    const res = await monitor.createResource('Plain', { Owner: 'me' });
    for (const name of names) {
      expect((await res.control(CLUSCTL_RESOURCE_SET_NAME, sz(name))).status).toBe(0);
      expect(utf8(await res.control(customCode(8)))).toBe(name);
    }
    await res.online();
    const last = names[names.length - 1];
    expect((await res.getReadOnlyProperties()).SeenName).toBe(last);
    await res.offline();
    // A new host hears the name with OPEN: the renamed one.
    for (const host of monitor.hostProcesses()) process.kill(host.pid, 'SIGKILL');
    await waitUntil(() => monitor.hostProcesses().length === 0, 20_000, 'the host gone');
    expect((await res.control(CLUSCTL_RESOURCE_SET_NAME, sz('数据库 𝄞'))).status).toBe(0);
    await res.online();
    expect((await res.getReadOnlyProperties()).SeenName).toBe('数据库 𝄞');
    await res.offline();
    await res.close();
  });

  it('a handler cannot answer ERROR_MORE_DATA for a custom control: the library reports ERROR_RESOURCE_FAILED and says why', async () => {
    const res = await monitor.createResource('MoreData', { Owner: 'me' });
    const r = await res.control(customCode(10), new Uint8Array(0), 16);
    expect(r.status).toBe(5038);
    expect(r.data.length).toBe(0);
    await waitUntil(
      () =>
        res.events.some(
          (e) => e.type === 'log' && /answered status 234, which only the library/.test(e.text),
        ),
      10_000,
      'the log line',
    );
  });

  it('a validate that throws ERROR_MORE_DATA is a rejection (87), never a request for a bigger buffer', async () => {
    const res = await monitor.createResource('MoreDataSet', { Owner: 'me' });
    await expect(res.setProperties({ Greeting: 'more-data' })).rejects.toMatchObject({
      code: 'PROPERTIES_REJECTED',
      win32: 87,
    });
    expect((await res.getProperties()).Greeting).toBe('hello');
  });

  it('an unknown custom function and unhandled standard codes answer ERROR_INVALID_FUNCTION (1)', async () => {
    const res = await monitor.createResource('Unhandled');
    expect((await res.control(customCode(9), new Uint8Array([1]))).status).toBe(1);
    expect((await res.control(customCode(0x3ffff))).status).toBe(1);
    expect((await res.control(CLUSCTL_RESOURCE_GET_FLAGS)).status).toBe(1);
    expect((await res.control(CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES)).status).toBe(1);
    // A known custom function sent with the type's object id is not the resource's code.
    expect((await res.control(((2 << 24) | (1 << 21) | (7 << 2)) >>> 0)).status).toBe(1);
  });

  it('ResourceTypeControl: ENUM/GET/SET of the type properties, STARTING_PHASE1/2, unhandled code → 1', async () => {
    const enumR = await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES);
    expect(enumR.status).toBe(0);
    expect(fromUtf16(enumR.data)).toBe('MaxInstances\0Banner\0\0');
    const get = async () => {
      const r = await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES);
      expect(r.status).toBe(0);
      return decodePropertyList(r.data).map((e) => [e.name, e.values[0].data]);
    };
    expect(await get()).toEqual([
      ['MaxInstances', u32(4)],
      ['Banner', sz('type banner')],
    ]);
    const fmts = await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS);
    expect(
      decodePropertyList(fmts.data).map((e) => [e.name, dv(e.values[0].data).getUint32(0, true)]),
    ).toEqual([
      ['MaxInstances', 2],
      ['Banner', 3],
    ]);
    const set = (n: number) =>
      monitor.typeControl(
        CLUSCTL_RESOURCE_TYPE_SET_PRIVATE_PROPERTIES,
        rawList(['MaxInstances', { syntax: CLUSPROP_SYNTAX_LIST_VALUE_DWORD, data: u32(n) }]),
      );
    expect((await set(9)).status).toBe(0);
    expect(await get()).toEqual([
      ['MaxInstances', u32(9)],
      ['Banner', sz('type banner')],
    ]);
    expect(
      dv(monitor.database.get(`ResourceTypes\\${built.typeName}`, 'MaxInstances')!.data).getUint32(
        0,
        true,
      ),
    ).toBe(9);
    expect((await set(17)).status).toBe(87); // above max: refused, nothing stored
    expect((await get())[0]).toEqual(['MaxInstances', u32(9)]);
    expect((await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_STARTING_PHASE1)).status).toBe(0);
    expect((await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_STARTING_PHASE2)).status).toBe(0);
    expect((await monitor.typeControl(CLUSCTL_RESOURCE_TYPE_GET_FLAGS)).status).toBe(1);
    expect((await monitor.typeControl(CLUSCTL_RESOURCE_UNKNOWN)).status).toBe(1);
  });

  it('ERROR_MORE_DATA: a too-small or NULL output buffer gets 234 and the exact size; that size then succeeds', async () => {
    const res = await monitor.createResource('Sizing', ALL_VALUES);
    await res.online();
    await waitUntil(
      async () => (await res.getReadOnlyProperties()).Status === 'online',
      20_000,
      'Status online',
    );
    const input = new TextEncoder().encode('sizing input');
    const resourceCodes: [string, number, Uint8Array][] = [
      ['GET_PRIVATE_PROPERTIES', CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, new Uint8Array(0)],
      ['GET_RO_PRIVATE_PROPERTIES', CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES, new Uint8Array(0)],
      ['ENUM_PRIVATE_PROPERTIES', CLUSCTL_RESOURCE_ENUM_PRIVATE_PROPERTIES, new Uint8Array(0)],
      ['GET_PRIVATE_PROPERTY_FMTS', CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTY_FMTS, new Uint8Array(0)],
      ['GET_REQUIRED_DEPENDENCIES', CLUSCTL_RESOURCE_GET_REQUIRED_DEPENDENCIES, new Uint8Array(0)],
      ['GET_CHARACTERISTICS', CLUSCTL_RESOURCE_GET_CHARACTERISTICS, new Uint8Array(0)],
      ['GET_CLASS_INFO', CLUSCTL_RESOURCE_GET_CLASS_INFO, new Uint8Array(0)],
      ['custom 7', customCode(7), input],
    ];
    const typeCodes: [string, number][] = [
      ['TYPE_GET_PRIVATE_PROPERTIES', CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTIES],
      ['TYPE_ENUM_PRIVATE_PROPERTIES', CLUSCTL_RESOURCE_TYPE_ENUM_PRIVATE_PROPERTIES],
      ['TYPE_GET_PRIVATE_PROPERTY_FMTS', CLUSCTL_RESOURCE_TYPE_GET_PRIVATE_PROPERTY_FMTS],
      ['TYPE_GET_REQUIRED_DEPENDENCIES', CLUSCTL_RESOURCE_TYPE_GET_REQUIRED_DEPENDENCIES],
      ['TYPE_GET_CHARACTERISTICS', CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS],
      ['TYPE_GET_CLASS_INFO', CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO],
    ];
    const calls: [string, (size?: number) => Promise<ControlResult>][] = [
      ...resourceCodes.map(([n, c, i]): [string, (size?: number) => Promise<ControlResult>] => [
        n,
        (size) => res.control(c, i, size),
      ]),
      ...typeCodes.map(([n, c]): [string, (size?: number) => Promise<ControlResult>] => [
        n,
        (size) => monitor.typeControl(c, new Uint8Array(0), size ?? 65536),
      ]),
    ];
    for (const [name, call] of calls) {
      const full = await call();
      expect(full.status, name).toBe(0);
      const need = full.data.length;
      expect(need, name).toBeGreaterThan(0);
      expect(full.returned, name).toBe(need);
      for (const small of [0, 1, need - 1]) {
        const r = await call(small);
        expect([name, small, r.status, r.returned]).toEqual([name, small, 234, need]);
        expect(r.data, name).toHaveLength(0);
      }
      const exact = await call(need);
      expect([name, exact.status, exact.returned]).toEqual([name, 0, need]);
      expect(exact.data, name).toEqual(full.data);
    }
    await res.offline();
  });
});
