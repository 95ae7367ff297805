/**
 * How each property kind looks in PowerShell: the parameter type, and how values cross
 * Set-ClusterParameter / Get-ClusterParameter (bool is stored as a DWORD 0/1).
 */
import type { PropKind } from '../src/bundle/clusprop/kinds.js';

export interface PsKind {
  /** The parameter's type accelerator, without brackets. */
  psType: string;
  /** Whether the cluster value needs a conversion (bool only). */
  storedAsDword?: boolean;
  /** An array type: emitted with the unary comma so PowerShell does not unroll it. */
  isArray?: boolean;
  /** Write-only: a SecureString parameter, turned into text only to hand it to the cluster. */
  secret?: boolean;
}

// Integer ranges are not here: they come from KIND_RANGE (src/bundle/clusprop), the C table's rule set.
export const PS_KINDS: Readonly<Record<PropKind, PsKind>> = {
  dword: { psType: 'uint32' },
  long: { psType: 'int32' },
  bool: { psType: 'bool', storedAsDword: true },
  string: { psType: 'string' },
  expandString: { psType: 'string' },
  multiString: { psType: 'string[]', isArray: true },
  binary: { psType: 'byte[]', isArray: true },
  ulargeInteger: { psType: 'uint64' },
  largeInteger: { psType: 'int64' },
  choice: { psType: 'string' },
  secret: { psType: 'SecureString', secret: true },
};

/**
 * Names a generated cmdlet already uses, PowerShell's common parameters and their aliases:
 * a property whose derived parameter name matches one (case-insensitively) is renamed.
 */
export const RESERVED_PARAMS: ReadonlySet<string> = new Set(
  [
    'Name',
    'Group',
    'DependsOn',
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
    'ckWarnings',
    'ckWaiting',
    'ckVerb',
    'ckWarning',
    'ckOutput',
    'ckCode',
  ].map((n) => n.toLowerCase()),
);
