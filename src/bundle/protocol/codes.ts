/** Frame kinds, operation and event codes of docs/protocol.md (version 1). */

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

/** LOG event levels (the frame's status field). */
export const LogLevel = Object.freeze({ INFO: 0, WARNING: 1, ERROR: 2, SEVERE: 3 });

/** Win32 status values the host answers with. */
export const Status = Object.freeze({
  SUCCESS: 0,
  INVALID_FUNCTION: 1,
  INVALID_DATA: 13,
  INVALID_PARAMETER: 87,
  OPERATION_ABORTED: 995,
  RESOURCE_NOT_FOUND: 5007,
  RESOURCE_FAILED: 5038,
});

const OP_NAMES = new Map<number, string>(Object.entries(Op).map(([k, v]) => [v, k]));

/** The name of an operation code, for log lines. */
export function opName(code: number): string {
  return OP_NAMES.get(code) ?? `op 0x${code.toString(16)}`;
}
