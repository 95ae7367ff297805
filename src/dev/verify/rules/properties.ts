import type { SchemaProperty } from '../../../bundle/sdk/schema.js';
import { fromSchemaValue } from '../../../bundle/sdk/schema-values.js';
import { expectRule, RuleFailure, type Rule } from '../rule.js';
import type { RuleContext } from '../context.js';
import { outOfRange } from '../valid-props.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a, big) === JSON.stringify(b, big);
function big(_k: string, v: unknown) {
  return typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Array.from(v) : v;
}

async function refused(what: string, p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch {
    return;
  }
  throw new RuleFailure(`${what} was accepted`);
}

/** The default as the library reports it: the schema's JSON form read by the SDK's converter. */
function expectedDefault(p: SchemaProperty): unknown {
  return fromSchemaValue(p.kind, p.default);
}

function asBool(v: unknown): unknown {
  return typeof v === 'number' ? v !== 0 : v;
}

/** A valid value different from the current one, for a property the rule can safely change. */
function otherValue(p: SchemaProperty, current: unknown): unknown {
  switch (p.kind) {
    case 'dword':
    case 'long': {
      const min = p.min !== undefined ? Number(p.min) : 0;
      const max = p.max !== undefined ? Number(p.max) : 1000;
      const c = Number(current ?? min);
      return c + 1 <= max ? c + 1 : min;
    }
    case 'bool':
      return !asBool(current);
    case 'string':
    case 'expandString':
      return `${String(current ?? '')}-verify`;
    default:
      return undefined;
  }
}

/** The properties GET reads back: writable ones but secrets, which are written only. */
function writable(ctx: RuleContext): SchemaProperty[] {
  return ctx.schema.properties.filter((p) => !p.readOnly && p.kind !== 'secret');
}

export const propertyRules: Rule[] = [
  {
    id: 'defaults-readable',
    rule: 'Reading the properties of a new resource must return every writable property, with its default when one is declared.',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      const got = await ctx.step('GET_PRIVATE_PROPERTIES', res.getProperties());
      const given = ctx.props;
      for (const p of writable(ctx)) {
        const key = Object.keys(got).find((k) => k.toLowerCase() === p.name.toLowerCase());
        if (p.default === undefined && !(p.name in given)) continue;
        expectRule(key !== undefined, `property ${p.name} is missing from GET_PRIVATE_PROPERTIES`);
        const want = p.name in given ? given[p.name] : expectedDefault(p);
        const have = p.kind === 'bool' ? asBool(got[key]) : got[key];
        expectRule(
          same(have, p.kind === 'bool' ? asBool(want) : want),
          `property ${p.name} reads ${JSON.stringify(have, big)}, expected ${JSON.stringify(want, big)}`,
        );
      }
    },
  },
  {
    id: 'valid-set-stored',
    rule: 'Setting a valid property must be stored and read back unchanged.',
    skipIf: (ctx) =>
      writable(ctx).some((p) => otherValue(p, undefined) !== undefined)
        ? undefined
        : 'the type has no simple writable property',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      const before = await res.getProperties();
      const p = writable(ctx).find((x) => otherValue(x, before[x.name]) !== undefined)!;
      const value = otherValue(p, before[p.name]);
      await ctx.step('SET_PRIVATE_PROPERTIES', res.setProperties({ [p.name]: value }));
      const after = await res.getProperties();
      const have = p.kind === 'bool' ? asBool(after[p.name]) : after[p.name];
      expectRule(
        same(have, value),
        `after setting ${p.name} to ${JSON.stringify(value)} it reads ${JSON.stringify(have, big)}`,
      );
    },
  },
  {
    id: 'out-of-range-refused',
    rule: 'Setting an out-of-range property must be refused and change nothing.',
    skipIf: (ctx) =>
      outOfRange(ctx.schema.properties)
        ? undefined
        : 'the type has no numeric property with a range',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      const before = await res.getProperties();
      const bad = outOfRange(ctx.schema.properties)!;
      await refused(
        `setting ${bad.name} to ${bad.value}`,
        res.setProperties({ [bad.name]: bad.value }),
      );
      expectRule(
        same(await res.getProperties(), before),
        `a refused set of ${bad.name} still changed the stored properties`,
      );
    },
  },
  {
    id: 'unknown-property-refused',
    rule: 'Setting an unknown property must be refused and change nothing.',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      const before = await res.getProperties();
      await refused(
        'setting the unknown property NoSuchVerifyProperty',
        res.setProperties({ NoSuchVerifyProperty: 1 }),
      );
      expectRule(
        same(await res.getProperties(), before),
        'a refused set of an unknown property changed the stored properties',
      );
    },
  },
  {
    id: 'read-only-refused',
    rule: 'Setting a read-only property must be refused.',
    skipIf: (ctx) =>
      ctx.schema.properties.some((p) => p.readOnly)
        ? undefined
        : 'the type has no read-only property',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      const p = ctx.schema.properties.find((x) => x.readOnly)!;
      const value =
        p.kind === 'dword' || p.kind === 'long' || p.kind === 'bool'
          ? 1
          : p.kind === 'multiString'
            ? ['x']
            : 'x';
      await refused(
        `setting the read-only property ${p.name}`,
        res.setProperties({ [p.name]: value }),
      );
    },
  },
  {
    id: 'secret-not-returned',
    rule: 'A secret property, once set, must never be returned by GET_PRIVATE_PROPERTIES.',
    skipIf: (ctx) =>
      ctx.schema.properties.some((p) => p.kind === 'secret') ? undefined : 'the type has no secret',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create());
      const secrets = ctx.schema.properties.filter((p) => p.kind === 'secret');
      const values = Object.fromEntries(secrets.map((p) => [p.name, `verify-${p.name}-7f3e`]));
      await ctx.step('SET_PRIVATE_PROPERTIES', res.setProperties(values));
      const got = await ctx.step('GET_PRIVATE_PROPERTIES', res.getProperties());
      for (const p of secrets) {
        const key = Object.keys(got).find((k) => k.toLowerCase() === p.name.toLowerCase());
        expectRule(
          key === undefined,
          `the secret ${p.name} was returned by GET_PRIVATE_PROPERTIES`,
        );
      }
    },
  },
  {
    id: 'required-enforced',
    rule: 'Online without a required property must fail and leave no process running.',
    skipIf: (ctx) =>
      ctx.schema.properties.some((p) => p.required)
        ? undefined
        : 'the type has no required property',
    async check(ctx) {
      const res = await ctx.step('Open', ctx.create({}));
      await refused('Online without the required properties', ctx.step('Online', res.online()));
      await ctx.until(() => ctx.appPids().length === 0, 3000);
      expectRule(ctx.appPids().length === 0, 'a refused Online left application processes running');
    },
  },
];
