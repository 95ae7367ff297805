/**
 * Win32 error codes at the RHS boundary (winerror.h), mirroring the CK_ERROR_* macros of
 * native/include/ck_resapi.h (the C names carry a CK_ prefix so they never clash with
 * windows.h). test/c-mirror.test.ts compares every value with the header.
 */
export const ERROR_SUCCESS = 0;
export const ERROR_INVALID_FUNCTION = 1;
export const ERROR_FILE_NOT_FOUND = 2;
export const ERROR_INVALID_HANDLE = 6;
export const ERROR_NOT_ENOUGH_MEMORY = 8;
export const ERROR_INVALID_DATA = 13;
export const ERROR_OUTOFMEMORY = 14;
export const ERROR_NOT_SUPPORTED = 50;
export const ERROR_INVALID_PARAMETER = 87;
export const ERROR_INSUFFICIENT_BUFFER = 122;
export const ERROR_BAD_ARGUMENTS = 160;
export const ERROR_ALREADY_EXISTS = 183;
export const ERROR_MORE_DATA = 234;
export const ERROR_TIMEOUT = 1460;
export const ERROR_IO_PENDING = 997;
export const ERROR_OPERATION_ABORTED = 995;
export const ERROR_REVISION_MISMATCH = 1306;
export const ERROR_GEN_FAILURE = 31;
export const ERROR_PROCESS_ABORTED = 1067;
export const ERROR_DEPENDENCY_NOT_FOUND = 5002;
export const ERROR_RESOURCE_NOT_ONLINE = 5004;
export const ERROR_RESOURCE_NOT_AVAILABLE = 5006;
export const ERROR_RESOURCE_NOT_FOUND = 5007;
export const ERROR_OBJECT_ALREADY_EXISTS = 5010;
export const ERROR_RESOURCE_PROPERTIES_STORED = 5024;
export const ERROR_RESOURCE_FAILED = 5038;
export const ERROR_CLUSTER_INVALID_REQUEST = 5048;
export const ERROR_CLUSTER_RESNAME_NOT_FOUND = 5080;
export const ERROR_RESOURCE_CALL_TIMED_OUT = 5910;

/** The largest Win32 error number a DWORD can carry. */
const MAX_WIN32_ERROR = 0xffffffff;

/** True for a number that can be reported to RHS as a failure (1..0xFFFFFFFF). */
export function isWin32Failure(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_WIN32_ERROR;
}
