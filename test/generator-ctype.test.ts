// The generated type table compiles warning-free and holds exactly what the schema says:
// a C program linked with it prints the table and this test decodes the bytes on its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTypeSource } from '../generator/index.js';
import { checkSchema } from '../generator/index.js';
import type { SchemaProperty } from '../src/bundle/sdk/schema.js';

const root = resolve(import.meta.dirname, '..');
const fixtures = join(root, 'test/fixtures/schemas');
const work = mkdtempSync(join(tmpdir(), 'ck-ctype-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CFLAGS = [
  '-Wall',
  '-Wextra',
  '-Werror',
  '-std=c11',
  '-pedantic',
  '-I',
  join(root, 'native/include'),
];
const HASH = 'ab'.repeat(32);

function onPath(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function load(name: string) {
  return checkSchema(JSON.parse(readFileSync(join(fixtures, name), 'utf8')));
}

function generate(name: string): string {
  const source = generateTypeSource({
    schema: load(name),
    schemaHash: HASH,
    handlerFile: '../Every.handler.js',
    nodePath: '/opt/node "v20"/bin/node',
  });
  const file = join(work, name.replace('.json', '_type.c'));
  writeFileSync(file, source);
  return file;
}

function dump(name: string): string[][] {
  const file = generate(name);
  const exe = join(work, name.replace('.json', '-dump'));
  execFileSync('gcc', [...CFLAGS, '-o', exe, file, join(fixtures, 'dump-type.c')]);
  return execFileSync(exe, { encoding: 'utf8' })
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));
}

const utf16 = (hex: string) =>
  Buffer.from(
    hex
      .match(/..../g)
      ?.map((u) => u.slice(2) + u.slice(0, 2))
      .join('') ?? '',
    'hex',
  ).toString('utf16le');

function decodeDefault(kind: string, hex: string): unknown {
  const b = Buffer.from(hex, 'hex');
  switch (kind) {
    case 'dword':
      return b.length === 4 ? b.readUInt32LE(0) : NaN;
    case 'bool':
      return b.length === 4 ? b.readUInt32LE(0) : NaN;
    case 'long':
      return b.length === 4 ? b.readInt32LE(0) : NaN;
    case 'ulargeInteger':
      return b.length === 8 ? b.readBigUInt64LE(0).toString() : NaN;
    case 'largeInteger':
      return b.length === 8 ? b.readBigInt64LE(0).toString() : NaN;
    case 'binary':
      return hex;
    case 'string':
    case 'expandString':
    case 'choice':
      expect(hex.endsWith('0000')).toBe(true);
      return b.subarray(0, b.length - 2).toString('utf16le');
    case 'multiString': {
      expect(hex.endsWith('00000000')).toBe(true);
      const body = b.subarray(0, b.length - 2).toString('utf16le');
      return body === '\0' ? [] : body.slice(0, -1).split('\0');
    }
  }
  throw new Error(kind);
}

function expectedFlags(p: SchemaProperty): number {
  return (
    (p.readOnly ? 1 : 0) |
    (p.required ? 2 : 0) |
    (p.kind === 'long' || p.kind === 'largeInteger' ? 4 : 0) |
    (p.default !== undefined ? 0x100 : 0) |
    (p.min !== undefined || p.kind === 'bool' ? 0x200 : 0) |
    (p.max !== undefined || p.kind === 'bool' ? 0x400 : 0) |
    (p.kind === 'secret' ? 0x800 : 0)
  );
}

function checkProps(rows: string[][], props: SchemaProperty[]) {
  expect(rows).toHaveLength(props.length);
  rows.forEach(([, name, format, flags, data, min, max, choices], i) => {
    const p = props[i];
    expect(utf16(name)).toBe(p.name);
    expect(Number(format)).toBe(p.format);
    expect(Number(flags)).toBe(expectedFlags(p));
    if (p.default === undefined) expect(data).toBe('NULL');
    else expect(decodeDefault(p.kind, data)).toEqual(p.default);
    const signed = p.kind === 'long' || p.kind === 'largeInteger';
    const asValue = (s: string) => (signed ? BigInt.asIntN(64, BigInt(s)) : BigInt(s));
    // A bool is a DWORD limited to 0..1 so that the C validator refuses other values.
    const lo = p.kind === 'bool' ? 0 : p.min;
    const hi = p.kind === 'bool' ? 1 : p.max;
    expect(asValue(min)).toBe(lo === undefined ? 0n : BigInt(lo));
    expect(asValue(max)).toBe(hi === undefined ? 0n : BigInt(hi));
    // A choice's texts are the table's, in declaration order; nothing else has any.
    expect(choices === '' ? [] : choices.split(',').map(utf16)).toEqual(p.choices ?? []);
  });
}

