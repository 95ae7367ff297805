/**
 * The schema the build reads is the SDK's own model (src/bundle/sdk): these are only the
 * names the generator's files have used for it.
 */
export type {
  Schema as ResourceTypeSchema,
  SchemaProperty as SchemaProp,
} from '../src/bundle/sdk/schema.js';
export type { PropKind } from '../src/bundle/clusprop/kinds.js';
