/**
 * The host's side of the connection to its caller: frames out through one writer (the
 * real stdout for the library's pipes, the current socket connection for OCF). stdout is
 * claimed once (claim-stdout.ts, before the handler module runs); afterwards
 * process.stdout.write and console.log/info/debug go to stderr, so stray handler output
 * cannot corrupt the frame stream. With no writer attached, LOG
 * events go to stderr as text and other frames are dropped (nobody is waiting for them).
 */
import {
  encodeFrame,
  encodeText,
  Ev,
  KIND_EVENT,
  KIND_RESPONSE,
  type Frame,
} from '../protocol/index.js';
import { claimStdout } from './claim-stdout.js';

/** LOG text is cut here: the library forwards it as one cluster-log line. */
const MAX_LOG_TEXT = 16 * 1024;

type WriteFn = (chunk: Uint8Array, callback: (err?: Error | null) => void) => boolean;

export class Channel {
  private lastWrite: Promise<void> = Promise.resolve();
  private closed = false;
  /** Sees every event before it is sent or dropped (the OCF transport reacts to FAILED). */
  onEvent: (code: number, resourceId: number, payload: Uint8Array) => void = () => {};

  constructor(private writeRaw?: WriteFn) {}

  /** Frames go to `writer` from now on. */
  attach(writer: WriteFn): void {
    this.writeRaw = writer;
  }

  /** No caller is connected: see the class comment. */
  detach(): void {
    this.writeRaw = undefined;
  }

  /** A channel on the claimed stdout (claim-stdout.ts); everything else goes to stderr. */
  static claimStdout(): Channel {
    return new Channel(claimStdout());
  }

  /** Writes one frame; never throws (a dead pipe is reported by the stream's error event). */
  send(frame: Frame): void {
    if (this.closed) return;
    const write = this.writeRaw;
    if (!write) return unsent(frame);
    const bytes = encodeFrame(frame);
    this.lastWrite = new Promise((resolve) => {
      write(bytes, () => resolve());
    });
  }

  respond(request: Frame, status: number, payload: Uint8Array = new Uint8Array(0)): void {
    this.send({
      kind: KIND_RESPONSE,
      code: request.code,
      requestId: request.requestId,
      resourceId: request.resourceId,
      status,
      payload,
    });
  }

  /** Responds with a non-zero status and a text message. */
  reject(request: Frame, status: number, message: string): void {
    this.respond(request, status, encodeText(cut(message)));
  }

  event(
    code: number,
    resourceId: number,
    payload: Uint8Array = new Uint8Array(0),
    status = 0,
  ): void {
    this.onEvent(code, resourceId, payload);
    this.send({ kind: KIND_EVENT, code, requestId: 0, resourceId, status, payload });
  }

  log(resourceId: number, level: number, text: string): void {
    this.event(Ev.LOG, resourceId, encodeText(cut(text)), level);
  }

  /** Resolves once every frame written so far has been handed to the OS. */
  flush(): Promise<void> {
    return this.lastWrite;
  }

  /** Stops sending (the library is gone). */
  close(): void {
    this.closed = true;
  }
}

const LEVEL_NAMES = ['INFO', 'WARN', 'ERR', 'SEVERE'];

function unsent(frame: Frame): void {
  if (frame.kind !== KIND_EVENT || frame.code !== Ev.LOG) return;
  const level = LEVEL_NAMES[frame.status] ?? String(frame.status);
  const text = Buffer.from(frame.payload).toString('utf8');
  process.stderr.write(`${new Date().toISOString()} ${level} [${frame.resourceId}] ${text}\n`);
}

function cut(text: string): string {
  return text.length > MAX_LOG_TEXT ? `${text.slice(0, MAX_LOG_TEXT)}... (cut)` : text;
}
