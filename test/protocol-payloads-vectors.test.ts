// test/vectors/payloads.tsv through the TypeScript payload codec; native/test/test_payloads.c
// runs the same lines through the C twin (native/src/protocol/payloads.c).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodeControl,
  decodeExited,
  decodeHello,
  decodeOnlyStr,
  decodeSpawned,
  decodeText,
  encodeControl,
  encodeExited,
  encodeHello,
  encodeSpawned,
  encodeStr,
  PayloadError,
} from '../src/bundle/protocol/index.js';

interface Vector {
  name: string;
  layout: string;
  ok: boolean;
  fields: string[];
  bytes: Uint8Array;
}

const file = fileURLToPath(new URL('./vectors/payloads.tsv', import.meta.url));
const vectors: Vector[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [name, layout, expect, hex = ''] = line.split('\t');
    const [verdict, ...fields] = expect.split(' ');
    return { name, layout, ok: verdict === 'ok', fields, bytes: unhex(hex) };
  });

function unhex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex === '-' ? '' : hex, 'hex'));
}
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const utf8 = (field: string) =>
  new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(unhex(field));

/** The UTF-16 code units of a string as 4-digit hex groups ('-' when empty). */
function units(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return out || '-';
}

/** Decodes one vector's bytes, re-encodes what came out, and returns both for comparison. */
const CHECKS: Record<string, (v: Vector) => { got: unknown; want: unknown; again?: string }> = {
  str: (v) => {
    const text = decodeOnlyStr(v.bytes);
    return { got: text, want: utf8(v.fields[0]), again: hex(encodeStr(text)) };
  },
  hello: (v) => {
    const hello = decodeHello(v.bytes);
    const [version, pid, hash, kit] = v.fields;
    const want = {
      protocolVersion: Number(version),
      hostPid: Number(pid),
      schemaHash: utf8(hash),
      kitVersion: utf8(kit),
    };
    return { got: hello, want, again: hex(encodeHello(hello)) };
  },
  spawned: (v) => {
    const s = decodeSpawned(v.bytes);
    const want = { pid: Number(v.fields[0]), processGroup: Number(v.fields[1]) };
    return { got: s, want, again: hex(encodeSpawned(s.pid, s.processGroup)) };
  },
  exited: (v) => {
    const e = decodeExited(v.bytes);
    const want = { pid: Number(v.fields[0]), exitCode: Number(v.fields[1]) };
    return { got: e, want, again: hex(encodeExited(e.pid, e.exitCode)) };
  },
  control: (v) => {
    const c = decodeControl(v.bytes);
    const got = { controlCode: c.controlCode, input: hex(c.input) || '-' };
    const want = { controlCode: Number(v.fields[0]), input: v.fields[1] };
    return { got, want, again: hex(encodeControl(c.controlCode, c.input)) };
  },
  text: (v) => ({ got: units(decodeText(v.bytes)), want: v.fields[0] }),
};

describe('payloads.tsv vectors', () => {
  it('has accepted and refused vectors of every layout', () => {
    for (const layout of Object.keys(CHECKS)) {
      expect(vectors.some((v) => v.layout === layout && v.ok)).toBe(true);
      if (layout !== 'text') expect(vectors.some((v) => v.layout === layout && !v.ok)).toBe(true);
    }
    expect(vectors.every((v) => v.layout in CHECKS)).toBe(true);
  });

  for (const v of vectors) {
    it(`${v.name}: ${v.layout} ${v.ok ? 'ok' : 'err'}`, () => {
      const check = CHECKS[v.layout];
      if (!v.ok) {
        expect(() => check(v)).toThrow(PayloadError);
        return;
      }
      const { got, want, again } = check(v);
      expect(got).toEqual(want);
      if (again !== undefined) expect(again).toBe(hex(v.bytes));
    });
  }
});
