/**
 * The build pipeline's one door: the CLI, the scripts and the tests import the generator only
 * from here (test/layers.test.ts checks it).
 */
export { buildType, SUPPORTED_TARGETS } from './build.js';
export { readBuildManifest } from './build-manifest.js';
export type { BuiltType } from './build-manifest.js';
export type { BuildTypeResult } from './build.js';
export type { BuildTarget } from './targets.js';
export { nativeBuildError } from './cmake.js';
export { BuildError, ToolchainError, TypeNameError } from './errors.js';
export { typeIdFromName, validateTypeName } from './naming.js';

// Schema, bundle and C table: the steps of buildType, usable one by one.
export { checkSchema } from './schema-read.js';
export { readSchemaCached } from './schema-cache.js';
export { bundleHandler, renameBundle } from './bundle.js';
export { bundleStep } from './bundle-step.js';
export { copyAssets, ensureModuleScope, resolveAssets } from './out-dir.js';
export { generateTypeSource } from './ctype.js';
export { C_CONSTANTS } from './c-constants.js';
export { withLock } from './lock.js';
export { findKitRoot } from './kit-root.js';

// The PowerShell admin module.
export { generateAdminModule, writeAdminModule } from './admin.js';
export { psCommentLines, psString } from './admin-quote.js';
export { adminParams } from './admin-params.js';
export type { AdminParam } from './admin-params.js';

// `clusterkit new` and `clusterkit package`.
export { createProject, packageNameFromId } from './scaffold.js';
export { NEW_OPTIONS } from './scaffold-options.js';
export type { NewOptionSpec, NewProjectOptions } from './scaffold-options.js';
export { kitInfo } from './scaffold-kit.js';
export { runningKitDependency } from './scaffold-kit-spec.js';
export { renderTemplate } from './scaffold-render.js';
export { packageType } from './package.js';
export { renderInstallReadme } from './package-install.js';
export type { PackageTypeResult } from './package.js';
export { crc32, createZip } from './package-zip.js';
export type { ZipEntry } from './package-zip.js';

// Windows: the version resource, the .def file and the PE table check.
export { exportsDef, versionResource, versionWords } from './windows-resource.js';
export { parsePeTables, peProblems, readPeTables } from './windows-pe-check.js';

// The Pacemaker OCF agent.
export { ocfMetadata } from './ocf-metadata.js';
export { ocfParamName, ocfParams, ocfText } from './ocf-params.js';
export { packageOcf } from './package-ocf.js';
export type { OcfPackageTypeResult } from './package-ocf.js';
