/**
 * The generator side of the OCF text forms: every canonical vector of
 * test/vectors/ocf-values.tsv is the text ocfText writes for that value (the agent side,
 * native/ocf/test_ocf_values.c, parses every vector).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ocfText } from '../generator/index.js';
import { decodeData } from '../src/bundle/clusprop/typed-data.js';
import type { PropKind } from '../src/bundle/clusprop/kinds.js';
import type { SchemaProperty } from '../src/bundle/sdk/schema.js';

const rows = readFileSync(new URL('./vectors/ocf-values.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'));

/** The schema form of a decoded value (docs/schema.md): what ocfText takes. */
function schemaForm(kind: PropKind, bytes: Uint8Array): number | string | string[] {
  const v = decodeData(kind, bytes);
  if (kind === 'bool') return v ? 1 : 0;
  if (kind === 'binary') return Buffer.from(v as Uint8Array).toString('hex');
  if (typeof v === 'bigint') return v.toString();
  return v as number | string | string[];
}

describe('OCF text forms written by the generator', () => {
  const canonical = rows.filter((r) => r[3] === 'c');
  it('has vectors for every kind', () => {
    expect(new Set(canonical.map((r) => r[0])).size).toBe(11);
  });
  for (const [kind, text, expect_, flag] of canonical) {
    it(`${kind} ${text}`, () => {
      expect(flag).toBe('c');
      const hex = expect_.slice(3);
      const bytes = hex === '-' ? new Uint8Array(0) : Uint8Array.from(Buffer.from(hex, 'hex'));
      const prop = {
        name: 'P',
        kind,
        format: 0,
        required: false,
        readOnly: false,
      } as SchemaProperty;
      const written = ocfText(prop, schemaForm(kind as PropKind, bytes));
      expect(written).toBe(text === '(empty)' ? '' : text);
    });
  }
});
