// `--set` and run-config values typed by the schema; the run plan's required-property and
// required-dependency checks (clusterkit run and verify use these before anything starts).
import { describe, expect, it } from 'vitest';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { defineResourceType, prop } from '../src/index.js';
import { checkRequired, dependencyWarnings, makePlan } from '../src/dev/cluster/run-plan.js';
import { missingRequired, parseSetTexts, typedProps } from '../src/dev/cluster/set-values.js';

const schema = defineResourceType({
  type: 'Pg',
  properties: {
    ListenAddress: prop.string({ default: '127.0.0.1' }),
    Port: prop.dword({ default: 5432, min: 1024, max: 65535 }),
    DataDir: prop.expandString({ required: true }),
    Peers: prop.multiString({ default: [] }),
    Verbose: prop.bool({ default: false }),
    Token: prop.binary({}),
    Quota: prop.ulargeInteger({ default: 0n }),
    Delta: prop.largeInteger({ default: 0n, min: -5n, max: 5n }),
    'Max Size': prop.dword({ default: 1 }),
    Status: prop.string({ readOnly: true }),
  },
  requiredDependencies: { types: ['Physical Disk'] },
  online() {},
  offline() {},
  isAlive: () => true,
}).schema as Schema;
const props = schema.properties;

describe('--set values', () => {
  it('keeps a comma inside a value unless a declared name and = follow it', () => {
    expect(
      parseSetTexts(['ListenAddress=127.0.0.1,::1,Port=6000,DataDir=/srv/pg, main'], props),
    ).toEqual({ ListenAddress: '127.0.0.1,::1', Port: 6000, DataDir: '/srv/pg, main' });
  });

  it('types every kind from text, case-insensitive names, later --set wins', () => {
    expect(
      parseSetTexts(
        [
          'peers=a,b,c,Verbose=TRUE,Token=0A1b,Quota=18446744073709551615,Delta=-5',
          'Max Size=0x10',
          'Verbose=0',
        ],
        props,
      ),
    ).toEqual({
      Peers: ['a', 'b', 'c'],
      Verbose: false,
      Token: new Uint8Array([0x0a, 0x1b]),
      Quota: 18446744073709551615n,
      Delta: -5n,
      'Max Size': 16,
    });
  });

  it.each([
    ['Prot=6000', /Prot is not a property of this type \(did you mean Port\?\)/],
    ['Port=6000,Conn=host=a', /Conn is not a property.*goes in a --config file/],
    ['Status=x', /Status is read-only/],
    ['Port=80', /Port must be within 1024\.\.65535/],
    ['Port=12ab', /Port is a dword; write an integer/],
    ['Verbose=maybe', /Verbose is a bool; write true or false/],
    ['Token=abc', /Token is binary; write its bytes as hex digits/],
    ['Peers=a,,b', /its items must be non-empty/],
    ['Delta=6', /Delta must be within -5\.\.5/],
    ['=1', /is not Name=Value/],
  ])('%s → one line naming the problem', (text, message) => {
    expect(() => parseSetTexts([text], props)).toThrow(message);
  });
});

describe('run config values', () => {
  it('types JSON values and refuses the wrong JSON form', () => {
    expect(
      typedProps(
        { Port: 6000, Peers: ['a,b'], Quota: '18446744073709551615', Token: '00ff', Verbose: 1 },
        props,
        'run.json resources[0].props',
      ),
    ).toEqual({
      Port: 6000,
      Peers: ['a,b'],
      Quota: 18446744073709551615n,
      Token: new Uint8Array([0, 255]),
      Verbose: true,
    });
    expect(() => typedProps({ Peers: 'a' }, props, 'f')).toThrow(
      /f\.Peers: Peers is a multiString; write an array of strings/,
    );
  });

  it('lists required properties without a value', () => {
    expect(missingRequired(props, { datadir: 'x' })).toEqual([]);
    expect(missingRequired(props, {}).map((p) => p.name)).toEqual(['DataDir']);
  });
});

describe('the run plan', () => {
  it('refuses to bring a resource online without a required property, naming the --set', () => {
    const plan = makePlan({ typeId: 'Pg', schema });
    expect(() => checkRequired(plan, schema)).toThrow(
      'resource Pg1 has no value for the required property DataDir: pass --set DataDir=<text> (or "props" in a --config file)',
    );
    expect(() =>
      checkRequired(makePlan({ typeId: 'Pg', schema, sets: ['DataDir=/srv'] }), schema),
    ).not.toThrow();
  });

  it('models a required dependency with a stand-in and warns when it is missing', () => {
    const alone = makePlan({ typeId: 'Pg', schema, sets: ['DataDir=/srv'] });
    const [warning] = dependencyWarnings(alone, schema);
    expect(warning).toMatch(/Pg1 has no dependency on a resource of type "Physical Disk"/);
    expect(warning).toContain('"type": "Physical Disk"');
    const modeled = makePlan({
      typeId: 'Pg',
      schema,
      config: {
        resources: [
          { name: 'Disk1', type: 'Physical Disk', group: 'G' },
          { name: 'Pg1', group: 'G', dependsOn: ['Disk1'], props: { DataDir: '/srv' } },
        ],
      },
    });
    expect(dependencyWarnings(modeled, schema)).toEqual([]);
    expect(modeled.resources[0]).toEqual({ name: 'Disk1', type: 'Physical Disk', group: 'G' });
    expect(() => checkRequired(modeled, schema)).not.toThrow();
    expect(() =>
      makePlan({
        typeId: 'Pg',
        schema,
        config: { resources: [{ name: 'D', type: 'Physical Disk', props: { Port: 1 } }] },
      }),
    ).toThrow(/stands in for a resource of type "Physical Disk", which has no properties/);
  });
});
