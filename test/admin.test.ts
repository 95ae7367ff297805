import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAdminModule } from '../generator/index.js';
import { psCommentLines, psString } from '../generator/index.js';
import { checkSchema } from '../generator/index.js';
import type { Schema } from '../src/bundle/sdk/schema.js';
import { evalStringExpression, lexPowerShell } from './admin-ps-lexer.js';

const GOLDEN = join(import.meta.dirname, 'golden', 'admin');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function fixture(name: string): Schema {
  return checkSchema(JSON.parse(readFileSync(join(GOLDEN, `${name}.schema.json`), 'utf8')));
}

function generate(name: string) {
  const files = generateAdminModule(fixture(name), { kitVersion: '0.0.0-test' });
  return Object.fromEntries(files.map((f) => [f.name, f.content]));
}

describe('psString', () => {
  const samples = [
    'plain',
    "it's",
    "‘’‚‛'",
    '$x `y` $(z) "q"',
    'a\nb\r\nc\u2028d',
    '\nstart',
    'Ω 😀',
    '',
  ];
  it.each(samples)('round-trips %j through a PowerShell string expression', (text) => {
    const expr = psString(text);
    expect(evalStringExpression(expr)).toBe(text);
    expect(expr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028\u2029]|\n/);
  });
  it('splits comment text on every line break and defuses help keywords', () => {
    expect(psCommentLines('a\r\n.EXAMPLE x\u2028b', '')).toEqual(['# a', '# \\.EXAMPLE x', '# b']);
  });
});

describe.each(['every-kind', 'nasty'])('admin module for %s', (name) => {
  const schema = fixture(name);
  const files = generate(name);
  const [psd1Name, psm1Name] = Object.keys(files).sort();
  const psm1 = files[psm1Name];
  const segments = lexPowerShell(psm1);

  it('matches the golden files', () => {
    for (const [file, content] of Object.entries(files)) {
      const path = join(GOLDEN, name, file);
      if (UPDATE) {
        mkdirSync(join(GOLDEN, name), { recursive: true });
        writeFileSync(path, content);
      }
      expect(existsSync(path), `${path} is missing; create it with UPDATE_GOLDEN=1`).toBe(true);
      expect(content, `${path} differs; rerun with UPDATE_GOLDEN=1 after checking the change`).toBe(
        readFileSync(path, 'utf8'),
      );
    }
    expect(psd1Name).toMatch(/\.psd1$/);
    expect(psm1Name).toMatch(/\.psm1$/);
  });

  it('lexes cleanly: strings and comments balanced, no here-strings, no raw control characters', () => {
    for (const text of Object.values(files)) {
      expect(() => lexPowerShell(text)).not.toThrow();
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029]/);
    }
  });

  it('brackets balance in the code outside strings and comments', () => {
    const code = segments
      .filter((s) => s.kind === 'code')
      .map((s) => s.raw)
      .join('');
    for (const [open, close] of [
      ['{', '}'],
      ['(', ')'],
      ['[', ']'],
    ]) {
      let depth = 0;
      for (const ch of code) {
        if (ch === open) depth++;
        if (ch === close) depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth, `${open}${close} unbalanced`).toBe(0);
    }
  });

  it('keeps schema text inside single-quoted literals or comments only', () => {
    // The type id is the one schema-derived text allowed in code: an identifier made of [A-Za-z0-9_].
    const id = psd1Name.replace(/\.psd1$/, '');
    expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    for (const text of Object.values(files)) {
      for (const seg of lexPowerShell(text)) {
        const raw = seg.raw.split(id).join('');
        if (seg.kind === 'code' || seg.kind === 'dq')
          expect(raw, `line ${seg.line}`).not.toMatch(/ZQX|Remove-Item C:\\|evil|danger/);
      }
    }
    if (name === 'nasty') {
      const inStrings = segments
        .filter((s) => s.kind === 'sq')
        .map((s) => s.value)
        .join('\n');
      for (const m of ['ZQX5', 'ZQX6']) expect(inStrings).toContain(m);
    }
  });

  it('stores the exact type name, display name and property names', () => {
    const assigned = (variable: string) => {
      const line = psm1.split('\n').find((l) => l.startsWith(`$script:${variable} = `));
      expect(line, variable).toBeDefined();
      return evalStringExpression(line!.slice(`$script:${variable} = `.length));
    };
    expect(assigned('TypeName')).toBe(schema.type);
    expect(assigned('DisplayName')).toBe(schema.displayName);
    const keys = [...psm1.matchAll(/\$ckValues\[(.+?)\] = /g)].map((m) =>
      evalStringExpression(m[1]),
    );
    const writable = schema.properties.filter((p) => !p.readOnly).map((p) => p.name);
    expect(new Set(keys)).toEqual(new Set(writable));
  });

  it('uses only the help keywords it means to, with a .PARAMETER per declared parameter', () => {
    const keywords = segments
      .filter((s) => s.kind === 'comment')
      .map((s) => /^#\s*\.([A-Za-z]+)(?:\s+(\S+))?/.exec(s.raw))
      .filter((m): m is RegExpExecArray => m !== null);
    for (const m of keywords)
      expect(['SYNOPSIS', 'DESCRIPTION', 'PARAMETER', 'NOTES', 'EXAMPLE', 'OUTPUTS']).toContain(
        m[1],
      );
    const documented = new Set(keywords.filter((m) => m[1] === 'PARAMETER').map((m) => m[2]));
    const declared = [...psm1.matchAll(/^ {8}\[(?:[a-z0-9]+(?:\[\])?)\] \$(\w+)/gm)].map(
      (m) => m[1],
    );
    for (const p of declared) expect(documented, p).toContain(p);
  });

  it('wraps every list-returning call in @() so counts work under strict mode', () => {
    expect(psm1).toContain('Set-StrictMode -Version 3.0');
    const calls = [...psm1.matchAll(/(.{0,3})Get-CkTypeResources \$ckClusterArgs/g)];
    expect(calls.length).toBe(2);
    for (const m of calls) expect(m[1]).toBe(' @(');
  });

  it('exports exactly the five cmdlets, each defined in the .psm1', () => {
    const id = psd1Name.replace(/\.psd1$/, '');
    const exported = [
      ...files[psd1Name].matchAll(/'((?:Register|Unregister|New|Get|Set)-\w+)'/g),
    ].map((m) => m[1]);
    expect(exported).toEqual([
      `Register-${id}ResourceType`,
      `Unregister-${id}ResourceType`,
      `New-${id}Resource`,
      `Get-${id}Resource`,
      `Set-${id}Resource`,
    ]);
    for (const fn of exported) expect(psm1).toContain(`function ${fn} {`);
  });
});

