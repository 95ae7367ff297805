/** Error codes of the property-list codec, with the Win32 error each maps to. */
import { ERROR_INVALID_DATA, ERROR_INVALID_PARAMETER } from '../resapi/index.js';

export type ClusPropErrorCode = 'INVALID_DATA' | 'INVALID_PARAMETER';

const WIN32: Record<ClusPropErrorCode, number> = {
  // The bytes are not a well-formed property list.
  INVALID_DATA: ERROR_INVALID_DATA,
  // Well-formed, but a value is wrong.
  INVALID_PARAMETER: ERROR_INVALID_PARAMETER,
};

/** Thrown by the codec: `code` is stable, `win32` is the matching Win32 error number. */
export class ClusPropError extends Error {
  readonly code: ClusPropErrorCode;
  readonly win32: number;

  constructor(code: ClusPropErrorCode, message: string) {
    super(message);
    this.name = 'ClusPropError';
    this.code = code;
    this.win32 = WIN32[code];
  }
}

/** Structural fault in a property list (ERROR_INVALID_DATA). */
export function invalidData(message: string): ClusPropError {
  return new ClusPropError('INVALID_DATA', message);
}

/** A value out of range or of the wrong kind (ERROR_INVALID_PARAMETER). */
export function invalidParameter(message: string): ClusPropError {
  return new ClusPropError('INVALID_PARAMETER', message);
}
