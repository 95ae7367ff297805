/** Error codes of the property-list codec, with the Win32 error each maps to. */
export type ClusPropErrorCode = 'INVALID_DATA' | 'INVALID_PARAMETER';

const WIN32: Record<ClusPropErrorCode, number> = {
  INVALID_DATA: 13, // ERROR_INVALID_DATA: the bytes are not a well-formed property list
  INVALID_PARAMETER: 87, // ERROR_INVALID_PARAMETER: well-formed, but a value is wrong
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

/** Structural fault in a property list (Win32 13). */
export function invalidData(message: string): ClusPropError {
  return new ClusPropError('INVALID_DATA', message);
}

/** A value out of range or of the wrong kind (Win32 87). */
export function invalidParameter(message: string): ClusPropError {
  return new ClusPropError('INVALID_PARAMETER', message);
}
