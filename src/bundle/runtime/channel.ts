/**
 * The host's side of the connection to its caller: frames out through one writer (the
 * real stdout for the library's pipes, the current socket connection for OCF). stdout is
 * claimed once (claim-stdout.ts, before the handler module runs); afterwards
 * process.stdout.write and console.log/info/debug go to stderr, so stray handler output
 * cannot corrupt the frame stream. With no writer attached, LOG
 * events go to stderr as text and other frames are dropped (nobody is waiting for them).
 *
 * Frames are not written one by one: every frame sent while the event loop runs its
 * callbacks is written with the others in one write, at the end of that turn (setImmediate),
 * so a burst of answers costs the library one wake-up and the host one system call.
 */
import {
  decodeText,
  encodeFrameInto,
  encodeText,
  Ev,
  KIND_EVENT,
  KIND_RESPONSE,
  frameSize,
  type Frame,
} from '../protocol/index.js';
import { claimStdout } from './claim-stdout.js';

/** LOG text is cut here: the library forwards it as one cluster-log line. */
const MAX_LOG_TEXT = 16 * 1024;

type WriteFn = (chunk: Uint8Array, callback: (err?: Error | null) => void) => boolean;

export class Channel {
  private lastWrite: Promise<void> = Promise.resolve();
  /** Frames waiting for the end of this turn of the event loop, and their encoded size. */
  private queued: Frame[] = [];
  private queuedBytes = 0;
  private flushScheduled = false;
  private readonly flushQueued = (): void => this.writeQueued();
  /** The writer each request came in on, when the transport said (see `received`). */
  private readonly origins = new WeakMap<Frame, WriteFn | undefined>();
  /** Sees every event before it is sent or dropped (the OCF transport reacts to FAILED). */
  onEvent: (code: number, resourceId: number, payload: Uint8Array) => void = () => {};

  constructor(private writeRaw?: WriteFn) {}

  /** Frames go to `writer` from now on (what is queued goes to the previous one first). */
  attach(writer: WriteFn): void {
    this.writeQueued();
    this.writeRaw = writer;
  }

  /** No caller is connected: see the class comment. */
  detach(): void {
    this.writeQueued();
    this.writeRaw = undefined;
  }

  /** A channel on the claimed stdout (claim-stdout.ts); everything else goes to stderr. */
  static claimStdout(): Channel {
    return new Channel(claimStdout());
  }

  /**
   * Queues one frame for this turn's write. Throws RangeError for a frame that cannot be
   * encoded (a payload over 1 MiB), before anything is queued; a dead pipe is reported by
   * the stream's error event.
   */
  send(frame: Frame): void {
    if (!this.writeRaw) return unsent(frame);
    this.queuedBytes += frameSize(frame);
    this.queued.push(frame);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(this.flushQueued);
    }
  }

  /** Writes every queued frame in one write. */
  private writeQueued(): void {
    this.flushScheduled = false;
    const frames = this.queued;
    if (frames.length === 0) return;
    const out = new Uint8Array(this.queuedBytes);
    this.queued = [];
    this.queuedBytes = 0;
    const write = this.writeRaw;
    if (!write) return;
    let offset = 0;
    for (const frame of frames) offset = encodeFrameInto(frame, out, offset);
    this.lastWrite = new Promise((resolve) => {
      write(out, () => resolve());
    });
  }

  /**
   * A request came in on the writer attached now. A transport whose callers come and go (the
   * OCF socket) says so for each request: its response is then sent only while that
   * connection is attached, never to a later caller, which numbers its requests from 1 again
   * and would take it for the answer to its own request of the same id.
   */
  received(request: Frame): void {
    this.origins.set(request, this.writeRaw);
  }

  respond(request: Frame, status: number, payload: Uint8Array = new Uint8Array(0)): void {
    if (this.origins.has(request) && this.origins.get(request) !== this.writeRaw) return;
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

  /** Writes what is queued; resolves once every frame sent so far has been handed to the OS. */
  flush(): Promise<void> {
    this.writeQueued();
    return this.lastWrite;
  }
}

const LEVEL_NAMES = ['INFO', 'WARN', 'ERR', 'SEVERE'];

function unsent(frame: Frame): void {
  if (frame.kind !== KIND_EVENT || frame.code !== Ev.LOG) return;
  const level = LEVEL_NAMES[frame.status] ?? String(frame.status);
  const text = decodeText(frame.payload);
  process.stderr.write(`${new Date().toISOString()} ${level} [${frame.resourceId}] ${text}\n`);
}

function cut(text: string): string {
  return text.length > MAX_LOG_TEXT ? `${text.slice(0, MAX_LOG_TEXT)}... (cut)` : text;
}
