import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  defineResourceType,
  KIT_VERSION,
  prop,
  ResourceError,
  SchemaError,
  schemaHash,
} from '../src/index.js';
import { isResourceTypeDefinition } from '../src/index.js';

const handlers = { online() {}, offline() {}, isAlive: () => true };

function schemaError(fn: () => unknown): SchemaError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SchemaError);
    return err as SchemaError;
  }
  throw new Error('expected a SchemaError');
}

describe('defineResourceType schema', () => {
  const def = defineResourceType({
    type: 'EchoServer',
    displayName: 'Echo Server',
    properties: {
      Port: prop.dword({ default: 7000, min: 1, max: 65535, description: 'TCP port' }),
      DataDir: prop.expandString({ required: true }),
      Peers: prop.multiString({ default: ['a', 'b'] }),
      Verbose: prop.bool({ default: true }),
      Offset: prop.long({ default: -2, min: -10, max: 10 }),
      Quota: prop.ulargeInteger({ default: 2n ** 64n - 1n }),
      Delta: prop.largeInteger({ min: -(2n ** 63n) }),
      Token: prop.binary({ default: Uint8Array.of(0xab, 0x01) }),
      Status: prop.string({ readOnly: true }),
    },
    controls: { 7: () => {}, 2: () => {} },
    requiredDependencies: { types: ['Network Name'], classes: [1] },
    timeouts: { online: 1234 },
    ...handlers,
  });

  it('follows docs/schema.md: key order, kinds, formats, defaults and ranges', () => {
    const s = def.schema;
    expect(Object.keys(s)).toEqual([
      'schemaVersion',
      'type',
      'displayName',
      'version',
      'properties',
      'typeProperties',
      'requiredDependencies',
      'characteristics',
      'resourceClass',
      'resourceSubclass',
      'controls',
      'timeouts',
      'pollIntervals',
      'progressInterval',
    ]);
    expect(s.properties[0]).toEqual({
      name: 'Port',
      kind: 'dword',
      format: 2,
      required: false,
      readOnly: false,
      default: 7000,
      min: 1,
      max: 65535,
      description: 'TCP port',
    });
    expect(Object.keys(s.properties[0])).toEqual([
      'name',
      'kind',
      'format',
      'required',
      'readOnly',
      'default',
      'min',
      'max',
      'description',
    ]);
    expect(s.properties.map((p) => [p.name, p.format, p.default])).toEqual([
      ['Port', 2, 7000],
      ['DataDir', 4, undefined],
      ['Peers', 5, ['a', 'b']],
      ['Verbose', 2, 1],
      ['Offset', 7, -2],
      ['Quota', 6, '18446744073709551615'],
      ['Delta', 10, undefined],
      ['Token', 1, 'ab01'],
      ['Status', 3, undefined],
    ]);
    expect('default' in s.properties[1]).toBe(false);
    expect(s.properties[6].min).toBe('-9223372036854775808');
    expect(s.properties[1].required).toBe(true);
    expect(s.properties[8].readOnly).toBe(true);
    expect(s.controls).toEqual([2, 7]);
    expect(s.requiredDependencies).toEqual({ types: ['Network Name'], classes: [1] });
    expect(s.resourceClass).toBe(32768);
    expect(s.timeouts.online).toBe(1234);
    expect(s.timeouts.offline).toBe(300000);
    expect(s.pollIntervals).toEqual({ looksAlive: 5000, isAlive: 60000 });
    expect(s.progressInterval).toBe(0);
    expect(s.version).toBe('1.0.0');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('keeps the handlers and marks the definition', () => {
    expect(def.online).toBe(handlers.online);
    expect(isResourceTypeDefinition(def)).toBe(true);
    expect(isResourceTypeDefinition({ schema: def.schema })).toBe(false);
  });

  it('schemaHash is the sha256 hex of JSON.stringify(schema) and changes with the schema', () => {
    const expected = createHash('sha256').update(JSON.stringify(def.schema)).digest('hex');
    expect(schemaHash(def.schema)).toBe(expected);
    expect(schemaHash(def.schema)).toMatch(/^[0-9a-f]{64}$/);
    const other = defineResourceType({
      type: 'EchoServer',
      properties: { Port: prop.dword({ default: 7001 }) },
      ...handlers,
    });
    const same = defineResourceType({
      type: 'EchoServer',
      properties: { Port: prop.dword({ default: 7001 }) },
      ...handlers,
    });
    expect(schemaHash(other.schema)).toBe(schemaHash(same.schema));
    expect(schemaHash(other.schema)).not.toBe(schemaHash(def.schema));
  });
});

describe('schema rules', () => {
  const define = (extra: Record<string, unknown>) => () =>
    defineResourceType({ type: 'T', properties: {}, ...handlers, ...extra } as never);
  const withProps = (properties: Record<string, unknown>) => define({ properties });

  it.each([
    ['', 'BAD_TYPE_NAME'],
    ['x'.repeat(65), 'BAD_TYPE_NAME'],
    ['a/b', 'BAD_TYPE_NAME'],
    ['a\tb', 'BAD_TYPE_NAME'],
    ['Why?', 'BAD_TYPE_NAME'],
  ])('type name %j → %s', (type, code) => {
    expect(schemaError(define({ type })).code).toBe(code);
  });

  it('accepts spaces and non-ASCII letters in type names', () => {
    expect(
      defineResourceType({ type: 'Écho Server 2', properties: {}, ...handlers }).schema.type,
    ).toBe('Écho Server 2');
  });

  it('names the property and the fix in each error', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ 'Bad!': prop.dword() }, 'BAD_PROPERTY_NAME', /Bad!/],
      [{ Port: prop.dword(), port: prop.dword() }, 'DUPLICATE_PROPERTY', /case-insensitive/],
      [{ Port: prop.dword({ default: 5, min: 6 }) }, 'BAD_RANGE', /Port: default 5 is below min 6/],
      [{ Port: prop.dword({ default: 9, max: 8 }) }, 'BAD_RANGE', /above max/],
      [{ Port: prop.dword({ min: 9, max: 8 }) }, 'BAD_RANGE', /greater than max/],
      [{ Port: prop.dword({ default: -1 }) }, 'BAD_DEFAULT', /outside the dword range/],
      [{ Port: prop.dword({ max: 2 ** 32 }) }, 'BAD_RANGE', /outside/],
      [{ Off: prop.long({ min: -(2 ** 31) - 1 }) }, 'BAD_RANGE', /outside the long range/],
      [{ Q: prop.ulargeInteger({ default: -1n }) }, 'BAD_DEFAULT', /outside/],
      [{ Q: prop.largeInteger({ max: 2n ** 63n }) }, 'BAD_RANGE', /outside/],
      [{ Q: prop.ulargeInteger({ default: 5 as never }) }, 'BAD_DEFAULT', /bigint/],
      [{ P: prop.dword({ default: 1.5 }) }, 'BAD_DEFAULT', /integer/],
      [
        { S: prop.string({ required: true, default: 'x' }) },
        'REQUIRED_WITH_DEFAULT',
        /S: required and default/,
      ],
      [{ S: prop.string({ readOnly: true, required: true }) }, 'READ_ONLY_REQUIRED', /readOnly/],
      [{ S: prop.string({ min: 1 } as never) }, 'BAD_OPTION', /min\/max apply only/],
      [{ S: prop.string({ defualt: 'x' } as never) }, 'BAD_OPTION', /unknown option "defualt"/],
      [{ S: prop.string({ default: 5 as never }) }, 'BAD_DEFAULT', /string/],
      [{ M: prop.multiString({ default: ['a', ''] }) }, 'BAD_DEFAULT', /empty/],
      [{ B: prop.bool({ default: 1 as never }) }, 'BAD_DEFAULT', /true or false/],
      [{ X: { kind: 'float', options: {} } }, 'BAD_PROPERTY', /prop\.dword/],
    ];
    for (const [properties, code, message] of cases) {
      const err = schemaError(withProps(properties));
      expect([err.code, err.message]).toEqual([code, expect.stringMatching(message)]);
    }
  });

  it('checks controls, timeouts, intervals and handlers', () => {
    expect(schemaError(define({ controls: { [0x40000]: () => {} } })).code).toBe('BAD_CONTROL');
    expect(schemaError(define({ controls: { '01': () => {} } })).code).toBe('BAD_CONTROL');
    expect(schemaError(define({ controls: { 1: 'nope' } })).code).toBe('BAD_CONTROL');
    expect(
      defineResourceType({
        type: 'T',
        properties: {},
        controls: { 0x3ffff: () => {} },
        ...handlers,
      }).schema.controls,
    ).toEqual([0x3ffff]);
    expect(schemaError(define({ timeouts: { online: 0 } })).code).toBe('BAD_TIMEOUT');
    expect(schemaError(define({ timeouts: { online: 1.5 } })).code).toBe('BAD_TIMEOUT');
    expect(schemaError(define({ timeouts: { onlne: 5 } })).message).toMatch(
      /timeouts.onlne is unknown/,
    );
    expect(schemaError(define({ pollIntervals: { isAlive: -1 } })).code).toBe('BAD_TIMEOUT');
    expect(schemaError(define({ progressInterval: -1 })).code).toBe('BAD_TIMEOUT');
    expect(
      defineResourceType({ type: 'T', properties: {}, progressInterval: 0, ...handlers }).schema
        .progressInterval,
    ).toBe(0);
    expect(schemaError(define({ isAlive: undefined })).code).toBe('MISSING_HANDLER');
    expect(schemaError(define({ terminate: 5 })).code).toBe('MISSING_HANDLER');
    expect(schemaError(define({ requiredDependencies: { types: ['a|b'] } })).code).toBe(
      'BAD_TYPE_NAME',
    );
    expect(schemaError(define({ characteristics: -1 })).code).toBe('BAD_OPTION');
  });
});

describe('errors and version', () => {
  it('ResourceError carries a Win32 code, 5038 by default', () => {
    expect(new ResourceError('x').win32).toBe(5038);
    expect(new ResourceError('x', 1460).win32).toBe(1460);
    expect(new ResourceError('x').code).toBe('RESOURCE_ERROR');
    expect(() => new ResourceError('x', 0)).toThrow(/Win32 error number/);
  });

  it('KIT_VERSION equals package.json version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(KIT_VERSION).toBe(pkg.version);
  });
});
