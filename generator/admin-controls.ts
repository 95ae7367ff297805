/**
 * `Invoke-<TypeId><Name>`: one cmdlet per custom control of the schema, its input and output
 * typed by the control's data forms (docs/admin.md, "Custom controls"). Only the control's
 * name (an identifier, checked by the schema and again here) reaches code; its description
 * reaches comment lines through helpBlock.
 */
import type { Schema } from '../src/bundle/sdk/schema.js';
import { helpBlock } from './admin-help.js';
import { psIdentifier } from './admin-quote.js';
import { AdminGenError } from './scaffold-errors.js';

type Control = Schema['controls'][number];
type Data = Control['input'];

export interface ControlCmdlet {
  /** The function name, e.g. Invoke-EchoServerShout. */
  name: string;
  /** Help and function, ready for the module. */
  text: string;
}

/** How each input form becomes a parameter and bytes. */
const INPUT: Record<Data, { param?: string[]; bytes: string; help?: string }> = {
  none: { bytes: '[byte[]]@()' },
  bytes: {
    param: [
      '[Parameter(Mandatory, Position = 1)]',
      '[AllowEmptyCollection()]',
      '[byte[]] $InputObject',
    ],
    bytes: '$InputObject',
    help: 'The bytes to send.',
  },
  text: {
    param: [
      '[Parameter(Mandatory, Position = 1)]',
      '[AllowEmptyString()]',
      '[string] $InputObject',
    ],
    bytes: '[System.Text.Encoding]::UTF8.GetBytes($InputObject)',
    help: 'The text to send (as UTF-8).',
  },
  json: {
    param: ['[Parameter(Mandatory, Position = 1)]', '[AllowNull()]', '[object] $InputObject'],
    bytes:
      '[System.Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $InputObject -Depth 32 -Compress))',
    help: 'A value sent as JSON (ConvertTo-Json).',
  },
};

/** How each output form turns the answer's bytes ($ckOutput) into what the cmdlet writes. */
const OUTPUT: Record<Data, { expr?: string; help: string }> = {
  none: { help: 'Nothing.' },
  // The unary comma keeps the array one object in the pipeline.
  bytes: { expr: ', [byte[]]$ckOutput', help: 'The bytes the resource answered, as one [byte[]].' },
  text: {
    expr: '[System.Text.Encoding]::UTF8.GetString($ckOutput)',
    help: 'The text the resource answered.',
  },
  json: {
    expr: 'ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString($ckOutput))',
    help: 'The JSON the resource answered, as objects (ConvertFrom-Json).',
  },
};

/** The cmdlet of each control, in function-number order. */
export function controlCmdlets(schema: Schema, typeId: string): ControlCmdlet[] {
  const seen = new Map<string, number>();
  return schema.controls.map((c) => {
    const suffix = psIdentifier(c.name ?? `Control${c.function}`, 'the control name');
    const name = `Invoke-${typeId}${suffix}`;
    const lower = name.toLowerCase();
    if (seen.has(lower))
      throw new AdminGenError(
        `controls ${seen.get(lower)} and ${c.function} would both be ${name}; name control ${c.function} differently`,
      );
    seen.set(lower, c.function);
    return { name, text: `${help(schema, typeId, c, name)}\n${body(c, name)}` };
  });
}

function help(schema: Schema, typeId: string, c: Control, name: string): string {
  const what = c.name ? `the control ${c.name}` : `custom control function ${c.function}`;
  const input = INPUT[c.input];
  return helpBlock([
    [
      'SYNOPSIS',
      `Sends ${what} (CLUSCTL_USER_CODE ${c.function}) to a resource of type '${schema.type}'.`,
    ],
    ...(c.description ? ([['DESCRIPTION', c.description]] as [string, string][]) : []),
    ['PARAMETER Name', 'Name of the resource; also taken from piped objects.'],
    ...(input.help ? ([['PARAMETER InputObject', input.help]] as [string, string][]) : []),
    ['PARAMETER Cluster', 'Cluster to act on. Default: the local cluster.'],
    ['OUTPUTS', OUTPUT[c.output].help],
    [
      'EXAMPLE',
      `Get-${typeId}Resource -Name 'Resource1' | ${name}${input.param ? ' -InputObject <value>' : ''}`,
    ],
  ]);
}

function body(c: Control, name: string): string {
  const input = INPUT[c.input];
  const output = OUTPUT[c.output];
  const params = [
    [
      '[Parameter(Mandatory, Position = 0, ValueFromPipelineByPropertyName)]',
      '[ValidateNotNullOrEmpty()]',
      '[string] $Name',
    ],
    ...(input.param ? [input.param] : []),
    ['[string] $Cluster'],
  ];
  const lines = [
    `function ${name} {`,
    '    [CmdletBinding()]',
    '    param(',
    params.map((p) => p.map((l) => `        ${l}`).join('\n')).join(',\n'),
    '    )',
    '    process {',
    '        try {',
    `            $ckOutput = Invoke-CkResourceControl -Name $Name -Function ${c.function} -InputBytes (${input.bytes}) -Cluster $Cluster -Caller '${name}'`,
    '        } catch {',
    '            $PSCmdlet.ThrowTerminatingError($_)',
    '        }',
    ...(output.expr ? [`        ${output.expr}`] : []),
    '    }',
    '}',
    '',
  ];
  return lines.join('\n');
}
