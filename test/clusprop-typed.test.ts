import { describe, expect, it } from 'vitest';
import {
  CLUSPROP_SYNTAX_LIST_VALUE_DWORD,
  CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ,
  CLUSPROP_SYNTAX_LIST_VALUE_SZ,
  ClusPropError,
  decodeProperties,
  decodePropertyList,
  decodeValue,
  encodeProperties,
  encodeValue,
} from '../src/bundle/clusprop/index.js';
import type { PropKind, PropKinds } from '../src/bundle/clusprop/index.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ClusPropError);
    return (err as ClusPropError).code;
  }
  return undefined;
}

const kinds: PropKinds = {
  Port: 'dword',
  Greeting: 'string',
  DataDir: 'expandString',
  Peers: 'multiString',
  Verbose: 'bool',
  Offset: 'long',
  Quota: 'ulargeInteger',
  Skew: 'largeInteger',
  Token: 'binary',
};

describe('encodeValue', () => {
  it('gives the byte layouts of docs/resource-api.md', () => {
    expect(encodeValue('dword', 5)).toEqual([
      { syntax: CLUSPROP_SYNTAX_LIST_VALUE_DWORD, data: Uint8Array.from([5, 0, 0, 0]) },
    ]);
    expect(hex(encodeValue('long', -10)[0].data)).toBe('f6ffffff');
    expect(hex(encodeValue('bool', true)[0].data)).toBe('01000000');
    expect(hex(encodeValue('bool', false)[0].data)).toBe('00000000');
    expect(encodeValue('string', 'ab')[0]).toEqual({
      syntax: CLUSPROP_SYNTAX_LIST_VALUE_SZ,
      data: Uint8Array.from([0x61, 0, 0x62, 0, 0, 0]),
    });
    expect(encodeValue('multiString', ['a', 'b'])[0]).toEqual({
      syntax: CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ,
      data: Uint8Array.from([0x61, 0, 0, 0, 0x62, 0, 0, 0, 0, 0]),
    });
    expect(hex(encodeValue('multiString', [])[0].data)).toBe('00000000');
    expect(hex(encodeValue('ulargeInteger', (1n << 64n) - 1n)[0].data)).toBe('ffffffffffffffff');
    expect(hex(encodeValue('largeInteger', -2n)[0].data)).toBe('feffffffffffffff');
    expect(hex(encodeValue('binary', Uint8Array.from([1, 2, 3]))[0].data)).toBe('010203');
  });

  it('sends an expandString as the EXPAND_SZ value only', () => {
    const values = encodeValue('expandString', '%TEMP%');
    expect(values).toHaveLength(1);
    expect(values[0].syntax).toBe(CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ);
  });

  const bad: [PropKind, unknown][] = [
    ['dword', -1],
    ['dword', 2 ** 32],
    ['dword', 1.5],
    ['dword', '5'],
    ['long', 2 ** 31],
    ['long', -(2 ** 31) - 1],
    ['bool', 2],
    ['bool', 'yes'],
    ['string', 5],
    ['string', 'a\0b'],
    ['multiString', 'a'],
    ['multiString', ['a', '']],
    ['multiString', ['a', 3]],
    ['binary', [1, 2]],
    ['ulargeInteger', -1n],
    ['ulargeInteger', 1n << 64n],
    ['ulargeInteger', 1.5],
    ['largeInteger', 1n << 63n],
    ['largeInteger', -(1n << 63n) - 1n],
  ];
  for (const [kind, value] of bad) {
    it(`rejects ${kind} ${typeof value === 'bigint' ? `${value}n` : JSON.stringify(value)} with INVALID_PARAMETER`, () => {
      expect(codeOf(() => encodeValue(kind, value))).toBe('INVALID_PARAMETER');
    });
  }

  it('rejects an unknown kind', () => {
    expect(codeOf(() => encodeValue('float' as PropKind, 1))).toBe('INVALID_PARAMETER');
  });
});

