/** The build pipeline's public door: used by the CLI, tests, the demo and the bench. */
export { buildType, SUPPORTED_TARGETS } from './build.js';
export type { BuildTypeOptions, BuildTypeResult } from './build.js';
export type { BuildTarget } from './cmake.js';
export { BuildError, ToolchainError, TypeNameError } from './errors.js';
export { typeIdFromName, validateTypeName } from './naming.js';
export type { ResourceTypeSchema, SchemaProp, PropKind } from './schema-types.js';
export { ocfMetadata, xmlEscape } from './ocf-metadata.js';
export { ocfParamName, ocfParams, ocfText } from './ocf-params.js';
export type { OcfParam, OcfContentType } from './ocf-params.js';
export { generateOcfSource } from './ocf-source.js';
