/**
 * Generates `<TypeId>_type.c`: the one `const ck_type_desc ck_type` (clusterkit.h) of a
 * resource library, from the handler's schema. Everything else in the file is static.
 */
import { encodeData, KIND_RANGE } from '../src/bundle/clusprop/index.js';
import { checkSchemaJson } from '../src/bundle/sdk/schema-json.js';
import type { Schema, SchemaProperty } from '../src/bundle/sdk/schema.js';
import { fromSchemaValue } from '../src/bundle/sdk/schema-values.js';
import { byteArray, cString, dwordLiteral, u64Literal, wcharArray } from './c-emit.js';
import {
  CK_PROP_HAS_DEFAULT,
  CK_PROP_HAS_MAX,
  CK_PROP_HAS_MIN,
  CK_PROP_READ_ONLY,
  CK_PROP_REQUIRED,
  CK_PROP_SECRET,
  CK_PROP_SIGNED,
  CK_TIMEOUT_FIELDS,
} from './c-constants.js';

export interface TypeSourceInput {
  schema: Schema;
  schemaHash: string;
  /** The bundle, relative to the library's directory, with '/' separators. */
  handlerFile: string;
  /** The node executable for the host; '' lets the library use CLUSTERKIT_NODE or PATH. */
  nodePath: string;
}

/**
 * Returns the C source text. The schema is checked again by the SDK's rules first, so no
 * value reaches the C table unchecked; a broken one throws SchemaError naming the property.
 */
export function generateTypeSource(input: TypeSourceInput): string {
  const schema = checkSchemaJson(input.schema);
  const parts: string[] = [header(input.schemaHash)];
  parts.push(wcharArray('type_name', schema.type), wcharArray('display_name', schema.displayName));
  const props = propTable('prop', schema.properties, parts);
  const typeProps = propTable('type_prop', schema.typeProperties, parts);
  const deps = schema.requiredDependencies;
  deps.types.forEach((t, i) => parts.push(wcharArray(`dep_type_${i}`, t)));
  const depTypes = arrayOrNull(
    parts,
    'const WCHAR *const',
    'dep_types',
    deps.types.map((_, i) => `dep_type_${i}`),
  );
  const depClasses = arrayOrNull(
    parts,
    'const DWORD',
    'dep_classes',
    deps.classes.map(dwordLiteral),
  );
  const controls = arrayOrNull(
    parts,
    'const DWORD',
    'control_functions',
    schema.controls.map((c) => dwordLiteral(c.function)),
  );
  const timeouts = Object.entries(CK_TIMEOUT_FIELDS).map(
    ([key, field]) =>
      `.${field} = ${dwordLiteral(schema.timeouts[key as keyof Schema['timeouts']])}`,
  );
  parts.push(
    [
      'const ck_type_desc ck_type = {',
      '    .type_name = type_name,',
      `    .type_name_utf8 = ${cString(schema.type)},`,
      '    .display_name = display_name,',
      `    .version = ${cString(schema.version)},`,
      `    .schema_hash = ${cString(input.schemaHash)},`,
      `    .handler_file = ${cString(input.handlerFile)},`,
      `    .node_path = ${cString(input.nodePath)},`,
      `    .props = ${props},`,
      `    .prop_count = ${dwordLiteral(schema.properties.length)},`,
      `    .type_props = ${typeProps},`,
      `    .type_prop_count = ${dwordLiteral(schema.typeProperties.length)},`,
      `    .required_dep_types = ${depTypes},`,
      `    .required_dep_type_count = ${dwordLiteral(deps.types.length)},`,
      `    .required_dep_classes = ${depClasses},`,
      `    .required_dep_class_count = ${dwordLiteral(deps.classes.length)},`,
      `    .characteristics = ${dwordLiteral(schema.characteristics)},`,
      `    .resource_class = ${dwordLiteral(schema.resourceClass)},`,
      `    .resource_subclass = ${dwordLiteral(schema.resourceSubclass)},`,
      `    .control_functions = ${controls},`,
      `    .control_function_count = ${dwordLiteral(schema.controls.length)},`,
      `    .timeouts = { ${timeouts.join(', ')} },`,
      `    .progress_interval_ms = ${dwordLiteral(schema.progressInterval)},`,
      '};',
      '',
    ].join('\n'),
  );
  return parts.join('\n');
}

