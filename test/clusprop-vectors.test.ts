import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ClusPropError,
  decodePropertyList,
  encodePropertyList,
} from '../src/bundle/clusprop/index.js';
import type { PropEntry } from '../src/bundle/clusprop/index.js';

/* Runs test/vectors/clusprop.tsv (format: docs/protocol.md "Shared test vectors"). */

interface Vector {
  name: string;
  expect: string;
  bytes: Uint8Array;
}

function loadVectors(): Vector[] {
  const path = fileURLToPath(new URL('./vectors/clusprop.tsv', import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [name, expect, hex = ''] = line.split('\t');
      return { name, expect, bytes: Uint8Array.from(Buffer.from(hex, 'hex')) };
    });
}

/* Parses the LIST notation: `Name|syntax:dataHex|...;Name|...`, `-` for none. */
function parseList(text: string): PropEntry[] {
  if (text === '-') return [];
  return text.split(';').map((prop) => {
    const [name, ...values] = prop.split('|');
    return {
      name,
      values: values.map((value) => {
        const [syntax, data] = value.split(':');
        const bytes = data === '-' ? new Uint8Array(0) : Uint8Array.from(Buffer.from(data, 'hex'));
        return { syntax: parseInt(syntax, 16), data: bytes };
      }),
    };
  });
}

const vectors = loadVectors();

describe('clusprop.tsv', () => {
  it('has the vectors the brief asks for', () => {
    expect(vectors.filter((v) => v.expect.startsWith('ok')).length).toBeGreaterThanOrEqual(20);
    expect(vectors.filter((v) => v.expect === 'err INVALID_DATA').length).toBeGreaterThanOrEqual(
      20,
    );
  });

  for (const vector of vectors) {
    if (vector.expect.startsWith('ok ')) {
      it(`${vector.name}: decodes to the listed entries and re-encodes to the same bytes`, () => {
        const expected = parseList(vector.expect.slice(3));
        const decoded = decodePropertyList(vector.bytes);
        expect(decoded).toEqual(expected);
        expect(Buffer.from(encodePropertyList(expected)).toString('hex')).toBe(
          Buffer.from(vector.bytes).toString('hex'),
        );
      });
    } else {
      it(`${vector.name}: is rejected with INVALID_DATA`, () => {
        expect(vector.expect).toBe('err INVALID_DATA');
        let caught: unknown;
        try {
          decodePropertyList(vector.bytes);
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(ClusPropError);
        expect((caught as ClusPropError).code).toBe('INVALID_DATA');
        expect((caught as ClusPropError).win32).toBe(13);
        expect((caught as ClusPropError).message).toMatch(/offset|bytes/);
      });
    }
  }

  it('rejects every truncation of every valid vector without crashing', () => {
    for (const vector of vectors.filter((v) => v.expect.startsWith('ok '))) {
      for (let cut = 0; cut < vector.bytes.length; cut++) {
        expect(
          () => decodePropertyList(vector.bytes.subarray(0, cut)),
          `${vector.name} cut ${cut}`,
        ).toThrow(ClusPropError);
      }
    }
  });
});
