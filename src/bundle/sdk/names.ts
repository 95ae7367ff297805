/**
 * The two name rules of the schema (docs/schema.md, "Names"), shared by defineResourceType
 * and the build's check of a printed schema. Each returns what is wrong, or null.
 */

/** Longest type or property name, in UTF-16 code units (what the C table stores). */
export const MAX_NAME_LENGTH = 64;

/** Characters a type name may not contain: Windows forbids them in file and key names. */
export const TYPE_NAME_FORBIDDEN = '\\/:*?"<>|';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Property names: ASCII letters, digits, '_', '-', '.', and spaces between words. */
const PROPERTY_NAME = /^[A-Za-z0-9_.-](?:[A-Za-z0-9_. -]*[A-Za-z0-9_.-])?$/;

/** What is wrong with `name` as a cluster resource type name, or null when it is valid. */
export function typeNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return `must be a string, got ${describe(name)}`;
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_NAME_LENGTH) {
    return `is ${name.length} characters long; use at most ${MAX_NAME_LENGTH}`;
  }
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    if (unit < 0x20 || (unit >= 0x7f && unit < 0xa0)) {
      return `contains the control character U+${hex4(unit)}; remove it`;
    }
    if (TYPE_NAME_FORBIDDEN.includes(name[i])) {
      return `contains '${name[i]}'; type names may not contain any of ${TYPE_NAME_FORBIDDEN}`;
    }
  }
  if (LONE_SURROGATE.test(name)) return 'contains an unpaired UTF-16 surrogate; remove it';
  if (name.trim() !== name) return 'starts or ends with a space; remove it';
  return null;
}

/** What is wrong with `name` as a private property name, or null when it is valid. */
export function propertyNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return `must be a string, got ${describe(name)}`;
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_NAME_LENGTH) {
    return `is ${name.length} characters long; use at most ${MAX_NAME_LENGTH}`;
  }
  if (name.trim() !== name) return 'starts or ends with a space; remove it';
  if (!PROPERTY_NAME.test(name)) {
    return "may hold only ASCII letters, digits, '_', '-', '.' and inner spaces";
  }
  return null;
}

function hex4(unit: number): string {
  return unit.toString(16).toUpperCase().padStart(4, '0');
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value;
}
