import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFromArgs } from '../src/dev/cli/commands/run.js';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { defineResourceType, prop } from '../src/index.js';
import { parseNodes, readRunConfig } from '../src/dev/cluster/run-config.js';
import { parseSetTexts } from '../src/dev/cluster/set-values.js';

const schema = defineResourceType({
  type: 'Echo',
  properties: {
    Port: prop.dword({ default: 7000, min: 1, max: 65535 }),
    Verbose: prop.bool({ default: false }),
    Greeting: prop.string({ default: 'hello' }),
    Offset: prop.long({ default: 0, min: -10, max: 10 }),
  },
  online() {},
  offline() {},
  isAlive: () => true,
}).schema as Schema;

const file = (o: unknown) => {
  const f = join(mkdtempSync(join(tmpdir(), 'ck-cfg-')), 'run.json');
  writeFileSync(f, typeof o === 'string' ? o : JSON.stringify(o));
  return f;
};

describe('clusterkit run configuration', () => {
  it('reads --nodes as a count or a list of names and refuses bad ones', () => {
    expect(parseNodes('3')).toBe(3);
    expect(parseNodes('a, b,c')).toEqual(['a', 'b', 'c']);
    expect(() => parseNodes('0')).toThrow(/1\.\.16/);
    expect(() => parseNodes('a,A')).toThrow(/repeated/);
    expect(() => parseNodes('a b')).toThrow(/node names/);
    // A number is a count, never a node name.
    for (const v of ['-1', '2.5', '+3', '1e1', '.5', ' -2 ', '3.'])
      expect(() => parseNodes(v), v).toThrow(/give 1\.\.16 nodes/);
    expect(() => parseNodes('a,-1')).toThrow(/starting with a letter/);
    expect(() => parseNodes('2.5,a')).toThrow(/starting with a letter/);
  });

  it('reads --set values typed by the schema', () => {
    expect(
      parseSetTexts(['Port=7001,Verbose=true,Greeting=hi there,Offset=-3'], schema.properties),
    ).toEqual({
      Port: 7001,
      Verbose: true,
      Greeting: 'hi there',
      Offset: -3,
    });
    expect(() => parseSetTexts(['Port'], schema.properties)).toThrow(/is not Name=Value/);
  });

  it('reads a config file and refuses unknown keys, non-JSON and bad shapes', () => {
    const ok = readRunConfig(
      file({
        nodes: ['x', 'y'],
        timeScale: 0.5,
        groups: [{ name: 'G', preferredOwners: ['y'] }],
        resources: [{ name: 'R', group: 'G', dependsOn: [] }],
      }),
    );
    expect(ok.nodes).toEqual(['x', 'y']);
    expect(() => readRunConfig(file('{nope'))).toThrow(/must be a JSON object/);
    expect(() => readRunConfig(file({ node: 2 }))).toThrow(/unknown key\(s\) node/);
    expect(() => readRunConfig(file({ resources: [{ group: 'G' }] }))).toThrow(
      /resources\[0\] needs a "name"/,
    );
    expect(() => readRunConfig(file({ timeScale: 0 }))).toThrow(
      /timeScale must be a positive number/,
    );
  });

  it('lets flags win over the file and applies --set to every resource', () => {
    const cfg = file({
      nodes: 3,
      timeScale: 0.5,
      resources: [{ name: 'A', props: { Port: 1 } }, { name: 'B' }],
    });
    const plan = planFromArgs(
      { flags: { config: cfg, nodes: 'p,q', set: 'Verbose=true' }, positionals: [] },
      '/',
      { typeId: 'Echo', schema },
    );
    expect(plan.nodes).toEqual(['p', 'q']);
    expect(plan.timeScale).toBe(0.5);
    expect(plan.resources).toEqual([
      { name: 'A', props: { Port: 1, Verbose: true } },
      { name: 'B', props: { Verbose: true } },
    ]);
    expect(
      planFromArgs({ flags: {}, positionals: [] }, '/', { typeId: 'Echo', schema }).resources,
    ).toEqual([{ name: 'Echo1', props: {} }]);
  });
});
