/*
 * Random-input tests of the TypeScript decoders (the twins of the C fuzz targets): frames,
 * the streaming decoder, the payload layouts and property lists. Inputs are random bytes and
 * mutations (flips, cuts, growth, byte order marks, splices) of the shared vectors, from a
 * fixed seed and a bounded count, so a failure replays exactly. Each decoder may only answer
 * or throw its own error class, and what it accepts must encode back to the same bytes (a
 * property list up to the content of its padding, which readers ignore).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodePropertyList,
  decodeProperties,
  encodePropertyList,
  ClusPropError,
  type PropKinds,
} from '../src/bundle/clusprop/index.js';
import {
  decodeControl,
  decodeExited,
  decodeFrame,
  decodeHello,
  decodeOnlyStr,
  decodeSpawned,
  decodeText,
  encodeControl,
  encodeExited,
  encodeFrame,
  encodeHello,
  encodeSpawned,
  encodeStr,
  FrameDecoder,
  FrameError,
  PayloadError,
  type Frame,
} from '../src/bundle/protocol/index.js';

const ROUNDS = 4000;
const vectors = (file: string, column: number): Uint8Array[] =>
  readFileSync(join(import.meta.dirname, 'vectors', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t')[column] ?? '')
    .filter((hex) => /^([0-9a-f]{2})*$/i.test(hex))
    .map((hex) => Uint8Array.from(Buffer.from(hex, 'hex')));

/** mulberry32: a small seeded generator, so every run sees the same inputs. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  /** A seed mutated a few times, or plain random bytes. */
  const input = (seeds: Uint8Array[]): Uint8Array => {
    if (seeds.length === 0 || int(5) === 0) return bytes(int(64));
    let b = Uint8Array.from(seeds[int(seeds.length)]);
    for (let m = int(4); m >= 0; m--) {
      const at = b.length === 0 ? 0 : int(b.length);
      switch (int(6)) {
        case 0: // flip a byte
          if (b.length) b[at] ^= 1 << int(8);
          break;
        case 1: // set a byte to an edge value
          if (b.length) b[at] = [0, 1, 0x7f, 0x80, 0xef, 0xbb, 0xbf, 0xff][int(8)];
          break;
        case 2: // cut
          b = b.subarray(0, at);
          break;
        case 3: // grow
          b = Uint8Array.from([...b.subarray(0, at), ...bytes(1 + int(8)), ...b.subarray(at)]);
          break;
        case 4: // a UTF-8 byte order mark, which text decoders like to swallow
          b = Uint8Array.from([...b.subarray(0, at), 0xef, 0xbb, 0xbf, ...b.subarray(at)]);
          break;
        default: // splice with another seed
          b = Uint8Array.from([...b.subarray(0, at), ...seeds[int(seeds.length)]]);
      }
    }
    return b;
  };
  return { int, bytes, input };
}

/** Runs f; returns the error if it threw one of the allowed classes, fails otherwise. */
function only<T>(allowed: Function[], f: () => T): T | Error {
  try {
    return f();
  } catch (err) {
    if (allowed.some((c) => err instanceof c)) return err as Error;
    throw err;
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('TypeScript decoders on random and mutated input', () => {
  it('decodeFrame: a frame or "more" or a FrameError; an accepted frame encodes to its bytes', () => {
    const r = random(0xc1a5);
    const seeds = vectors('frames.tsv', 2);
    for (let i = 0; i < ROUNDS; i++) {
      const b = r.input(seeds);
      const got = only([FrameError], () => decodeFrame(b));
      if (got instanceof Error || got === 'more') continue;
      expect(hex(encodeFrame(got.frame)), hex(b)).toBe(hex(b.subarray(0, got.size)));
    }
  });

  it('FrameDecoder: the same frames or the same error however the stream is cut into chunks', () => {
    const r = random(0x5eed);
    const seeds = vectors('frames.tsv', 2).filter((b) => b.length > 0);
    const run = (stream: Uint8Array, cuts: number[]) => {
      const d = new FrameDecoder();
      const frames: Frame[] = [];
      let at = 0;
      for (const end of [...cuts, stream.length]) {
        const got = only([FrameError], () => d.push(stream.subarray(at, end)));
        if (got instanceof Error) return { frames, error: (got as FrameError).code };
        frames.push(...got);
        at = end;
      }
      return { frames, error: undefined, pending: d.pending };
    };
    for (let i = 0; i < ROUNDS / 4; i++) {
      const parts = Array.from({ length: 1 + r.int(4) }, () => r.input(seeds));
      const stream = Uint8Array.from(parts.flatMap((p) => [...p]));
      const cuts = Array.from({ length: r.int(6) }, () => r.int(stream.length + 1)).sort(
        (a, b) => a - b,
      );
      const whole = run(stream, []);
      const chunked = run(stream, cuts);
      // An error found in a later chunk may come after frames the whole push dropped.
      if (whole.error) expect(chunked.error).toBe(whole.error);
      else expect(chunked).toEqual(whole);
    }
  });

  it('payloads: each decoder answers or throws PayloadError; what it accepts encodes to the same bytes', () => {
    const r = random(0xba10ad);
    const seeds = vectors('payloads.tsv', 3);
    for (let i = 0; i < ROUNDS; i++) {
      const b = r.input(seeds);
      const hello = only([PayloadError], () => decodeHello(b));
      if (!(hello instanceof Error)) expect(hex(encodeHello(hello)), hex(b)).toBe(hex(b));
      const str = only([PayloadError], () => decodeOnlyStr(b));
      if (!(str instanceof Error)) expect(hex(encodeStr(str)), hex(b)).toBe(hex(b));
      const spawned = only([PayloadError], () => decodeSpawned(b));
      if (!(spawned instanceof Error))
        expect(hex(encodeSpawned(spawned.pid, spawned.processGroup))).toBe(hex(b));
      const exited = only([PayloadError], () => decodeExited(b));
      if (!(exited instanceof Error))
        expect(hex(encodeExited(exited.pid, exited.exitCode))).toBe(hex(b));
      const control = only([PayloadError], () => decodeControl(b));
      if (!(control instanceof Error))
        expect(hex(encodeControl(control.controlCode, control.input))).toBe(hex(b));
      expect(typeof decodeText(b)).toBe('string'); // text never throws
    }
  });

  it('property lists: a list or a ClusPropError; an accepted list encodes to the same bytes', () => {
    const r = random(0x11575);
    const seeds = vectors('clusprop.tsv', 2);
    const kinds: PropKinds = {
      Foo: 'dword',
      Greeting: 'string',
      S: 'string',
      Peers: 'multiString',
      DataDir: 'expandString',
      Blob: 'binary',
      Big: 'largeInteger',
    };
    for (let i = 0; i < ROUNDS; i++) {
      const b = r.input(seeds);
      const list = only([ClusPropError], () => decodePropertyList(b));
      if (list instanceof Error) continue;
      // The same list and the same size; only the content of padding bytes may differ.
      const again = encodePropertyList(list);
      expect(again.length, hex(b)).toBe(b.length);
      expect(decodePropertyList(again), hex(b)).toEqual(list);
      only([ClusPropError], () => decodeProperties(b, kinds));
    }
  });
});
