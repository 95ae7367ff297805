/**
 * One schema property as the generated cmdlets see it: a parameter name that PowerShell
 * accepts, its type and validation attributes, and how its value reaches the cluster.
 */
import type { SchemaProperty } from '../src/bundle/sdk/schema.js';
import { AdminGenError } from './scaffold-errors.js';
import { PS_KINDS, RESERVED_PARAMS } from './admin-kinds.js';
import { KIND_RANGE } from '../src/bundle/clusprop/index.js';
import { psConstString, psIdentifier, psString } from './admin-quote.js';

export interface AdminParam {
  prop: SchemaProperty;
  /** PowerShell parameter (and output property) name: an identifier. */
  param: string;
  psType: string;
  /** The cluster property name as a PowerShell string expression. */
  nameLiteral: string;
  /** Validation attributes, one per line, without indentation. */
  attributes: string[];
  /** Expression for the value to store, reading the parameter variable. */
  toCluster: string;
  /** Expression converting `$ckParams[<name>]` (the stored value) to the typed value. */
  fromCluster: string;
}

const SAFE_RANGE = 2n ** 53n - 1n;
// PowerShell reads an integer literal inside this range as [int]; beyond it, as [long].
const INT32 = KIND_RANGE.long!;

/** Parameters for every property, in schema order, with unique case-insensitive names. */
export function adminParams(props: readonly SchemaProperty[]): AdminParam[] {
  const taken = new Set<string>();
  return props.map((prop) => {
    const param = uniqueName(baseName(prop.name), taken);
    taken.add(param.toLowerCase());
    const kind = PS_KINDS[prop.kind];
    if (!kind)
      throw new AdminGenError(
        `property ${JSON.stringify(prop.name)} has the unknown kind ${JSON.stringify(prop.kind)}`,
      );
    const nameLiteral = psString(prop.name);
    const stored = `$ckParams[${nameLiteral}]`;
    return {
      prop,
      param,
      psType: kind.psType,
      nameLiteral,
      attributes: attributes(prop),
      toCluster: kind.secret
        ? // A SecureString becomes text only here, to be handed to the cluster.
          `[System.Net.NetworkCredential]::new('', $${param}).Password`
        : kind.storedAsDword
          ? `[uint32][bool]$${param}`
          : `[${kind.psType}]$${param}`,
      // The unary comma keeps an array one value when it is the output of the `if` around it.
      fromCluster: kind.storedAsDword
        ? `(${stored} -ne 0)`
        : `${kind.isArray ? ', ' : ''}[${kind.psType}]${stored}`,
    };
  });
}

/** `Max Size` → `MaxSize`, `log.level` → `LogLevel`, `2fa` → `P2fa`. */
function baseName(name: string): string {
  let out = '';
  for (const word of name.split(/[^A-Za-z0-9_]+/)) {
    if (word) out += word[0].toUpperCase() + word.slice(1);
  }
  if (!/^[A-Za-z]/.test(out)) out = `P${out}`;
  return psIdentifier(out, 'the parameter derived from a property name');
}

function uniqueName(base: string, taken: Set<string>): string {
  const clash = (n: string) => taken.has(n.toLowerCase()) || RESERVED_PARAMS.has(n.toLowerCase());
  if (!clash(base)) return base;
  if (!clash(`${base}Property`)) return `${base}Property`;
  for (let i = 2; ; i++) if (!clash(`${base}Property${i}`)) return `${base}Property${i}`;
}

function attributes(prop: SchemaProperty): string[] {
  const out: string[] = [];
  if (prop.required) out.push('[ValidateNotNullOrEmpty()]');
  // Tab completion offers the choices; the cluster compares them exactly, so case counts here too.
  if (prop.choices)
    out.push(`[ValidateSet(${prop.choices.map(psConstString).join(', ')}, IgnoreCase = $false)]`);
  const range = KIND_RANGE[prop.kind];
  if (range && (prop.min !== undefined || prop.max !== undefined)) {
    const lo = prop.min !== undefined ? integer(prop.min, prop, 'min') : range.min;
    const hi = prop.max !== undefined ? integer(prop.max, prop, 'max') : range.max;
    out.push(
      rangeAttribute(
        lo,
        hi,
        PS_KINDS[prop.kind].psType,
        prop.min !== undefined,
        prop.max !== undefined,
      ),
    );
  }
  return out;
}

/**
 * [ValidateRange] when both bounds are exact as PowerShell number literals; both literals get
 * the same type (an `L` suffix when either leaves Int32) so the attribute never mixes types.
 * Bounds beyond 2^53 use [ValidateScript] with string casts, which are exact for 64-bit values.
 */
function rangeAttribute(
  lo: bigint,
  hi: bigint,
  psType: string,
  hasMin: boolean,
  hasMax: boolean,
): string {
  const abs = (v: bigint) => (v < 0n ? -v : v);
  if (abs(lo) <= SAFE_RANGE && abs(hi) <= SAFE_RANGE) {
    const inInt32 = (v: bigint) => v >= INT32.min && v <= INT32.max;
    const suffix = inInt32(lo) && inInt32(hi) ? '' : 'L';
    return `[ValidateRange(${lo}${suffix}, ${hi}${suffix})]`;
  }
  const tests: string[] = [];
  if (hasMin) tests.push(`$_ -ge [${psType}]'${lo}'`);
  if (hasMax) tests.push(`$_ -le [${psType}]'${hi}'`);
  return `[ValidateScript({ ${tests.join(' -and ')} })]`;
}

function integer(value: number | string | string[], prop: SchemaProperty, field: string): bigint {
  const text = String(value);
  if (!/^-?\d+$/.test(text)) {
    throw new AdminGenError(
      `property ${JSON.stringify(prop.name)}: ${field} ${JSON.stringify(value)} is not an integer`,
    );
  }
  return BigInt(text);
}
