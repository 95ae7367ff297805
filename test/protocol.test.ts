import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  controlFunction,
  decodeControl,
  decodeExited,
  decodeFrame,
  decodeHello,
  decodeOnlyStr,
  decodeSpawned,
  encodeControl,
  encodeExited,
  encodeFrame,
  encodeHello,
  encodeSpawned,
  encodeStr,
  FrameDecoder,
  FrameError,
  PayloadError,
} from '../src/bundle/protocol/index.js';

const vectorsPath = fileURLToPath(new URL('./vectors/frames.tsv', import.meta.url));
const vectors = readFileSync(vectorsPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [name, expect, hex = ''] = line.split('\t');
    return { name, expect, bytes: Uint8Array.from(Buffer.from(hex, 'hex')) };
  });

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('frames.tsv vectors', () => {
  it('has vectors of every kind', () => {
    expect(vectors.filter((v) => v.expect.startsWith('ok')).length).toBeGreaterThan(5);
    expect(vectors.filter((v) => v.expect === 'more').length).toBeGreaterThan(3);
    expect(vectors.filter((v) => v.expect.startsWith('err')).length).toBeGreaterThan(5);
  });

  for (const v of vectors) {
    it(`${v.name}: ${v.expect.split(' ').slice(0, 2).join(' ')}`, () => {
      const [what, ...fields] = v.expect.split(' ');
      if (what === 'ok') {
        const [kind, code, requestId, resourceId, status] = fields.slice(0, 5).map(Number);
        const payload = fields[5] === '-' ? '' : fields[5];
        const result = decodeFrame(v.bytes);
        expect(result).not.toBe('more');
        if (result === 'more') return;
        expect(result.size).toBe(v.bytes.length);
        expect({ ...result.frame, payload: hex(result.frame.payload) }).toEqual({
          kind,
          code,
          requestId,
          resourceId,
          status,
          payload,
        });
        expect(hex(encodeFrame(result.frame))).toBe(hex(v.bytes));
        expect(new FrameDecoder().push(v.bytes)).toHaveLength(1);
      } else if (what === 'more') {
        expect(decodeFrame(v.bytes)).toBe('more');
        const decoder = new FrameDecoder();
        expect(decoder.push(v.bytes)).toEqual([]);
        expect(decoder.pending).toBe(v.bytes.length);
      } else {
        expect(what).toBe('err');
        expect(() => decodeFrame(v.bytes)).toThrow(FrameError);
        try {
          decodeFrame(v.bytes);
        } catch (err) {
          expect((err as FrameError).code).toBe(fields[0]);
        }
        expect(() => new FrameDecoder().push(v.bytes)).toThrow(fields[0]);
      }
    });
  }
});

describe('FrameDecoder streaming', () => {
  const frames = vectors.filter((v) => v.expect.startsWith('ok')).map((v) => v.bytes);
  const stream = Buffer.concat(frames);

  it('yields the same frames whatever the chunking', () => {
    for (const chunkSize of [1, 3, 7, 64, stream.length]) {
      const decoder = new FrameDecoder();
      const out = [];
      for (let at = 0; at < stream.length; at += chunkSize) {
        out.push(...decoder.push(stream.subarray(at, at + chunkSize)));
      }
      expect(out.map((f) => hex(encodeFrame(f)))).toEqual(frames.map(hex));
      expect(decoder.pending).toBe(0);
    }
  });

  it('stays broken after a fault', () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toThrow('ERR_TOO_LONG');
    expect(() => decoder.push(frames[0])).toThrow('ERR_TOO_LONG');
  });
});

describe('encodeFrame', () => {
  it('refuses a payload over 1 MiB and fields out of range', () => {
    const base = { kind: 2, code: 0x12, requestId: 1, resourceId: 1, status: 0 };
    expect(() => encodeFrame({ ...base, payload: new Uint8Array(1048577) })).toThrow(/1 MiB/);
    expect(encodeFrame({ ...base, payload: new Uint8Array(1048576) }).length).toBe(20 + 1048576);
    expect(() => encodeFrame({ ...base, code: 0x10000 })).toThrow(RangeError);
    expect(() => encodeFrame({ ...base, status: -1 })).toThrow(RangeError);
  });
});

describe('payloads', () => {
  it('HELLO round-trips and matches the hello_event vector', () => {
    const hello = {
      protocolVersion: 1,
      hostPid: 4242,
      schemaHash: 'ab'.repeat(32),
      kitVersion: '0.1.0',
    };
    const v = vectors.find((x) => x.name === 'hello_event')!;
    const result = decodeFrame(v.bytes);
    if (result === 'more') throw new Error('hello vector incomplete');
    expect(decodeHello(result.frame.payload)).toEqual(hello);
    expect(hex(encodeHello(hello))).toBe(hex(result.frame.payload));
  });

  it('str, SPAWNED, EXITED and CONTROL round-trip', () => {
    expect(decodeOnlyStr(encodeStr('Echo €1'))).toBe('Echo €1');
    expect(decodeSpawned(encodeSpawned(1234, 1234))).toEqual({ pid: 1234, processGroup: 1234 });
    expect(decodeExited(encodeExited(99, -1))).toEqual({ pid: 99, exitCode: -1 });
    const control = decodeControl(encodeControl(0x01200004, Uint8Array.of(1, 2)));
    expect(control.controlCode).toBe(0x01200004);
    expect([...control.input]).toEqual([1, 2]);
    expect(controlFunction(0x01200004)).toBe(1);
    expect(controlFunction(0x01000000 | (1 << 21) | (0x3ffff << 2))).toBe(0x3ffff);
  });

  it('rejects malformed payloads with PayloadError', () => {
    expect(() => decodeOnlyStr(Uint8Array.of(5, 0, 65))).toThrow(PayloadError);
    expect(() => decodeOnlyStr(Uint8Array.of(1, 0, 65, 66))).toThrow(/unexpected bytes/);
    expect(() => decodeOnlyStr(Uint8Array.of(1, 0, 0xff))).toThrow(/UTF-8/);
    expect(() => decodeSpawned(new Uint8Array(7))).toThrow(PayloadError);
    expect(() => decodeControl(new Uint8Array(3))).toThrow(PayloadError);
    expect(() => decodeHello(new Uint8Array(8))).toThrow(PayloadError);
    expect(() => encodeStr('x'.repeat(70000))).toThrow(PayloadError);
  });
});
