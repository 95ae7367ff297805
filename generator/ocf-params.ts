/**
 * The OCF parameters of a type (docs/ocf.md): one per writable private property, named so
 * that `OCF_RESKEY_<name>` is a portable environment variable name, typed for the metadata,
 * and with its default written in the text form the agent parses.
 */
import type { Schema, SchemaProperty } from '../src/bundle/sdk/schema.js';
import { BuildError } from './errors.js';

export type OcfContentType = 'integer' | 'string' | 'boolean';

export interface OcfParam {
  /** The OCF parameter name: [A-Za-z_][A-Za-z0-9_]*. */
  name: string;
  prop: SchemaProperty;
  /** The index of the property in the schema's (and the C table's) property list. */
  index: number;
  contentType: OcfContentType;
  /** The default in the agent's text form, if the property has one. */
  defaultText?: string;
}

/**
 * `Listen Port` → `Listen_Port`, `log.level` → `log_level`, `é` → `e`: accents dropped, every
 * character outside [A-Za-z0-9_] becomes `_`, and a leading digit gets a `_` in front.
 */
export function ocfParamName(propertyName: string): string {
  const plain = propertyName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const name = plain.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** The parameters of `schema`; throws BuildError('OCF_NAME_COLLISION') when two names meet. */
export function ocfParams(schema: Schema): OcfParam[] {
  const seen = new Map<string, string>();
  const params: OcfParam[] = [];
  schema.properties.forEach((prop, index) => {
    if (prop.readOnly) return;
    const name = ocfParamName(prop.name);
    const other = seen.get(name);
    if (other !== undefined) {
      throw new BuildError(
        'OCF_NAME_COLLISION',
        `the properties "${other}" and "${prop.name}" would both be the OCF parameter ${name}; ` +
          'rename one of them (OCF parameter names keep only letters, digits and _)',
      );
    }
    seen.set(name, prop.name);
    params.push({ name, prop, index, contentType: contentType(prop), defaultText: ocfText(prop) });
  });
  return params;
}

function contentType(prop: SchemaProperty): OcfContentType {
  if (prop.kind === 'dword' || prop.kind === 'long') return 'integer';
  if (prop.kind === 'bool') return 'boolean';
  return 'string';
}

/**
 * The text form of a schema default (docs/ocf.md): decimal integers, `true`/`false`, strings
 * as they are, hex for binary, and multi-strings joined by `,` with `\` escaping `,` and `\`.
 */
export function ocfText(prop: SchemaProperty, value = prop.default): string | undefined {
  if (value === undefined) return undefined;
  switch (prop.kind) {
    case 'bool':
      return value === 1 ? 'true' : 'false';
    case 'multiString':
      return (value as string[]).map((item) => item.replace(/[\\,]/g, (c) => `\\${c}`)).join(',');
    default:
      return String(value);
  }
}