describe('generated C type table', () => {
  it('compiles with -Wall -Wextra -Werror -std=c11 and exports only ck_type', () => {
    const file = generate('every-kind.json');
    const obj = join(work, 'every.o');
    execFileSync('gcc', [...CFLAGS, '-c', '-o', obj, file]);
    const globals = execFileSync('nm', ['-g', '--defined-only', obj], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.split(' ').pop());
    expect(globals).toEqual(['ck_type']);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(`schema ${HASH}`);
    expect(text).not.toMatch(/[uL]"/);
  });

  it.each(['clang', 'x86_64-w64-mingw32-gcc'].filter(onPath))(
    'compiles warning-free with %s too (mingw: WCHAR is wchar_t)',
    (cc) => {
      const file = generate('every-kind.json');
      const obj = join(work, `every-${cc}.o`);
      execFileSync(cc, [...CFLAGS, '-c', '-o', obj, file]);
      const globals = execFileSync('nm', ['-g', '--defined-only', obj], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((l) => l.split(' ').pop());
      expect(globals).toEqual(['ck_type']);
    },
  );

  it('holds every property kind, default, limit and type field of the schema', () => {
    const schema = load('every-kind.json');
    const rows = dump('every-kind.json');
    const [, typeName, typeUtf8, displayName, version, hash, handlerFile, nodePath] = rows[0];
    expect([utf16(typeName), typeUtf8, utf16(displayName)]).toEqual([
      schema.type,
      schema.type,
      schema.displayName,
    ]);
    expect([version, hash, handlerFile, nodePath]).toEqual([
      schema.version,
      HASH,
      '../Every.handler.js',
      '/opt/node "v20"/bin/node',
    ]);
    checkProps(
      rows.filter((r) => r[0] === 'prop'),
      schema.properties,
    );
    checkProps(
      rows.filter((r) => r[0] === 'type_prop'),
      schema.typeProperties,
    );
    expect(rows.filter((r) => r[0] === 'dep_type').map((r) => utf16(r[1]))).toEqual(
      schema.requiredDependencies.types,
    );
    expect(rows.filter((r) => r[0] === 'dep_class').map((r) => Number(r[1]))).toEqual(
      schema.requiredDependencies.classes,
    );
    expect(rows.filter((r) => r[0] === 'control').map((r) => Number(r[1]))).toEqual(
      schema.controls.map((c) => c.function),
    );
    const t = schema.timeouts;
    expect(
      rows
        .find((r) => r[0] === 'timeouts')
        ?.slice(1)
        .map(Number),
    ).toEqual([
      t.open,
      t.close,
      t.online,
      t.offline,
      t.terminate,
      t.looksAlive,
      t.isAlive,
      t.control,
      t.handshake,
    ]);
    expect(
      rows
        .find((r) => r[0] === 'misc')
        ?.slice(1)
        .map(Number),
    ).toEqual([
      schema.characteristics,
      schema.resourceClass,
      schema.resourceSubclass,
      schema.progressInterval,
    ]);
  });

  it('emits NULL tables for a schema without properties, dependencies or controls', () => {
    const rows = dump('minimal.json');
    expect(rows.map((r) => r[0])).toEqual(['type', 'timeouts', 'misc']);
  });

  it('refuses a default that does not fit its kind, naming the property', () => {
    const schema = load('minimal.json');
    schema.properties.push({
      name: 'Port',
      kind: 'dword',
      format: 2,
      required: false,
      readOnly: false,
      default: -1,
    });
    expect(() =>
      generateTypeSource({ schema, schemaHash: HASH, handlerFile: 'x', nodePath: '' }),
    ).toThrow(/Port.*default -1 is outside/);
  });
});
