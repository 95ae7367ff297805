/** The DLL ⇄ host frame codec (mirror of native/src/protocol/frame.c). */
export {
  Ev,
  HEADER_SIZE,
  KIND_EVENT,
  KIND_REQUEST,
  KIND_RESPONSE,
  LogLevel,
  MAX_PAYLOAD,
  Op,
  opName,
  PROTOCOL_VERSION,
  Status,
} from './codes.js';
export { decodeFrame, encodeFrame, encodeFrameInto, FrameError, frameSize } from './frame.js';
export type { Frame, FrameErrorCode } from './frame.js';
export { FrameDecoder } from './decoder.js';
export {
  controlFunction,
  decodeControl,
  decodeExited,
  decodeHello,
  decodeOnlyStr,
  decodeSpawned,
  decodeStr,
  decodeText,
  encodeControl,
  encodeExited,
  encodeHello,
  encodeSpawned,
  encodeStr,
  encodeText,
  PayloadError,
} from './payloads.js';
export type { Hello } from './payloads.js';
