/** Frame kinds, operation and event codes of docs/protocol.md (version 1). */
import {
  ERROR_INVALID_DATA,
  ERROR_INVALID_FUNCTION,
  ERROR_INVALID_PARAMETER,
  ERROR_OPERATION_ABORTED,
  ERROR_RESOURCE_FAILED,
  ERROR_RESOURCE_NOT_FOUND,
  ERROR_RESOURCE_PROPERTIES_STORED,
  ERROR_SUCCESS,
  LOG_ERROR,
  LOG_INFORMATION,
  LOG_SEVERE,
  LOG_WARNING,
} from '../resapi/index.js';

export const PROTOCOL_VERSION = 1;
export const HEADER_SIZE = 16;
export const MAX_PAYLOAD = 1048576;

export const KIND_REQUEST = 1;
export const KIND_RESPONSE = 2;
export const KIND_EVENT = 3;

/** Requests (library → host); responses reuse the code. */
export const Op = Object.freeze({
  OPEN: 0x10,
  CLOSE: 0x11,
  ONLINE: 0x12,
  OFFLINE: 0x13,
  TERMINATE: 0x14,
  LOOKS_ALIVE: 0x15,
  IS_ALIVE: 0x16,
  CANCEL: 0x17,
  VALIDATE: 0x18,
  CONTROL: 0x19,
  SET_NAME: 0x1a,
  PING: 0x1b,
  SHUTDOWN: 0x1c,
  PROPERTIES: 0x1d,
});

/** Events (host → library). */
export const Ev = Object.freeze({
  HELLO: 0x01,
  LOG: 0x02,
  PROGRESS: 0x03,
  FAILED: 0x04,
  PUBLISH: 0x05,
  SPAWNED: 0x06,
  EXITED: 0x07,
});

/** LOG event levels (the frame's status field): the LOG_LEVEL values of LogEvent. */
export const LogLevel = Object.freeze({
  INFO: LOG_INFORMATION,
  WARNING: LOG_WARNING,
  ERROR: LOG_ERROR,
  SEVERE: LOG_SEVERE,
});

/** The Win32 status values the host answers with. */
export const Status = Object.freeze({
  SUCCESS: ERROR_SUCCESS,
  INVALID_FUNCTION: ERROR_INVALID_FUNCTION,
  INVALID_DATA: ERROR_INVALID_DATA,
  INVALID_PARAMETER: ERROR_INVALID_PARAMETER,
  OPERATION_ABORTED: ERROR_OPERATION_ABORTED,
  RESOURCE_NOT_FOUND: ERROR_RESOURCE_NOT_FOUND,
  RESOURCE_FAILED: ERROR_RESOURCE_FAILED,
  /** PROPERTIES: stored, applies at the next online. */
  RESOURCE_PROPERTIES_STORED: ERROR_RESOURCE_PROPERTIES_STORED,
});

const OP_NAMES = new Map<number, string>(Object.entries(Op).map(([k, v]) => [v, k]));

/** The name of an operation code, for log lines. */
export function opName(code: number): string {
  return OP_NAMES.get(code) ?? `op 0x${code.toString(16)}`;
}