describe('decodeValue', () => {
  it('round-trips every kind at its limits', () => {
    const samples: [PropKind, unknown][] = [
      ['dword', 0],
      ['dword', 2 ** 32 - 1],
      ['long', -(2 ** 31)],
      ['long', 2 ** 31 - 1],
      ['bool', true],
      ['bool', false],
      ['string', ''],
      ['string', 'héllo €'],
      ['expandString', '%PATH%'],
      ['multiString', []],
      ['multiString', ['x', 'yz']],
      ['binary', new Uint8Array(0)],
      ['binary', Uint8Array.from([9, 8, 7, 6, 5])],
      ['ulargeInteger', 0n],
      ['ulargeInteger', (1n << 64n) - 1n],
      ['largeInteger', -(1n << 63n)],
      ['largeInteger', (1n << 63n) - 1n],
    ];
    for (const [kind, value] of samples)
      expect(decodeValue(kind, encodeValue(kind, value))).toEqual(value);
  });

  it('returns the raw EXPAND_SZ string and ignores the EXPANDED_SZ companion', () => {
    const values = [
      ...encodeValue('expandString', '%X%\\d'),
      {
        syntax: CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ,
        data: encodeValue('string', '/x\\d')[0].data,
      },
    ];
    expect(decodeValue('expandString', values)).toBe('%X%\\d');
  });

  it('rejects a wrong format, bool values other than 0/1 and extra values', () => {
    expect(codeOf(() => decodeValue('dword', encodeValue('string', '5')))).toBe(
      'INVALID_PARAMETER',
    );
    expect(codeOf(() => decodeValue('bool', encodeValue('dword', 2)))).toBe('INVALID_PARAMETER');
    expect(
      codeOf(() => decodeValue('dword', [...encodeValue('dword', 1), ...encodeValue('dword', 2)])),
    ).toBe('INVALID_PARAMETER');
    expect(codeOf(() => decodeValue('dword', []))).toBe('INVALID_PARAMETER');
    expect(
      codeOf(() =>
        decodeValue('string', [
          {
            syntax: CLUSPROP_SYNTAX_LIST_VALUE_SZ,
            data: Uint8Array.from([0x61, 0, 0, 0, 0x62, 0, 0, 0]),
          },
        ]),
      ),
    ).toBe('INVALID_PARAMETER');
    expect(
      codeOf(() =>
        decodeValue('multiString', [
          {
            syntax: CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ,
            data: Uint8Array.from([0x61, 0, 0, 0, 0, 0, 0x62, 0, 0, 0, 0, 0]),
          },
        ]),
      ),
    ).toBe('INVALID_PARAMETER');
  });
});

describe('encodeProperties / decodeProperties', () => {
  const values = {
    Port: 7001,
    Greeting: 'hi',
    DataDir: '%TEMP%\\x',
    Peers: ['a', 'b'],
    Verbose: true,
    Offset: -3,
    Quota: 10n,
    Skew: -5n,
    Token: Uint8Array.from([1, 2, 3]),
  };

  it('round-trips a full record through real property-list bytes', () => {
    const bytes = encodeProperties(kinds, values);
    expect(decodePropertyList(bytes).map((e) => e.name)).toEqual(Object.keys(kinds));
    expect(decodeProperties(bytes, kinds)).toEqual(values);
  });

  it('leaves undefined values out and keeps declaration order', () => {
    const bytes = encodeProperties(kinds, { Verbose: false, Port: 1, Greeting: undefined });
    expect(decodePropertyList(bytes).map((e) => e.name)).toEqual(['Port', 'Verbose']);
  });

  it('matches names case-insensitively and reports the declared name', () => {
    const bytes = encodeProperties({ port: 'dword' }, { port: 9 });
    expect(decodeProperties(bytes, kinds)).toEqual({ Port: 9 });
  });

  it('refuses unknown names, listing the known ones', () => {
    expect(() => encodeProperties(kinds, { Prot: 1 })).toThrow(
      /unknown property Prot; known properties are Port, Greeting/,
    );
    const bytes = encodeProperties({ Nope: 'dword' }, { Nope: 1 });
    expect(codeOf(() => decodeProperties(bytes, kinds))).toBe('INVALID_PARAMETER');
  });

  it('refuses duplicates and names the property in value errors', () => {
    const dup = encodeProperties({ Port: 'dword', PORT: 'dword' }, { Port: 1, PORT: 2 });
    expect(() => decodeProperties(dup, kinds)).toThrow(/"Port" appears more than once/);
    expect(() => encodeProperties(kinds, { Port: -1 })).toThrow(
      /property "Port": dword value must be/,
    );
  });

  it('passes structural faults through as INVALID_DATA', () => {
    expect(codeOf(() => decodeProperties(Uint8Array.from([1, 0]), kinds))).toBe('INVALID_DATA');
  });
});
