/** Frame encoding and stateless decoding (docs/protocol.md "Frame"). */
import {
  HEADER_SIZE,
  KIND_EVENT,
  KIND_REQUEST,
  KIND_RESPONSE,
  MAX_PAYLOAD,
  PROTOCOL_VERSION,
} from './codes.js';

export interface Frame {
  kind: number;
  code: number;
  requestId: number;
  resourceId: number;
  status: number;
  payload: Uint8Array;
}

/** The decoding error names shared with the C codec. */
export type FrameErrorCode =
  'ERR_TOO_SHORT' | 'ERR_TOO_LONG' | 'ERR_VERSION' | 'ERR_KIND' | 'ERR_REQUEST_ID';

/** The stream is broken; `code` is the shared ERR_* name. */
export class FrameError extends Error {
  readonly code: FrameErrorCode;

  constructor(code: FrameErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'FrameError';
    this.code = code;
  }
}

const EMPTY = new Uint8Array(0);

function checkUint(value: number, bits: 8 | 16 | 32, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new RangeError(
      `encodeFrame: ${what} must be an integer 0..${2 ** bits - 1}, got ${value}`,
    );
  }
}

type FrameFields = Omit<Frame, 'payload'> & { payload?: Uint8Array };

/** The encoded size of a frame; throws RangeError for fields out of range or a payload over 1 MiB. */
export function frameSize(frame: FrameFields): number {
  const length = frame.payload?.length ?? 0;
  if (length > MAX_PAYLOAD) {
    throw new RangeError(`encodeFrame: payload of ${length} bytes is over the 1 MiB limit`);
  }
  checkUint(frame.kind, 8, 'kind');
  checkUint(frame.code, 16, 'code');
  checkUint(frame.requestId, 32, 'requestId');
  checkUint(frame.resourceId, 32, 'resourceId');
  checkUint(frame.status, 32, 'status');
  return 4 + HEADER_SIZE + length;
}

/** Writes a frame already checked by frameSize at out[offset]; returns the offset after it. */
export function encodeFrameInto(frame: FrameFields, out: Uint8Array, offset: number): number {
  const length = frame.payload?.length ?? 0;
  const view = new DataView(out.buffer, out.byteOffset + offset, 4 + HEADER_SIZE);
  view.setUint32(0, HEADER_SIZE + length, true);
  view.setUint8(4, PROTOCOL_VERSION);
  view.setUint8(5, frame.kind);
  view.setUint16(6, frame.code, true);
  view.setUint32(8, frame.requestId, true);
  view.setUint32(12, frame.resourceId, true);
  view.setUint32(16, frame.status, true);
  if (length > 0) out.set(frame.payload!, offset + 4 + HEADER_SIZE);
  return offset + 4 + HEADER_SIZE + length;
}

/** Encodes one frame; throws RangeError for fields out of range or a payload over 1 MiB. */
export function encodeFrame(frame: FrameFields): Uint8Array {
  const out = new Uint8Array(frameSize(frame));
  encodeFrameInto(frame, out, 0);
  return out;
}

/**
 * Decodes the frame at the start of `buf`: the frame and the bytes it used, or
 * 'more' when the buffer does not hold a whole frame yet. Throws FrameError.
 */
export function decodeFrame(buf: Uint8Array): { frame: Frame; size: number } | 'more' {
  if (buf.length < 4) return 'more';
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const length = view.getUint32(0, true);
  if (length < HEADER_SIZE)
    throw new FrameError('ERR_TOO_SHORT', `frame length ${length} is below the 16-byte header`);
  if (length > HEADER_SIZE + MAX_PAYLOAD) {
    throw new FrameError(
      'ERR_TOO_LONG',
      `frame length ${length} is over the limit ${HEADER_SIZE + MAX_PAYLOAD}`,
    );
  }
  if (buf.length < 4 + length) return 'more';
  const version = view.getUint8(4);
  if (version !== PROTOCOL_VERSION)
    throw new FrameError('ERR_VERSION', `protocol version ${version}, expected 1`);
  const kind = view.getUint8(5);
  if (kind !== KIND_REQUEST && kind !== KIND_RESPONSE && kind !== KIND_EVENT) {
    throw new FrameError('ERR_KIND', `frame kind ${kind} is not 1, 2 or 3`);
  }
  const requestId = view.getUint32(8, true);
  if (kind === KIND_EVENT ? requestId !== 0 : requestId === 0) {
    throw new FrameError(
      'ERR_REQUEST_ID',
      kind === KIND_EVENT ? 'event with a request id' : 'request or response without a request id',
    );
  }
  const frame: Frame = {
    kind,
    code: view.getUint16(6, true),
    requestId,
    resourceId: view.getUint32(12, true),
    status: view.getUint32(16, true),
    // A copy, never a Buffer view; one shared empty array for the many frames without a payload.
    payload:
      length === HEADER_SIZE ? EMPTY : new Uint8Array(buf.subarray(4 + HEADER_SIZE, 4 + length)),
  };
  return { frame, size: 4 + length };
}
