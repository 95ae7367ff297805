/**
 * How each property kind looks in PowerShell: the parameter type, and how values cross
 * Set-ClusterParameter / Get-ClusterParameter (bool is stored as a DWORD 0/1).
 */
import { KIND_RANGE } from '../src/bundle/clusprop/index.js';
import type { PropKind } from './schema-types.js';

export interface PsKind {
  /** The parameter's type accelerator, without brackets. */
  psType: string;
  /** Integer range of the kind, as decimal strings, for numeric kinds. */
  range?: [string, string];
  /** Whether the cluster value needs a conversion (bool only). */
  storedAsDword?: boolean;
}

/** The kind's integer range (the codec's one table) as decimal strings. */
const range = (kind: PropKind): [string, string] => [
  String(KIND_RANGE[kind]!.min),
  String(KIND_RANGE[kind]!.max),
];

export const PS_KINDS: Readonly<Record<PropKind, PsKind>> = {
  dword: { psType: 'uint32', range: range('dword') },
  long: { psType: 'int32', range: range('long') },
  bool: { psType: 'bool', storedAsDword: true },
  string: { psType: 'string' },
  expandString: { psType: 'string' },
  multiString: { psType: 'string[]' },
  binary: { psType: 'byte[]' },
  ulargeInteger: { psType: 'uint64', range: range('ulargeInteger') },
  largeInteger: { psType: 'int64', range: range('largeInteger') },
};

/**
 * Names a generated cmdlet already uses, PowerShell's common parameters and their aliases:
 * a property whose derived parameter name matches one (case-insensitively) is renamed.
 */
export const RESERVED_PARAMS: ReadonlySet<string> = new Set(
  [
    'Name',
    'Group',
    'Cluster',
    'InputObject',
    'Resource',
    'State',
    'OwnerGroup',
    'OwnerNode',
    'ResourceType',
    'Verbose',
    'Debug',
    'ErrorAction',
    'WarningAction',
    'InformationAction',
    'ProgressAction',
    'ErrorVariable',
    'WarningVariable',
    'InformationVariable',
    'OutVariable',
    'OutBuffer',
    'PipelineVariable',
    'WhatIf',
    'Confirm',
    'vb',
    'db',
    'ea',
    'wa',
    'infa',
    'proga',
    'ev',
    'wv',
    'iv',
    'ov',
    'ob',
    'pv',
    'wi',
    'cf',
    'args',
    'input',
    'this',
    'true',
    'false',
    'null',
    // Automatic variables and the generated functions' own locals: a parameter is also a variable.
    'PSBoundParameters',
    'PSCmdlet',
    'PSScriptRoot',
    'PSItem',
    'ckValues',
    'ckClusterArgs',
    'ckResource',
    'ckParams',
    'ckGroupArgs',
  ].map((n) => n.toLowerCase()),
);
