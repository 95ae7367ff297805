/**
 * How each property kind looks in PowerShell: the parameter type, and how values cross
 * Set-ClusterParameter / Get-ClusterParameter (bool is stored as a DWORD 0/1).
 */
import type { PropKind } from './schema-types.js';

export interface PsKind {
  /** The parameter's type accelerator, without brackets. */
  psType: string;
  /** Integer range of the kind, as decimal strings, for numeric kinds. */
  range?: [string, string];
  /** Whether the cluster value needs a conversion (bool only). */
  storedAsDword?: boolean;
}

export const PS_KINDS: Readonly<Record<PropKind, PsKind>> = {
  dword: { psType: 'uint32', range: ['0', '4294967295'] },
  long: { psType: 'int32', range: ['-2147483648', '2147483647'] },
  bool: { psType: 'bool', storedAsDword: true },
  string: { psType: 'string' },
  expandString: { psType: 'string' },
  multiString: { psType: 'string[]' },
  binary: { psType: 'byte[]' },
  ulargeInteger: { psType: 'uint64', range: ['0', '18446744073709551615'] },
  largeInteger: { psType: 'int64', range: ['-9223372036854775808', '9223372036854775807'] },
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
