/**
 * The console's page model without a cluster: form values and hints (the codec's rules, no
 * second copy of a range), the library's reasons split per field, state segments, and the
 * PowerShell behind actions, parsed by PowerShell itself when pwsh is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_RANGE } from '../../src/bundle/clusprop/index.js';
import type { SchemaProperty } from '../../src/bundle/sdk/schema-props.js';
import { ACTION_COMMANDS, setPropertiesCommands } from '../../src/dev/console/model/powershell.js';
import { setResult, splitReason, waitingOf } from '../../src/dev/console/model/set-result.js';
import { segmentsOf } from '../../src/dev/console/model/timeline-page.js';
import type { TypeInfo } from '../../src/dev/console/model/types.js';
import {
  appliesText,
  formValue,
  inputHints,
  parseInput,
  rangeHint,
  sendsField,
} from '../../src/dev/console/shared/property-input.js';
import type { Schema } from '../../src/bundle/sdk/schema.js';

const prop = (
  kind: SchemaProperty['kind'],
  extra: Partial<SchemaProperty> = {},
): SchemaProperty => ({
  name: 'P',
  kind,
  format: 0,
  required: false,
  readOnly: false,
  ...extra,
});

describe('form values and hints', () => {
  it('takes every integer range from the schema, else from KIND_RANGE', () => {
    expect(inputHints(prop('dword', { min: 1, max: 65535 }))).toEqual({
      input: 'integer',
      min: '1',
      max: '65535',
      wide: false,
    });
    for (const kind of ['dword', 'long', 'ulargeInteger', 'largeInteger'] as const) {
      const h = inputHints(prop(kind));
      expect([h.min, h.max]).toEqual([
        KIND_RANGE[kind]!.min.toString(),
        KIND_RANGE[kind]!.max.toString(),
      ]);
    }
    expect(inputHints(prop('bool')).input).toBe('bool');
    expect(inputHints(prop('multiString')).input).toBe('list');
    expect(inputHints(prop('binary')).input).toBe('hex');
  });

  it('keeps 64-bit values as exact decimal strings', () => {
    expect(parseInput(prop('ulargeInteger'), '18446744073709551615')).toEqual({
      ok: true,
      value: '18446744073709551615',
    });
    expect(parseInput(prop('largeInteger'), ' -9223372036854775808 ')).toEqual({
      ok: true,
      value: '-9223372036854775808',
    });
    const over = parseInput(prop('ulargeInteger'), '18446744073709551616');
    expect(over).toEqual({
      ok: false,
      error:
        'ulargeInteger value must be a bigint in 0..18446744073709551615, got 18446744073709551616n',
    });
  });

  it("refuses what the codec cannot encode, with the codec's own message", () => {
    expect(parseInput(prop('dword'), '-1')).toEqual({
      ok: false,
      error: 'dword value must be an integer in 0..4294967295, got -1',
    });
    expect(parseInput(prop('dword'), '1.5')).toEqual({ ok: false, error: 'enter a whole number' });
    expect(parseInput(prop('string'), 'a\u0000b')).toEqual({
      ok: false,
      error: 'string value must not contain NUL characters',
    });
    expect(parseInput(prop('multiString'), ['a', ''])).toEqual({
      ok: false,
      error: 'multiString items must not be empty strings',
    });
    expect(parseInput(prop('binary'), '0')).toMatchObject({ ok: false });
  });

  it('converts between the wire forms and the form', () => {
    expect(parseInput(prop('binary'), '01 0a FF')).toEqual({ ok: true, value: 'AQr/' });
    expect(formValue(prop('binary'), 'AQr/')).toBe('01 0a ff');
    expect(parseInput(prop('bool'), true)).toEqual({ ok: true, value: 1 });
    expect(formValue(prop('bool'), 0)).toBe(false);
    expect(parseInput(prop('multiString'), ['a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
  });

  it('hints when a value lies outside the declared range, and the library stays the judge', () => {
    const p = prop('dword', { min: 1, max: 65535 });
    expect(rangeHint(p, 70000)).toBe(
      'outside the declared range 1 to 65535; the library will refuse it',
    );
    expect(rangeHint(p, 8000)).toBeUndefined();
    expect(rangeHint(prop('dword'), 70000)).toBeUndefined();
  });
});

describe("the library's reasons, per field", () => {
  it('puts each reason next to the property it names, continuation parts included', () => {
    const reason =
      'property Port is 70000, out of range; give a value from 1 to 65535; unknown property Nope; known properties are Port, Offset; the handler rejected the properties (status 87): Verbose logging needs a Port of 1024 or more (got 80)';
    expect(splitReason(reason, ['Port', 'Nope', 'Verbose'])).toEqual({
      fields: {
        Port: 'property Port is 70000, out of range; give a value from 1 to 65535',
        Nope: 'unknown property Nope; known properties are Port, Offset',
      },
      general: [
        'the handler rejected the properties (status 87): Verbose logging needs a Port of 1024 or more (got 80)',
      ],
    });
  });

  it('prefers the longest name and ignores case', () => {
    expect(
      splitReason('property max size is -1, out of range', ['Max', 'Max Size']).fields,
    ).toEqual({
      'Max Size': 'property max size is -1, out of range',
    });
  });

  it('marks ERROR_RESOURCE_PROPERTIES_STORED as stored, taking effect after offline/online', () => {
    const r = setResult(
      { code: 5024, name: 'ERROR_RESOURCE_PROPERTIES_STORED', message: 'stored', reason: '' },
      ['Port'],
      [],
    );
    expect(r).toMatchObject({ stored: true, afterRestart: true, fields: {}, general: [] });
    const refused = setResult(
      {
        code: 87,
        name: 'ERROR_INVALID_PARAMETER',
        message: 'The parameter is incorrect.',
        reason: '',
      },
      ['Port'],
      [],
    );
    expect(refused).toMatchObject({ stored: false, general: ['The parameter is incorrect.'] });
  });

  it('names what waits for the next online: the properties that are not live, else all of them', () => {
    const live = (n: string) => n === 'Level';
    const stored = {
      code: 5024,
      name: 'ERROR_RESOURCE_PROPERTIES_STORED',
      message: '',
      reason: '',
    };
    expect(setResult(stored, ['Port', 'Level'], [], live).waiting).toEqual(['Port']);
    // Only live ones, and still 5024: the handler kept them for the next online.
    expect(setResult(stored, ['Level'], [], live).waiting).toEqual(['Level']);
    expect(waitingOf(['A', 'B'], () => false)).toEqual(['A', 'B']);
    expect(setResult({ ...stored, code: 0 }, ['Level'], [], live).waiting).toEqual([]);
  });
});

describe('choices and secrets in the form', () => {
  const mode = prop('choice', { choices: ['smart', 'fast'] });
  const secret = prop('secret');

  it('a choice is a select that sends only one of its texts', () => {
    expect(inputHints(mode).input).toBe('choice');
    expect(parseInput(mode, 'fast')).toEqual({ ok: true, value: 'fast' });
    expect(parseInput(mode, 'Fast')).toEqual({ ok: false, error: 'choose one of smart, fast' });
  });

  it('a secret starts empty, and empty means keep the stored one', () => {
    expect(inputHints(secret).input).toBe('secret');
    expect(formValue(secret, 'anything')).toBe('');
    expect(sendsField(secret, '')).toBe(false);
    expect(sendsField(secret, 'x')).toBe(true);
    expect(sendsField(prop('string'), '')).toBe(true);
  });

  it('says when a change takes effect', () => {
    expect(appliesText(prop('dword', { live: true }))).toBe('applies at once while online');
    expect(appliesText(prop('dword'))).toBe('takes effect at the next online');
    expect(appliesText(prop('dword', { readOnly: true }))).toBeUndefined();
  });
});

describe('state segments', () => {
  it('opens at first sight, closes at each transition, and leaves the last one open', () => {
    const t = (at: number, from: string, to: string) => ({
      resource: 'R',
      group: 'G',
      node: 'n',
      at,
      from,
      to,
      why: '',
    });
    expect(
      segmentsOf(
        [
          t(10, 'Offline', 'OnlinePending'),
          t(10, 'OnlinePending', 'Online'),
          t(30, 'Online', 'Failed'),
        ],
        { at: 5, state: 'Offline' },
        'Failed',
      ),
    ).toEqual([
      { state: 'Offline', from: 5, to: 10 },
      { state: 'Online', from: 10, to: 30 },
      { state: 'Failed', from: 30, to: null },
    ]);
    expect(segmentsOf([], { at: 7, state: 'Offline' }, 'Offline')).toEqual([
      { state: 'Offline', from: 7, to: null },
    ]);
  });
});

function findPwsh(): string | undefined {
  const tool = join(homedir(), '.dotnet', 'tools', 'pwsh');
  if (existsSync(tool)) return tool;
  return spawnSync('pwsh', ['-NoProfile', '-Command', 'exit 0']).status === 0 ? 'pwsh' : undefined;
}

describe('PowerShell behind the actions', () => {
  const type: TypeInfo = {
    name: 'Web Thing',
    displayName: 'Web',
    typeId: 'WebThing',
    version: '1.0.0',
  };
  const schema = {
    properties: [
      prop('dword', { name: 'Port' }),
      prop('bool', { name: 'Verbose' }),
      prop('multiString', { name: 'Peers' }),
      prop('binary', { name: 'Blob' }),
      prop('ulargeInteger', { name: 'Big' }),
      prop('string', { name: 'Max Size' }),
    ],
  } as unknown as Schema;
  const hostile = `it's $(Remove-Item C:\\) "q" \`n ‘x’\nline`;
  const set = setPropertiesCommands(type, schema, hostile, [
    { name: 'Port', type: 'UInt32', value: 8001 },
    { name: 'Verbose', type: 'UInt32', value: 1 },
    { name: 'Peers', type: 'StringCollection', value: ['a', hostile] },
    { name: 'Blob', type: 'ByteArray', value: 'AQr/' },
    { name: 'Big', type: 'UInt64', value: '18446744073709551615' },
    { name: 'Max Size', type: 'String', value: hostile },
  ]);

  it("never writes a secret's value: it is read at the prompt", () => {
    const withSecret = {
      properties: [
        prop('secret', { name: 'Token' }),
        prop('choice', { name: 'Mode', choices: ['a'] }),
      ],
    } as unknown as Schema;
    const lines = setPropertiesCommands(type, withSecret, 'R1', [
      { name: 'Token', type: 'String', value: 'hunter2' },
      { name: 'Mode', type: 'String', value: 'a' },
    ]).flatMap((c) => c.lines);
    expect(lines.join('\n')).not.toContain('hunter2');
    expect(lines[0]).toBe(
      "Set-WebThingResource -Name 'R1' -Token (Read-Host -AsSecureString) -Mode 'a'",
    );
    expect(lines[1]).toContain(
      "'Token' = [System.Net.NetworkCredential]::new('', (Read-Host -AsSecureString)).Password",
    );
  });

  it('uses the generated module parameter names and exact literals', () => {
    expect(set[0].lines[0]).toContain("-Port 8001 -VerboseProperty $true -Peers @('a', ");
    expect(set[0].lines[0]).toContain(
      "-Blob ([byte[]](0x01, 0x0A, 0xFF)) -Big ([uint64]'18446744073709551615') -MaxSize ",
    );
    expect(set[1].lines[0]).toContain(
      "Set-ClusterParameter -Multiple @{ 'Port' = [uint32]8001; 'Verbose' = [uint32]1; ",
    );
    const unknown = setPropertiesCommands(type, schema, 'R1', [
      { name: 'Nope', type: 'Int64', value: '-5' },
    ]);
    expect(unknown).toEqual([
      {
        what: 'FailoverClusters',
        lines: [
          "Get-ClusterResource -Name 'R1' | Set-ClusterParameter -Name 'Nope' -Value ([int64]'-5') -Create",
        ],
      },
    ]);
  });

  const pwsh = findPwsh();
  it.skipIf(!pwsh)(
    'parses as PowerShell, and every quoted name reads back exactly',
    () => {
      const commands = [
        ...set.flatMap((c) => c.lines),
        ...ACTION_COMMANDS.online(hostile).lines,
        ...ACTION_COMMANDS.move(hostile, `node'1`).lines,
        ...ACTION_COMMANDS.killApp(hostile, 'node1', 'Pid').lines,
        ...ACTION_COMMANDS.killHost(type, `n$(x)`).lines,
        ...ACTION_COMMANDS.loseNode(`node "2"`).lines,
      ];
      const dir = mkdtempSync(join(tmpdir(), 'ck-console-ps-'));
      const file = join(dir, 'commands.json');
      writeFileSync(file, JSON.stringify(commands));
      // Parse each command; print its parse errors and the value of every -Name argument. A
      // value may only be literal text, joined with '+' and [char] codes: anything else throws.
      const script = `
      $ErrorActionPreference = 'Stop'
      function Get-Literal($a) {
        if ($a -is [System.Management.Automation.Language.StringConstantExpressionAst]) { return $a.Value }
        if ($a -is [System.Management.Automation.Language.ParenExpressionAst]) { return Get-Literal $a.Pipeline.PipelineElements[0].Expression }
        if ($a -is [System.Management.Automation.Language.BinaryExpressionAst] -and $a.Operator -eq 'Plus') { return (Get-Literal $a.Left) + (Get-Literal $a.Right) }
        if ($a -is [System.Management.Automation.Language.ConvertExpressionAst] -and $a.Type.TypeName.Name -eq 'char') { return [string][char][int]$a.Child.Value }
        throw ('not a literal: ' + $a.Extent.Text)
      }
      foreach ($c in (Get-Content -Raw -LiteralPath '${file}' | ConvertFrom-Json)) {
        $errors = $null; $tokens = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($c, [ref]$tokens, [ref]$errors)
        if ($errors.Count -gt 0) { Write-Output ('ERROR ' + $errors[0].Message + ' IN ' + $c); continue }
        foreach ($cmd in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
          $els = $cmd.CommandElements
          for ($i = 0; $i -lt $els.Count - 1; $i++) {
            if ($els[$i] -is [System.Management.Automation.Language.CommandParameterAst] -and $els[$i].ParameterName -in 'Name','Node','ComputerName') {
              $v = Get-Literal $els[$i + 1]
              Write-Output ('ARG ' + $els[$i].ParameterName + ' ' + ([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes([string]$v))))
            }
          }
        }
      }`;
      const r = spawnSync(pwsh!, ['-NoProfile', '-NonInteractive', '-Command', script], {
        encoding: 'utf8',
      });
      expect(r.stderr).toBe('');
      const lines = r.stdout.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('ERROR'))).toEqual([]);
      const values = lines
        .filter((l) => l.startsWith('ARG '))
        .map((l) => {
          const [, param, b64] = l.split(' ');
          return `${param}=${Buffer.from(b64, 'base64').toString('utf8')}`;
        });
      expect(values).toEqual(
        expect.arrayContaining([
          `Name=${hostile}`,
          `Node=node'1`,
          `ComputerName=n$(x)`,
          `Name=node "2"`,
        ]),
      );
    },
    60_000,
  );
});
