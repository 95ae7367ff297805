/* Shared pieces of the controls*.test.ts files: the p-every-kind fixture, raw lists, log waits. */
import { expect } from 'vitest';
import {
  CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES,
  CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES,
  ResourceMonitor,
  type Resource,
} from '../../src/dev/harness/index.js';
import { encodePropertyList, type PropValue } from '../../src/bundle/clusprop/index.js';
import { utf16z } from '../../src/bundle/clusprop/utf16.js';
import { buildInTemp, fixture, waitUntil, type BuiltType } from './helpers.js';

/** The environment variable the fixture's DataDir default names (getenv of this process). */
export const ROOT_VAR = 'CK_P_EVERY_ROOT';
export const ROOT_VALUE = '/srv/ck-every-root';
process.env[ROOT_VAR] = ROOT_VALUE;

/** A value for every settable property (the required Owner included). */
export const ALL_VALUES = {
  Port: 4321,
  Offset: -77,
  Verbose: true,
  Greeting: 'grüße €😀',
  DataDir: `%${ROOT_VAR}%/d1`,
  Peers: ['n1', 'n2', 'n3'],
  Blob: new Uint8Array([0, 255, 7, 9, 1]), // odd length on purpose
  Quota: 999_999_999_999n,
  Delta: -123_456_789_012n,
  Owner: 'ops team',
  Mode: 'smart',
  Level: 5,
};

export const buildEveryKind = (): Promise<BuiltType> => buildInTemp(fixture('p-every-kind.ts'));

export function loadMonitor(built: BuiltType): Promise<ResourceMonitor> {
  return ResourceMonitor.load({
    library: built.library,
    type: built.typeName,
    schema: built.schema,
  });
}

export function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0, true);
  return out;
}

export function u64(n: bigint): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, n), true);
  return out;
}

export const sz = (text: string): Uint8Array => utf16z(text);

/** A property list of one or more raw properties (syntax + data given as they go on the wire). */
export function rawList(...props: [name: string, ...values: PropValue[]][]): Uint8Array {
  return encodePropertyList(props.map(([name, ...values]) => ({ name, values })));
}

export const dv = (data: Uint8Array) => new DataView(data.buffer, data.byteOffset, data.byteLength);

/** Waits until a line of the library's log for `res` (since `mark`) matches `re`. */
export async function waitLog(
  monitor: ResourceMonitor,
  mark: number,
  resource: string,
  re: RegExp,
): Promise<string> {
  let hit: string | undefined;
  await waitUntil(
    () => (hit = monitor.logs.since(mark, resource, 200).find((l) => re.test(l))) !== undefined,
    20_000,
    `a log line matching ${re} (have: ${monitor.logs.since(mark, resource, 200).join(' | ')})`,
  );
  return hit!;
}

/**
 * Sends `list` with VALIDATE and then SET and expects both to be refused with `status`, the
 * library's log to match `logRe`, and neither the properties nor the database to change.
 */
export async function expectRefused(
  monitor: ResourceMonitor,
  res: Resource,
  list: Uint8Array,
  status: number,
  logRe: RegExp,
): Promise<void> {
  const before = await res.getProperties();
  const dbBefore = monitor.database.values(`Resources\\${res.name}`);
  const v = await res.control(CLUSCTL_RESOURCE_VALIDATE_PRIVATE_PROPERTIES, list);
  expect(v.status).toBe(status);
  const mark = monitor.logs.mark();
  const s = await res.control(CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES, list);
  expect(s.status).toBe(status);
  await waitLog(monitor, mark, res.name, logRe);
  expect(await res.getProperties()).toEqual(before);
  expect(monitor.database.values(`Resources\\${res.name}`)).toEqual(dbBefore);
}
