import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND_RANGE } from '../../bundle/clusprop/index.js';
import type { SchemaProperty } from '../../bundle/sdk/schema.js';

/**
 * Property values that make a resource valid: the user's values, plus a made-up value for
 * every required property left without one (the low end of its range, an empty temporary
 * folder for strings, which suits the common "data directory" case).
 */
export function validProps(
  props: readonly SchemaProperty[],
  given: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...given };
  const has = (n: string) => Object.keys(out).some((k) => k.toLowerCase() === n.toLowerCase());
  for (const p of props) {
    if (p.readOnly || !p.required || has(p.name)) continue;
    out[p.name] = madeUp(p);
  }
  return out;
}

function madeUp(p: SchemaProperty): unknown {
  switch (p.kind) {
    case 'dword':
    case 'long':
      return p.min !== undefined
        ? Number(p.min)
        : p.max !== undefined
          ? Math.min(1, Number(p.max))
          : 1;
    case 'bool':
      return false;
    case 'string':
    case 'expandString':
      return mkdtempSync(join(tmpdir(), 'ck-verify-'));
    case 'multiString':
      return ['verify'];
    case 'binary':
      return new Uint8Array([1]);
    case 'ulargeInteger':
    case 'largeInteger':
      return BigInt(p.min ?? 1);
  }
}

/** A numeric property with a declared range, and a value just outside it; undefined if none. */
export function outOfRange(
  props: readonly SchemaProperty[],
): { name: string; value: number | bigint } | undefined {
  for (const p of props) {
    if (p.readOnly) continue;
    const range = KIND_RANGE[p.kind];
    if (!range || range.bytes !== 4 || p.kind === 'bool') continue;
    if (p.max !== undefined && BigInt(p.max) < range.max) {
      return { name: p.name, value: Number(p.max) + 1 };
    }
    if (p.min !== undefined && BigInt(p.min) > range.min) {
      return { name: p.name, value: Number(p.min) - 1 };
    }
  }
  return undefined;
}
