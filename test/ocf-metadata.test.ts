/**
 * The OCF agent's metadata and parameter names: valid against the OCF 1.0 DTD that
 * ocf-tester uses (checked by the real xmllint), hostile text stays text, names that OCF
 * cannot carry are mapped and collisions refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ocfMetadata, ocfParamName, ocfParams } from '../generator/index.js';
import { defineResourceType, prop } from '../src/index.js';

const DTD = '/usr/share/resource-agents/ra-api-1.dtd';
const dir = mkdtempSync(join(tmpdir(), 'ck-ocf-meta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const noop = { online() {}, offline() {}, isAlive: () => true };

const everyKind = defineResourceType({
  type: 'Every Kind',
  properties: {
    Port: prop.dword({
      default: 8000,
      min: 1,
      max: 65535,
      description: 'TCP port. Used by clients.',
    }),
    Offset: prop.long({ default: -5, min: -100, max: -1 }),
    Verbose: prop.bool({ default: true }),
    'Data Dir': prop.expandString({ default: '%ROOT%/data' }),
    Peers: prop.multiString({ default: ['a,b', 'c\\d'] }),
    Blob: prop.binary({ default: new Uint8Array([1, 0xab]) }),
    Quota: prop.ulargeInteger({ default: 18446744073709551615n }),
    Delta: prop.largeInteger({ default: -9223372036854775808n }),
    Owner: prop.string({ required: true, description: '<b>"Who"</b> & \'why\' ]]> \u0007 é 数据' }),
    Status: prop.string({ readOnly: true }),
  },
  ...noop,
});

/** Validates with xmllint against the DTD ocf-tester uses; returns xmllint's output on failure. */
function dtdErrors(xml: string): string {
  const file = join(dir, `meta-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--dtdvalid', DTD, file], { stdio: 'pipe' });
    return '';
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

describe('OCF metadata', () => {
  const xml = ocfMetadata(everyKind.schema, 'EveryKind');

  it('is valid against ra-api-1.dtd', () => {
    expect(dtdErrors(xml)).toBe('');
  });

  it('lists every writable property once, typed, with defaults in the agent text form', () => {
    const names = [...xml.matchAll(/<parameter name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([
      'Port',
      'Offset',
      'Verbose',
      'Data_Dir',
      'Peers',
      'Blob',
      'Quota',
      'Delta',
      'Owner',
    ]);
    expect(xml).toContain('<content type="integer" default="8000"/>');
    expect(xml).toContain('<content type="boolean" default="true"/>');
    expect(xml).toContain('<content type="string" default="a\\,b,c\\\\d"/>');
    expect(xml).toContain('<content type="string" default="01ab"/>');
    expect(xml).toContain('default="18446744073709551615"');
    expect(xml).toContain('default="-9223372036854775808"');
    expect(xml).toMatch(/<parameter name="Owner" unique="0" required="1">/);
    expect(xml).not.toContain('name="Status"');
  });

  it('keeps hostile description text as text', () => {
    expect(xml).toContain(
      '&lt;b&gt;&quot;Who&quot;&lt;/b&gt; &amp; &apos;why&apos; ]]&gt;  é 数据',
    );
    expect(xml).not.toContain('\u0007');
  });

  it('names the cluster property behind a renamed parameter', () => {
    expect(xml).toContain('(the cluster property &quot;Data Dir&quot;)');
  });
});

/** Validates with xmllint against the OCF 1.1 RELAX NG schema pcs ships; '' when valid. */
const RNG11 = '/usr/share/pcs/data/ocf-1.1.rng';
function rngErrors(xml: string, rng = RNG11): string {
  const file = join(dir, `meta-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--relaxng', rng, file], { stdio: 'pipe' });
    return '';
  } catch (err) {
    return String((err as { stderr?: Buffer }).stderr ?? err);
  }
}

describe('OCF metadata of a type with live properties (OCF 1.1)', () => {
  const live = defineResourceType({
    type: 'Pg',
    properties: {
      Port: prop.dword({ default: 5432 }),
      SlowMs: prop.long({ default: -1, live: true, description: 'log_min_duration_statement' }),
      Mode: prop.choice(['smart', 'fast', 'i<m>"&'], { default: 'fast' }),
      Password: prop.secret({ required: true }),
    },
    propertiesChanged: () => 'applied',
    ...noop,
  });
  const xml = ocfMetadata(live.schema, 'Pg');

  it('is OCF 1.1, valid against the 1.1 RELAX NG schema, and not against the 1.0 DTD', () => {
    expect(xml).toContain('<version>1.1</version>');
    expect(xml).not.toContain('DOCTYPE');
    expect(rngErrors(xml)).toBe('');
    expect(dtdErrors(xml)).not.toBe('');
  });

  it('marks the live parameters reloadable and offers reload-agent', () => {
    expect(xml).toMatch(/<parameter name="SlowMs" unique="0" required="0" reloadable="1">/);
    expect(xml).toMatch(/<parameter name="Port" unique="0" required="0" reloadable="0">/);
    expect(xml).toMatch(/<action name="reload-agent" timeout="\d+s"\/>/);
  });

  it('writes a choice as a select of its options, escaped', () => {
    expect(xml).toContain(
      [
        '<content type="select" default="fast">',
        '<option value="smart"/>',
        '<option value="fast"/>',
        '<option value="i&lt;m&gt;&quot;&amp;"/>',
        '</content>',
      ].join('\n'),
    );
  });

  it('says how to keep a secret out of the CIB', () => {
    expect(xml).toMatch(/cibsecret set &lt;resource&gt; &lt;parameter&gt; &lt;value&gt;/);
  });

  it('stays 1.0 without live properties, a choice then a string listing its texts', () => {
    const plain = defineResourceType({
      type: 'Plain',
      properties: { Mode: prop.choice(['a', 'b']) },
      ...noop,
    });
    const x = ocfMetadata(plain.schema, 'Plain');
    expect(x).toContain('<version>1.0</version>');
    expect(x).toContain('<content type="string"/>');
    expect(x).toContain('Choices: a, b.');
    expect(x).not.toContain('reload');
    expect(dtdErrors(x)).toBe('');
    expect(rngErrors(x, '/usr/share/pcs/data/ocf-1.0.rng')).toBe('');
  });
});

describe('OCF parameter names', () => {
  it('maps what OCF cannot carry to _ and drops accents', () => {
    expect(ocfParamName('Listen Port')).toBe('Listen_Port');
    expect(ocfParamName('log.level')).toBe('log_level');
    expect(ocfParamName('max-conn')).toBe('max_conn');
    expect(ocfParamName('Café')).toBe('Cafe');
    expect(ocfParamName('2nd')).toBe('_2nd');
    expect(ocfParamName('数据')).toBe('__');
  });

  it('refuses two properties that map to the same parameter, naming both', () => {
    const clash = defineResourceType({
      type: 'Clash',
      properties: { 'a.b': prop.string({}), a_b: prop.string({}) },
      ...noop,
    });
    expect(() => ocfParams(clash.schema)).toThrow(
      /"a\.b" and "a_b" would both be the OCF parameter a_b/,
    );
  });
});
