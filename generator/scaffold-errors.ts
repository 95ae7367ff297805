/**
 * Errors of scaffolding and packaging (`clusterkit new`, `clusterkit package`, the admin
 * module). Each has a stable `code`; only the CLI prints them.
 */

export type ScaffoldErrorCode =
  | 'TARGET_NOT_EMPTY'
  | 'TARGET_IN_THE_WAY'
  | 'TARGET_NOT_DIRECTORY'
  | 'BAD_KIT'
  | 'BAD_OPTION'
  | 'MISSING_OPTION'
  | 'TEMPLATE_INVALID'
  | 'KIT_NOT_FOUND';

/** A `clusterkit new` input or a template cannot be used; the message says what to do. */
export class ScaffoldError extends Error {
  readonly code: ScaffoldErrorCode;
  constructor(code: ScaffoldErrorCode, message: string) {
    super(message);
    this.name = 'ScaffoldError';
    this.code = code;
  }
}

export type PackageErrorCode =
  'NOT_A_TYPE_PROJECT' | 'NO_LIBRARY' | 'NO_BUNDLE' | 'ZIP_INVALID' | 'TAR_INVALID';

/** `clusterkit package` could not assemble the deployable folder or zip. */
export class PackageError extends Error {
  readonly code: PackageErrorCode;
  constructor(code: PackageErrorCode, message: string) {
    super(message);
    this.name = 'PackageError';
    this.code = code;
  }
}

/** A schema value cannot be represented safely in the generated PowerShell module. */
export class AdminGenError extends Error {
  readonly code = 'ADMIN_UNREPRESENTABLE';
  constructor(message: string) {
    super(message);
    this.name = 'AdminGenError';
  }
}
