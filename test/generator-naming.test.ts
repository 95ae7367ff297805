import { describe, expect, it } from 'vitest';
import { TypeNameError } from '../generator/index.js';
import { typeIdFromName, validateTypeName } from '../generator/index.js';

describe('validateTypeName', () => {
  it('accepts names of 1..64 characters with spaces, punctuation and unicode', () => {
    for (const name of ['E', 'Echo Server', 'Échø-Sérvér (v2)', 'x'.repeat(64), "O'Brien's #1"]) {
      expect(validateTypeName(name)).toBe(name);
    }
  });

  it.each([
    ['', /^the type name "" is empty; give a type name such as "Echo Server"$/],
    ['x'.repeat(65), /65 characters long; use at most 64/],
    ['a/b', /contains '\/'/],
    ['a\\b', /contains '\\'/],
    ['say "hi"', /contains '"'/],
    ['C:', /contains ':'/],
    ['tab\there', /control character U\+0009/],
    [' padded', /starts or ends with a space/],
  ])('rejects %j with a message saying what is wrong', (name, message) => {
    let caught: unknown;
    try {
      validateTypeName(name);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TypeNameError);
    expect((caught as TypeNameError).code).toBe('INVALID_TYPE_NAME');
    expect((caught as Error).message).toMatch(message);
  });

  it('rejects a value that is not a string', () => {
    expect(() => validateTypeName(42)).toThrow(/must be a string/);
  });
});

describe('typeIdFromName', () => {
  it.each([
    ['Echo Server', 'EchoServer'],
    ['EchoServer', 'EchoServer'],
    ['echo server', 'EchoServer'],
    ['my.type-v2', 'MyTypeV2'],
    ['Café Ünïcode', 'CafeUnicode'],
    ["O'Brien's #1", 'OBrienS1'],
    ['2fast 4you', 'T2fast4you'],
    ['__init', 'Init'],
    ['snake_case name', 'Snake_caseName'],
  ])('%j → %j', (name, id) => {
    expect(typeIdFromName(name)).toBe(id);
  });

  it('gives a stable, letter-first id when nothing ASCII is left', () => {
    const id = typeIdFromName('日本語');
    expect(id).toMatch(/^Type_[0-9a-f]{8}$/);
    expect(typeIdFromName('日本語')).toBe(id);
    expect(typeIdFromName('中文')).not.toBe(id);
  });

  it('keeps 64-character names within 64 identifier characters', () => {
    const id = typeIdFromName('a b'.repeat(21) + 'c');
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });

  it('refuses invalid names instead of deriving an id from them', () => {
    expect(() => typeIdFromName('../evil')).toThrow(TypeNameError);
  });
});
