/**
 * Cluster type names (docs/schema.md) and the safe identifier derived from them, used for
 * file names (`<TypeId>.handler.js`, `lib<TypeId>.so`) and C.
 */
import { createHash } from 'node:crypto';
import { MAX_NAME_LENGTH, typeNameProblem } from '../src/bundle/sdk/names.js';
import { TypeNameError } from './errors.js';

/** Names Windows reserves for devices: a file called `NUL.dll` or `COM1.psd1` cannot exist. */
const DEVICE_NAMES = /^(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/i;

/**
 * Throws TypeNameError saying what is wrong with `name` and what to do; returns it otherwise.
 * The rule is the SDK's (src/bundle/sdk/names.ts), so `clusterkit new` and defineResourceType
 * accept the same names.
 */
export function validateTypeName(name: unknown): string {
  const problem = typeNameProblem(name);
  if (problem === null) return name as string;
  const shown = typeof name === 'string' ? JSON.stringify(name) : String(name);
  // The SDK's problem says what to do, except for these two: what to give instead.
  const hint =
    typeof name !== 'string'
      ? '; set "type" in defineResourceType'
      : name === ''
        ? '; give a type name such as "Echo Server"'
        : '';
  throw new TypeNameError(
    `the type name ${shown.length > 40 ? `${shown.slice(0, 30)}..."` : shown} ${problem}${hint}`,
  );
}

/**
 * Derives the identifier: [A-Za-z0-9_] kept, accents dropped, every other run removed and the
 * next word capitalised (`echo server` → `EchoServer`). Starts with a letter; never empty;
 * never a Windows device name (`NUL` → `NULType`), since it names the type's files.
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
  id = id.slice(0, MAX_NAME_LENGTH);
  return DEVICE_NAMES.test(id) ? `${id}Type` : id;
}
