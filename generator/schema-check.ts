/**
 * Structural check of the schema a bundle printed (docs/schema.md). The SDK validates the
 * semantics when the handler is defined; this guards the generator against a foreign or stale
 * runtime and a handler that printed something else.
 */
import { BuildError } from './errors.js';
import { validateTypeName } from './naming.js';
import { checkPropValues } from './prop-values.js';
import {
  KIND_FORMAT,
  TIMEOUT_KEYS,
  type PropKind,
  type ResourceTypeSchema,
  type SchemaProp,
} from './schema-types.js';

const PROP_NAME = /^[A-Za-z0-9_\-. ]{1,64}$/;

/** Returns `value` typed as a schema, or throws BuildError('SCHEMA_INVALID') naming the field. */
export function checkSchema(value: unknown): ResourceTypeSchema {
  const s = record(value, 'the schema');
  if (s.schemaVersion !== 1) {
    fail(
      `schemaVersion is ${JSON.stringify(s.schemaVersion)}, this kit reads version 1: build the handler with this kit's runtime`,
    );
  }
  try {
    validateTypeName(s.type);
  } catch (err) {
    fail(`"type": ${(err as Error).message}`);
  }
  text(s.displayName, 'displayName');
  text(s.version, 'version');
  props(s.properties, 'properties');
  props(s.typeProperties, 'typeProperties');
  const deps = record(s.requiredDependencies, 'requiredDependencies');
  list(deps.types, 'requiredDependencies.types').forEach((t, i) =>
    text(t, `requiredDependencies.types[${i}]`),
  );
  list(deps.classes, 'requiredDependencies.classes').forEach((c, i) =>
    dword(c, `requiredDependencies.classes[${i}]`),
  );
  dword(s.characteristics, 'characteristics');
  dword(s.resourceClass, 'resourceClass');
  dword(s.resourceSubclass, 'resourceSubclass');
  list(s.controls, 'controls').forEach((c, i) => {
    if (!Number.isInteger(c) || (c as number) < 0 || (c as number) > 0x3ffff) {
      fail(`controls[${i}] must be a control function number 0..0x3FFFF, got ${JSON.stringify(c)}`);
    }
  });
  const timeouts = record(s.timeouts, 'timeouts');
  for (const key of TIMEOUT_KEYS) {
    dword(timeouts[key], `timeouts.${key}`);
    if (timeouts[key] === 0) fail(`timeouts.${key} must be positive`);
  }
  const polls = record(s.pollIntervals, 'pollIntervals');
  dword(polls.looksAlive, 'pollIntervals.looksAlive');
  dword(polls.isAlive, 'pollIntervals.isAlive');
  dword(s.progressInterval, 'progressInterval');
  return value as ResourceTypeSchema;
}

function props(value: unknown, where: string): void {
  const seen = new Set<string>();
  list(value, where).forEach((item, i) => {
    const p = record(item, `${where}[${i}]`);
    const at = `${where}[${i}]`;
    if (typeof p.name !== 'string' || !PROP_NAME.test(p.name)) {
      fail(
        `${at}.name must be 1..64 letters, digits, '_', '-', '.' or ' ', got ${JSON.stringify(p.name)}`,
      );
    }
    const lower = (p.name as string).toLowerCase();
    if (seen.has(lower)) fail(`${at}: the property name "${p.name}" appears twice`);
    seen.add(lower);
    if (typeof p.kind !== 'string' || !(p.kind in KIND_FORMAT)) {
      fail(
        `${at}.kind ${JSON.stringify(p.kind)} is not one of ${Object.keys(KIND_FORMAT).join(', ')}`,
      );
    }
    if (p.format !== KIND_FORMAT[p.kind as PropKind]) {
      fail(`${at}.format ${JSON.stringify(p.format)} does not match kind "${p.kind}"`);
    }
    if (typeof p.required !== 'boolean' || typeof p.readOnly !== 'boolean') {
      fail(`${at}: "required" and "readOnly" must be booleans`);
    }
    if (p.description !== undefined) text(p.description, `${at}.description`);
    try {
      checkPropValues(p as unknown as SchemaProp);
    } catch (err) {
      fail(`${at}: ${(err as Error).message}`);
    }
  });
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`${where} must be an object`);
  return value as Record<string, unknown>;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) fail(`${where} must be an array`);
  return value as unknown[];
}

function text(value: unknown, where: string): void {
  if (typeof value !== 'string') fail(`${where} must be a string, got ${JSON.stringify(value)}`);
}

function dword(value: unknown, where: string): void {
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 0xffffffff) {
    fail(`${where} must be an integer 0..4294967295, got ${JSON.stringify(value)}`);
  }
}

function fail(message: string): never {
  throw new BuildError('SCHEMA_INVALID', `the handler's schema is not valid: ${message}`);
}
