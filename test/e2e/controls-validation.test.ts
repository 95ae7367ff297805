/*
 * Validation of SET/VALIDATE_PRIVATE_PROPERTIES through the real library (p-every-kind
 * fixture), one test per rule. Each refused list must leave the properties and the
 * database as they were, and the library's log must name the culprit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
  CLUSPROP_SYNTAX_LIST_VALUE_LONG,
  CLUSPROP_SYNTAX_LIST_VALUE_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER,
  type PropValue,
} from '../../src/bundle/clusprop/index.js';
import {
  CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES,
  type Resource,
  type ResourceMonitor,
} from '../../src/dev/harness/index.js';
import {
  buildEveryKind,
  dv,
  expectRefused,
  loadMonitor,
  rawList,
  sz,
  u32,
  u64,
} from './controls-support.js';
import type { BuiltType } from './helpers.js';

const ERROR_INVALID_DATA = 13;
const ERROR_INVALID_PARAMETER = 87;

const dword = (n: number): PropValue => ({
  syntax: CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
  data: u32(n),
});
const long = (n: number): PropValue => ({ syntax: CLUSPROP_SYNTAX_LIST_VALUE_LONG, data: u32(n) });
const str = (s: string): PropValue => ({ syntax: CLUSPROP_SYNTAX_LIST_VALUE_SZ, data: sz(s) });

describe('property validation through the real library, one rule per test', () => {
  let built: BuiltType;
  let monitor: ResourceMonitor;
  let res: Resource;

  beforeAll(async () => {
    built = await buildEveryKind();
    monitor = await loadMonitor(built);
    res = await monitor.createResource('Checked', { Owner: 'me', Port: 5000, Offset: -7 });
  });

  afterAll(async () => {
    await monitor?.close();
    built?.cleanup();
  });

  const refused = (list: Uint8Array, re: RegExp, status = ERROR_INVALID_PARAMETER) =>
    expectRefused(monitor, res, list, status, re);

  it('the stored starting values are in place (so the refusals below are measured against them)', async () => {
    expect(await res.getProperties()).toMatchObject({ Owner: 'me', Port: 5000, Offset: -7 });
  });

  it('unknown property name → 87, the log names it', async () => {
    await refused(rawList(['Colour', dword(1)]), /unknown property Colour/);
    // Known names in the same list are not stored either.
    await refused(rawList(['Port', dword(6000)], ['Colour', dword(1)]), /unknown property Colour/);
  });

  it('wrong format for a property → 87, the log names it', async () => {
    await refused(rawList(['Port', str('80')]), /property Port has the wrong format/);
    await refused(rawList(['Greeting', dword(1)]), /property Greeting has the wrong format/);
  });

  it('below min → 87, the log names it', async () => {
    await refused(rawList(['Port', dword(0)]), /property Port is 0, out of range/);
    await refused(rawList(['Offset', long(-101)]), /property Offset is -101, out of range/);
  });

  it('above max → 87, the log names it', async () => {
    await refused(rawList(['Port', dword(65536)]), /property Port is 65536, out of range/);
    await refused(rawList(['Offset', long(0)]), /property Offset is 0, out of range/);
    await refused(
      rawList([
        'Quota',
        { syntax: CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER, data: u64(1_000_000_000_001n) },
      ]),
      /property Quota is 1000000000001, out of range/,
    );
  });

  it('bool value 2 → 87, the log names it', async () => {
    await refused(rawList(['Verbose', dword(2)]), /property Verbose is 2, out of range/);
  });

  it('setting a read-only property → 87, the log names it', async () => {
    await refused(rawList(['Status', str('hacked')]), /property Status is read-only/);
    await refused(rawList(['SeenPort', dword(1)]), /property SeenPort is read-only/);
  });

  it('a property twice in one list → 87, the log names it', async () => {
    await refused(
      rawList(['Port', dword(6000)], ['Port', dword(6001)]),
      /property Port appears more than once/,
    );
    // Names are case-insensitive.
    await refused(
      rawList(['Port', dword(6000)], ['PORT', dword(6001)]),
      /property PORT appears more than once/,
    );
  });

  it('an empty value for a required property → 87, the log names it', async () => {
    await refused(rawList(['Owner', str('')]), /property Owner is required/);
  });

  it("the handler's validate() rejection → 87, its message reaches the cluster log", async () => {
    // Each value alone is fine; the combination is what the handler refuses.
    await refused(
      rawList(['Verbose', dword(1)], ['Port', dword(80)]),
      /handler rejected the properties.*Verbose logging needs a Port of 1024 or more \(got 80\)/,
    );
    // The handler judges the complete would-be set: the stored Port counts too.
    expect((await res.setProperties({ Port: 100 })).stored).toBe(false);
    await refused(
      rawList(['Verbose', dword(1)]),
      /Verbose logging needs a Port of 1024 or more \(got 100\)/,
    );
    expect((await res.setProperties({ Port: 5000 })).stored).toBe(false);
  });

  it('a malformed property list (truncated / lying length / lying count) → 13, nothing stored', async () => {
    const good = rawList(['Port', dword(6000)], ['Greeting', str('changed')]);
    const malformed = /property list refused: it is malformed/;
    await refused(good.slice(0, good.length - 3), malformed, ERROR_INVALID_DATA);
    await refused(good.slice(0, good.length - 4), malformed, ERROR_INVALID_DATA); // no ENDMARK
    // The Port value's cbLength says 4000 bytes.
    const lying = good.slice();
    const nameCb = dv(lying).getUint32(8, true);
    const valueAt = 4 + 8 + Math.ceil(nameCb / 4) * 4;
    expect(dv(lying).getUint32(valueAt, true)).toBe(CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
    dv(lying).setUint32(valueAt + 4, 4000, true);
    await refused(lying, malformed, ERROR_INVALID_DATA);
    // The count says three properties, two follow.
    const counted = good.slice();
    dv(counted).setUint32(0, 3, true);
    await refused(counted, malformed, ERROR_INVALID_DATA);
    // A count that would overflow any size computation.
    const huge = good.slice();
    dv(huge).setUint32(0, 0xffffffff, true);
    await refused(huge, malformed, ERROR_INVALID_DATA);
    // A name of odd byte length (half a UTF-16 unit), the padded layout unchanged.
    const odd = good.slice();
    dv(odd).setUint32(8, nameCb - 1, true);
    await refused(odd, malformed, ERROR_INVALID_DATA);
    // A list with bytes after its last property.
    const trailing = new Uint8Array(good.length + 8);
    trailing.set(good);
    await refused(trailing, malformed, ERROR_INVALID_DATA);
    // The untouched list is accepted (the refusals were for the damage, not the content).
    const mark = monitor.logs.mark();
    expect((await res.control(CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, good)).status).toBe(0);
    expect(await res.getProperties()).toMatchObject({ Port: 6000, Greeting: 'changed' });
    expect(monitor.logs.since(mark, res.name).some((l) => malformed.test(l))).toBe(false);
  });
});
