/**
 * Errors of the build pipeline. Each has a stable `code`; only the CLI prints them.
 */

/** A build step failed: a bundle, schema, C compile or link error. */
export class BuildError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'BuildError';
    this.code = code;
  }
}

/** A required tool (cmake, a C compiler) is missing or unusable on this machine. */
export class ToolchainError extends Error {
  readonly code = 'TOOLCHAIN_MISSING';
  readonly tool: string;
  constructor(tool: string, message: string) {
    super(message);
    this.name = 'ToolchainError';
    this.tool = tool;
  }
}

/** The cluster resource type name cannot be used. */
export class TypeNameError extends Error {
  readonly code = 'INVALID_TYPE_NAME';
  constructor(message: string) {
    super(message);
    this.name = 'TypeNameError';
  }
}
