import { ERROR_RESOURCE_FAILED, isWin32Failure } from '../resapi/index.js';

/**
 * Thrown by handlers to fail an operation. `win32` (optional) is the Win32 error
 * code the library reports to RHS instead of ERROR_RESOURCE_FAILED (5038).
 */
export class ResourceError extends Error {
  readonly code = 'RESOURCE_ERROR';
  readonly win32: number;

  constructor(message: string, win32: number = ERROR_RESOURCE_FAILED) {
    super(message);
    this.name = 'ResourceError';
    if (!isWin32Failure(win32)) {
      throw new TypeError(
        `ResourceError: win32 must be a Win32 error number (1..4294967295), got ${win32}`,
      );
    }
    this.win32 = win32;
  }
}

/** Stable codes of schema problems found by defineResourceType. */
export type SchemaErrorCode =
  | 'BAD_TYPE_NAME'
  | 'BAD_PROPERTY_NAME'
  | 'DUPLICATE_PROPERTY'
  | 'BAD_PROPERTY'
  | 'BAD_DEFAULT'
  | 'BAD_RANGE'
  | 'REQUIRED_WITH_DEFAULT'
  | 'READ_ONLY_REQUIRED'
  | 'BAD_CONTROL'
  | 'BAD_TIMEOUT'
  | 'BAD_OPTION'
  | 'MISSING_HANDLER';

/** The resource type definition is not valid; the message names the culprit and the fix. */
export class SchemaError extends Error {
  readonly code: SchemaErrorCode;

  constructor(code: SchemaErrorCode, message: string) {
    super(message);
    this.name = 'SchemaError';
    this.code = code;
  }
}
