import { describe, expect, it } from 'vitest';
import { encodePropertyList, encodeValue } from '../src/bundle/clusprop/index.js';
import { CallGate } from '../src/dev/harness/call-gate.js';
import { formatMessage } from '../src/dev/harness/library.js';
import {
  decodeFromLibrary,
  encodeForSet,
  kindsFromFormatList,
  kindsFromSchema,
} from '../src/dev/harness/properties.js';
import { SerialQueue } from '../src/dev/harness/serial-queue.js';
import { INFINITE, RHS_DEFAULT_TIMING, resolveTiming } from '../src/dev/harness/timing.js';
import { userControlCode } from '../src/dev/harness/index.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('CallGate', () => {
  it('never runs more than its limit at once and lets urgent calls jump the queue', async () => {
    const gate = new CallGate(2);
    const order: string[] = [];
    let running = 0;
    let peak = 0;
    const blockers = [deferred(), deferred()];
    const task = (name: string, wait?: Promise<void>) => async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(name);
      await wait;
      running--;
    };
    const all = [
      gate.run(task('a', blockers[0].promise)),
      gate.run(task('b', blockers[1].promise)),
      gate.run(task('c')),
      gate.run(task('terminate'), true),
    ];
    expect(gate.inFlight).toBe(2);
    expect(gate.queued).toBe(2);
    blockers[0].resolve();
    blockers[1].resolve();
    await Promise.all(all);
    await gate.idle();
    expect(peak).toBe(2);
    expect(order).toEqual(['a', 'b', 'terminate', 'c']);
  });
});

describe('SerialQueue', () => {
  it('runs tasks one after another, also after a failure', async () => {
    const q = new SerialQueue();
    const seen: number[] = [];
    let active = 0;
    const t =
      (n: number, fail = false) =>
      async () => {
        expect(active).toBe(0);
        active++;
        await new Promise((r) => setTimeout(r, 5));
        seen.push(n);
        active--;
        if (fail) throw new Error('boom');
      };
    const results = await Promise.allSettled([q.run(t(1)), q.run(t(2, true)), q.run(t(3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seen).toEqual([1, 2, 3]);
    await q.idle();
    expect(q.busy).toBe(false);
  });
});

describe('timing', () => {
  it('inherits on undefined and 0xFFFFFFFF, overrides otherwise, and names bad values', () => {
    const t = resolveTiming(RHS_DEFAULT_TIMING, { looksAlive: INFINITE, isAlive: 250 }, 'opts');
    expect(t).toEqual({ ...RHS_DEFAULT_TIMING, isAlive: 250 });
    expect(() => resolveTiming(RHS_DEFAULT_TIMING, { pendingTimeout: 0 }, 'opts')).toThrow(
      /opts\.pendingTimeout/,
    );
    expect(() => resolveTiming(RHS_DEFAULT_TIMING, { lookAlive: 1 } as never, 'opts')).toThrow(
      /unknown key "lookAlive"/,
    );
  });
});

describe('LogEvent formatting', () => {
  it('substitutes the %1!s! insert and drops the trailing newline', () => {
    expect(formatMessage('%1!s!\n', 'host: 50% done $1')).toBe('host: 50% done $1');
    expect(formatMessage('prefix %1 suffix', 'x')).toBe('prefix x suffix');
  });
});

describe('property encoding', () => {
  it('uses schema kinds (bool, long, expandString) and infers the rest from JS types', () => {
    const kinds = kindsFromSchema({
      properties: [
        { name: 'Verbose', kind: 'bool' },
        { name: 'Offset', kind: 'long' },
        { name: 'Dir', kind: 'expandString' },
      ],
    });
    const list = encodeForSet(
      { verbose: true, Offset: 3, Dir: '%TEMP%', Port: 7000, Peers: ['a', 'b'] },
      kinds,
    );
    const back = decodeFromLibrary(list, kinds);
    expect(back).toEqual({
      verbose: true,
      Offset: 3,
      Dir: '%TEMP%',
      Port: 7000,
      Peers: ['a', 'b'],
    });
  });

  it('learns kinds from a GET_PRIVATE_PROPERTY_FMTS list (WORD or DWORD format values)', () => {
    const word = (n: number) => ({ syntax: 0x0001000b, data: new Uint8Array([n, 0]) });
    const list = encodePropertyList([
      { name: 'Offset', values: [word(7)] },
      { name: 'Dir', values: encodeValue('dword', 4) },
    ]);
    const kinds = kindsFromFormatList(list);
    expect(kinds.get('offset')).toBe('long');
    expect(kinds.get('dir')).toBe('expandString');
  });

  it('refuses values it cannot encode with a message naming the property', () => {
    expect(() => encodeForSet({ Port: { nope: 1 } }, new Map())).toThrow(/property "Port"/);
    expect(() => encodeForSet({ Port: -1 }, new Map([['port', 'dword']]))).toThrow(
      /property "Port" \(dword\)/,
    );
  });
});

describe('control codes', () => {
  it('builds custom codes with the SDK formula', () => {
    expect(userControlCode(1)).toBe(0x01200004);
    expect((userControlCode(0x3ffff) >>> 2) & 0x3ffff).toBe(0x3ffff);
  });
});