/** The CK_PROP_* flags of a property. A bool always has its 0..1 limits. */
export function propFlags(prop: SchemaProperty): number {
  let flags = 0;
  if (prop.readOnly) flags |= CK_PROP_READ_ONLY;
  if (prop.required) flags |= CK_PROP_REQUIRED;
  if (KIND_RANGE[prop.kind]?.signed) flags |= CK_PROP_SIGNED;
  if (prop.default !== undefined) flags |= CK_PROP_HAS_DEFAULT;
  if (limit(prop, 'min') !== undefined) flags |= CK_PROP_HAS_MIN;
  if (limit(prop, 'max') !== undefined) flags |= CK_PROP_HAS_MAX;
  if (prop.kind === 'secret') flags |= CK_PROP_SECRET;
  return flags;
}

/**
 * A limit as the table's uint64 bit pattern (signed kinds two's complement). A bool is a
 * DWORD whose range 0..1 is what makes the C validator refuse any other value.
 */
function limit(prop: SchemaProperty, which: 'min' | 'max'): bigint | undefined {
  const value =
    prop.kind === 'bool'
      ? KIND_RANGE.bool![which]
      : prop[which] === undefined
        ? undefined
        : BigInt(fromSchemaValue(prop.kind, prop[which]) as number | bigint);
  return value === undefined ? undefined : BigInt.asUintN(64, value);
}

/** The default as the database stores it: the property-list codec's bytes for the value. */
function defaultBytes(prop: SchemaProperty): Uint8Array | undefined {
  if (prop.default === undefined) return undefined;
  return encodeData(prop.kind, fromSchemaValue(prop.kind, prop.default));
}

function header(hash: string): string {
  const safeHash = hash.replace(/[^0-9a-f]/g, '');
  return [
    '/*',
    ` * Generated by clusterkit from the handler schema ${safeHash}.`,
    ' * Do not edit: `clusterkit build` writes it again on every build.',
    ' */',
    '#include "clusterkit.h"',
    '',
  ].join('\n');
}

/** Emits the names, defaults and the table of `props`; returns the table's C name or NULL. */
function propTable(prefix: string, props: SchemaProperty[], parts: string[]): string {
  const rows = props.map((prop, i) => {
    const id = `${prefix}_${i}`;
    parts.push(wcharArray(`${id}_name`, prop.name));
    const bytes = defaultBytes(prop);
    if (bytes) parts.push(byteArray(`${id}_default`, bytes));
    const choices = prop.choices ?? [];
    choices.forEach((c, k) => parts.push(wcharArray(`${id}_choice_${k}`, c)));
    const choiceList = arrayOrNull(
      parts,
      'const WCHAR *const',
      `${id}_choices`,
      choices.map((_, k) => `${id}_choice_${k}`),
    );
    const fields = [
      `.name = ${id}_name`,
      `.format = ${dwordLiteral(prop.format)}`,
      `.flags = 0x${propFlags(prop).toString(16)}u`,
      `.default_data = ${bytes ? `${id}_default` : 'NULL'}`,
      `.default_size = ${dwordLiteral(bytes?.length ?? 0)}`,
      `.min = ${u64Literal(limit(prop, 'min') ?? 0n)}`,
      `.max = ${u64Literal(limit(prop, 'max') ?? 0n)}`,
      `.choices = ${choiceList}`,
      `.choice_count = ${dwordLiteral(choices.length)}`,
    ];
    return `{ ${fields.join(', ')} }`;
  });
  return arrayOrNull(parts, 'const ck_prop_desc', `${prefix}s`, rows);
}

/** `static <type> <id>[] = {...};` when there are items (C has no empty arrays), else NULL. */
function arrayOrNull(parts: string[], type: string, id: string, items: string[]): string {
  if (items.length === 0) return 'NULL';
  parts.push(`static ${type} ${id}[] = {\n${items.map((x) => `    ${x},`).join('\n')}\n};\n`);
  return id;
}
