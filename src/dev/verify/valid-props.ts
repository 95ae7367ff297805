import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KIND_RANGE } from '../../bundle/clusprop/index.js';
import type { SchemaProperty } from '../../bundle/sdk/schema.js';

/**
 * Property values that make a resource valid: the user's values, plus a made-up value for
 * every required property left without one (the low end of its range; for strings an empty
 * folder inside `scratchDir`, which suits the common "data directory" case). Called once per
 * rule, so every read of the values sees the same ones; `scratchDir` is removed with the rule.
 */
export function validProps(
  props: readonly SchemaProperty[],
  given: Record<string, unknown>,
  scratchDir: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...given };
  const has = (n: string) => Object.keys(out).some((k) => k.toLowerCase() === n.toLowerCase());
  for (const [i, p] of props.entries()) {
    if (p.readOnly || !p.required || has(p.name)) continue;
    out[p.name] = madeUp(p, () => {
      // The index keeps two names that differ only in case (or in punctuation) apart.
      const dir = join(scratchDir, `${i}-${p.name.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
      mkdirSync(dir, { recursive: true });
      return dir;
    });
  }
  return out;
}

function madeUp(p: SchemaProperty, folder: () => string): unknown {
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
      return folder();
    case 'multiString':
      return ['verify'];
    case 'binary':
      return new Uint8Array([1]);
    case 'ulargeInteger':
    case 'largeInteger':
      return p.min !== undefined
        ? BigInt(p.min)
        : p.max !== undefined && BigInt(p.max) < 1n
          ? BigInt(p.max)
          : 1n;
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