describe('typed parameters of the every-kind module', () => {
  const psm1 = generate('every-kind')['EveryKind.psm1'];
  const newBlock = psm1.slice(
    psm1.indexOf('function New-EveryKindResource'),
    psm1.indexOf('function Get-EveryKindResource'),
  );
  const decl = (param: string) => {
    const lines = newBlock.split('\n');
    const at = lines.findIndex((l) => new RegExp(`\\] \\$${param}\\b`).test(l));
    expect(at, param).toBeGreaterThan(0);
    const attrs: string[] = [];
    for (let i = at - 1; i >= 0 && /^\s+\[(Validate|Parameter)/.test(lines[i]); i--)
      attrs.unshift(lines[i].trim());
    return { type: /\[([^\]]+(?:\[\])?)\] \$/.exec(lines[at])![1], attrs };
  };

  it('maps kinds to PowerShell types and schema rules to validation attributes', () => {
    expect(decl('Port')).toEqual({ type: 'uint32', attrs: ['[ValidateRange(1, 65535)]'] });
    expect(decl('Offset')).toEqual({ type: 'int32', attrs: ['[ValidateRange(-10, 10)]'] });
    expect(decl('DataDir')).toEqual({
      type: 'string',
      attrs: ['[Parameter(Mandatory)]', '[ValidateNotNullOrEmpty()]'],
    });
    expect(decl('Peers').type).toBe('string[]');
    expect(decl('Token').type).toBe('byte[]');
    expect(decl('Quota')).toEqual({
      type: 'uint64',
      attrs: ["[ValidateScript({ $_ -le [uint64]'18446744073709551615' })]"],
    });
    expect(decl('SmallQuota')).toEqual({ type: 'uint64', attrs: ['[ValidateRange(1, 1000)]'] });
    expect(decl('Delta').attrs).toEqual([
      "[ValidateScript({ $_ -ge [int64]'-9223372036854775808' -and $_ -le [int64]'0' })]",
    ]);
    expect(decl('Big').attrs).toEqual(['[ValidateRange(0L, 4294967295L)]']);
  });

  it('renames properties that collide with common or fixed parameters, and skips read-only ones', () => {
    expect(decl('VerboseProperty').type).toBe('bool');
    expect(decl('NameProperty').type).toBe('string');
    expect(newBlock).not.toMatch(/\$Status\b/);
    expect(psm1).toContain("$ckValues['Verbose'] = [uint32][bool]$VerboseProperty");
    expect(psm1).toContain(
      "'Status' = if ($ckParams.ContainsKey('Status')) { [string]$ckParams['Status'] } else { $null }",
    );
    expect(psm1).toContain(
      "'VerboseProperty' = if ($ckParams.ContainsKey('Verbose')) { ($ckParams['Verbose'] -ne 0) } else { $null }",
    );
  });
});
