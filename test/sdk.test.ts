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
import { checkSchemaJson } from '../src/bundle/sdk/schema-json.js';

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
    expect(s.controls).toEqual([
      { function: 2, input: 'bytes', output: 'bytes' },
      { function: 7, input: 'bytes', output: 'bytes' },
    ]);
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
    ).toEqual([{ function: 0x3ffff, input: 'bytes', output: 'bytes' }]);
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

describe('choices, secrets, live properties and described controls', () => {
  const run = () => undefined;
  const def = defineResourceType({
    type: 'Pg',
    properties: {
      Mode: prop.choice(['smart', 'fast', 'immediate'], { default: 'fast', live: true }),
      Password: prop.secret({ required: true, description: 'superuser password' }),
      SlowMs: prop.long({ default: -1, live: true }),
      Port: prop.dword({ default: 5432 }),
    },
    controls: {
      3: { name: 'Reload', input: 'none', output: 'text', run: () => 'ok' },
      1: { name: 'Info', description: 'pg_stat', input: 'json', output: 'json', run },
    },
    ...handlers,
  });

  it('writes them into the schema in the fixed key order', () => {
    const [mode, password, slow, port] = def.schema.properties;
    expect(mode).toEqual({
      name: 'Mode',
      kind: 'choice',
      format: 3,
      required: false,
      readOnly: false,
      live: true,
      default: 'fast',
      choices: ['smart', 'fast', 'immediate'],
    });
    expect(Object.keys(mode)).toEqual(Object.keys(mode).sort((a, b) => order(a) - order(b)));
    expect(password).toEqual({
      name: 'Password',
      kind: 'secret',
      format: 3,
      required: true,
      readOnly: false,
      description: 'superuser password',
    });
    expect(slow.live).toBe(true);
    expect('live' in port).toBe(false); // absent unless set: older schemas keep their hash
    expect(def.schema.controls).toEqual([
      { function: 1, name: 'Info', input: 'json', output: 'json', description: 'pg_stat' },
      { function: 3, name: 'Reload', input: 'none', output: 'text' },
    ]);
    expect(Object.keys(def.schema.controls[0])).toEqual([
      'function',
      'name',
      'input',
      'output',
      'description',
    ]);
  });

  const KEYS = ['name', 'kind', 'format', 'required', 'readOnly', 'live', 'default', 'min', 'max'];
  const order = (k: string) => [...KEYS, 'choices', 'description'].indexOf(k);

  it('refuses what cannot hold, naming the property', () => {
    const withProps = (properties: Record<string, unknown>) => () =>
      defineResourceType({ type: 'T', properties, ...handlers } as never);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ M: prop.choice(['a', 'b'], { default: 'c' as never }) }, 'BAD_DEFAULT', /not one of/],
      [{ M: prop.choice([] as never) }, 'BAD_OPTION', /needs its texts/],
      [{ M: prop.choice(['a', 'a']) }, 'BAD_OPTION', /appears twice/],
      [{ M: prop.choice(['a', '']) }, 'BAD_OPTION', /choice 1/],
      [{ M: prop.choice(['a', 'b\nc']) }, 'BAD_OPTION', /without control characters/],
      [{ M: prop.choice(['a', 'x'.repeat(257)]) }, 'BAD_OPTION', /1 to 256/],
      [{ M: prop.string({ choices: ['a'] } as never) }, 'BAD_OPTION', /only to prop.choice/],
      [{ P: prop.secret({ default: 'x' } as never) }, 'BAD_OPTION', /secret has no default/],
      [{ P: prop.secret({ readOnly: true } as never) }, 'BAD_OPTION', /drop readOnly/],
      [{ S: prop.string({ readOnly: true, live: true }) }, 'BAD_OPTION', /drop live/],
      [{ S: prop.string({ live: 1 as never }) }, 'BAD_OPTION', /live must be true or false/],
    ];
    for (const [properties, code, message] of cases) {
      const err = schemaError(withProps(properties));
      expect([err.code, err.message]).toEqual([code, expect.stringMatching(message)]);
    }
    const typeLevel = (p: unknown) => () =>
      defineResourceType({
        type: 'T',
        properties: {},
        typeProperties: { X: p },
        ...handlers,
      } as never);
    expect(schemaError(typeLevel(prop.secret())).message).toMatch(/typeProperties: X is a secret/);
    expect(schemaError(typeLevel(prop.dword({ live: true }))).message).toMatch(/X is live/);
  });

  it('passes the build door (checkSchemaJson) exactly, and only in the canonical form', () => {
    const json = JSON.parse(JSON.stringify(def.schema));
    expect(checkSchemaJson(json)).toEqual(def.schema);
    const edited = (edit: (s: any) => void) => () => {
      const copy = JSON.parse(JSON.stringify(def.schema));
      edit(copy);
      checkSchemaJson(copy);
    };
    expect(schemaError(edited((s) => (s.properties[3].live = false))).message).toMatch(
      /properties\[3\] has its keys as/,
    );
    expect(schemaError(edited((s) => (s.properties[0].choices = ['smart']))).message).toMatch(
      /not one of its choices/,
    );
    expect(schemaError(edited((s) => (s.controls = [1, 3]))).message).toMatch(
      /controls\[0\] must be an object/,
    );
    expect(schemaError(edited((s) => (s.controls[0].extra = 1))).message).toMatch(/keys as/);
  });

  it('refuses controls whose spec breaks a rule', () => {
    const define = (controls: unknown) => () =>
      defineResourceType({ type: 'T', properties: {}, controls, ...handlers } as never);
    const spec = { input: 'bytes', output: 'bytes', run };
    expect(schemaError(define({ 1: { ...spec, name: 'Two Words' } })).message).toMatch(/letter/);
    expect(schemaError(define({ 1: { ...spec, input: 'xml' } })).message).toMatch(
      /input must be one of none, bytes, text, json/,
    );
    expect(
      schemaError(define({ 1: { ...spec, name: 'A' }, 2: { ...spec, name: 'a' } })).message,
    ).toMatch(/both named/);
    expect(schemaError(define({ 1: { ...spec, retries: 3 } })).message).toMatch(
      /unknown key "retries"/,
    );
    expect(schemaError(define({ 1: { input: 'none', output: 'none' } })).code).toBe('BAD_CONTROL');
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
