// One table of type and property names (test/vectors/names.tsv) through every door that
// takes a name: defineResourceType, the build's check of a printed schema, and (type names)
// `clusterkit new`. Each door must agree with the table, so they agree with each other.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSchema, typeIdFromName, validateTypeName } from '../generator/index.js';
import { defineResourceType, prop } from '../src/index.js';

interface Row {
  what: 'type' | 'property';
  name: string;
  expect: string;
}

const rows: Row[] = readFileSync(new URL('./vectors/names.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [what, spec, expected] = line.split('\t');
    const repeat = /^(.)\*(\d+)$/.exec(spec);
    const name = repeat ? repeat[1].repeat(Number(repeat[2])) : (JSON.parse(spec) as string);
    return { what: what as Row['what'], name, expect: expected };
  });

const handlers = { online() {}, offline() {}, isAlive: () => true };
const minimal = JSON.parse(
  readFileSync(new URL('./fixtures/schemas/minimal.json', import.meta.url), 'utf8'),
);

/** The error message of `fn`, or 'ok'. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
}

function verdict(message: string, row: Row): string {
  if (row.expect === 'ok') return message;
  return message.includes(row.expect) ? row.expect : message;
}

function doors(row: Row): Record<string, () => unknown> {
  if (row.what === 'type') {
    return {
      defineResourceType: () => defineResourceType({ type: row.name, properties: {}, ...handlers }),
      'required dependency': () =>
        defineResourceType({
          type: 'T',
          properties: {},
          requiredDependencies: { types: [row.name] },
          ...handlers,
        }),
      'build schema check': () => checkSchema({ ...minimal, type: row.name, displayName: 'T' }),
      'clusterkit new': () => validateTypeName(row.name),
    };
  }
  const entry = { name: row.name, kind: 'dword', format: 2, required: false, readOnly: false };
  return {
    defineResourceType: () =>
      defineResourceType({ type: 'T', properties: { [row.name]: prop.dword() }, ...handlers }),
    'build schema check': () => checkSchema({ ...minimal, properties: [entry] }),
  };
}

describe.each(['type', 'property'] as const)('%s names', (what) => {
  it.each(rows.filter((r) => r.what === what).map((r) => [JSON.stringify(r.name), r] as const))(
    '%s',
    (_, row) => {
      const got = Object.fromEntries(
        Object.entries(doors(row)).map(([door, fn]) => [door, verdict(outcome(fn), row)]),
      );
      const want = Object.fromEntries(Object.keys(got).map((door) => [door, row.expect]));
      expect(got).toEqual(want);
    },
  );
});

describe('the type id', () => {
  it.each([
    ['NUL', 'NULType'],
    ['com1', 'Com1Type'],
    ['Lpt9', 'Lpt9Type'],
    ['aux server', 'AuxServer'],
    // Windows reserves COM¹-COM³ and LPT¹-LPT³ too; NFKD makes them digits.
    ['COM¹', 'COM1Type'],
    ['LPT³', 'LPT3Type'],
    // Accents are dropped first, punctuation after: what is left is still checked.
    ['Ñul', 'NulType'],
    ['con.', 'ConType'],
    ['PRN-', 'PRNType'],
    ['nul.txt', 'NulTxt'],
    ['COM10', 'COM10'],
  ])('of %j is %j: never a Windows device name, since it names files', (name, id) => {
    expect(typeIdFromName(name)).toBe(id);
  });
});
