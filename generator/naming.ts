/**
 * Cluster type names (docs/schema.md) and the safe identifier derived from them, used for
 * file names (`<TypeId>.handler.js`, `lib<TypeId>.so`) and C.
 */
import { createHash } from 'node:crypto';
import { TypeNameError } from './errors.js';

const MAX_TYPE_NAME = 64;
const FORBIDDEN = '\\/:*?"<>|';

/** Throws TypeNameError saying what is wrong with `name` and what to do; returns it otherwise. */
export function validateTypeName(name: unknown): string {
  if (typeof name !== 'string') {
    throw new TypeNameError(
      `the type name must be a string, got ${typeof name}; set "type" in defineResourceType`,
    );
  }
  if (name.length === 0) {
    throw new TypeNameError(
      'the type name is empty; give defineResourceType a "type" such as "Echo Server"',
    );
  }
  if (name.length > MAX_TYPE_NAME) {
    throw new TypeNameError(
      `the type name "${name.slice(0, 20)}..." is ${name.length} characters long; use at most ${MAX_TYPE_NAME}`,
    );
  }
  for (const ch of name) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      throw new TypeNameError(
        `the type name ${JSON.stringify(name)} contains the control character U+${hex4(cp)}; remove it`,
      );
    }
    if (FORBIDDEN.includes(ch)) {
      throw new TypeNameError(
        `the type name ${JSON.stringify(name)} contains '${ch}'; type names may not contain any of ${FORBIDDEN}`,
      );
    }
  }
  if (name.trim() !== name) {
    throw new TypeNameError(
      `the type name ${JSON.stringify(name)} starts or ends with a space; remove it`,
    );
  }
  return name;
}

/**
 * Derives the identifier: [A-Za-z0-9_] kept, accents dropped, every other run removed and the
 * next word capitalised (`echo server` → `EchoServer`). Starts with a letter; never empty.
 */
export function typeIdFromName(name: string): string {
  validateTypeName(name);
  // NFKD splits 'é' into 'e' + a combining mark, which the filter below then drops.
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^[^A-Za-z0-9]+/, '');
  let id = '';
  for (const word of plain.split(/[^A-Za-z0-9_]+/)) {
    if (word.length > 0) id += word[0].toUpperCase() + word.slice(1);
  }
  if (id.length === 0) {
    // Nothing ASCII survived (e.g. a name in another script): stable, derived from the name.
    return `Type_${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8)}`;
  }
  if (!/^[A-Za-z]/.test(id)) id = `T${id}`;
  return id.slice(0, MAX_TYPE_NAME);
}

function hex4(cp: number): string {
  return cp.toString(16).toUpperCase().padStart(4, '0');
}
