/**
 * The host's side of the pipe to the library: frames out on the real stdout. The
 * stream is claimed once; afterwards process.stdout.write and console.log/info/debug
 * go to stderr, so stray handler output cannot corrupt the frame stream.
 */
import {
  encodeFrame,
  encodeText,
  Ev,
  KIND_EVENT,
  KIND_RESPONSE,
  type Frame,
} from '../protocol/index.js';

/** LOG text is cut here: the library forwards it as one cluster-log line. */
const MAX_LOG_TEXT = 16 * 1024;

type WriteFn = (chunk: Uint8Array, callback: (err?: Error | null) => void) => boolean;

export class Channel {
  private lastWrite: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly writeRaw: WriteFn) {}

  /** Claims process.stdout for frames and redirects everything else to stderr. */
  static claimStdout(): Channel {
    const stdout = process.stdout;
    const original = stdout.write.bind(stdout) as (
      chunk: Uint8Array,
      cb: (err?: Error | null) => void,
    ) => boolean;
    const toStderr = process.stderr.write.bind(process.stderr);
    stdout.write = toStderr as typeof stdout.write;
    const err = console.error.bind(console);
    console.log = err;
    console.info = err;
    console.debug = err;
    return new Channel(original);
  }

  /** Writes one frame; never throws (a dead pipe is reported by the stream's error event). */
  send(frame: Frame): void {
    if (this.closed) return;
    const bytes = encodeFrame(frame);
    this.lastWrite = new Promise((resolve) => {
      this.writeRaw(bytes, () => resolve());
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

function cut(text: string): string {
  return text.length > MAX_LOG_TEXT ? `${text.slice(0, MAX_LOG_TEXT)}... (cut)` : text;
}
