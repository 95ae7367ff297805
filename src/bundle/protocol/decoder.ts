/** Streaming frame decoder: push chunks as they arrive, take whole frames out. */
import { decodeFrame, FrameError, type Frame } from './frame.js';

export class FrameDecoder {
  private buffer: Uint8Array = new Uint8Array(0);
  private broken: FrameError | undefined;

  /**
   * Adds bytes and returns every frame now complete; throws FrameError on a broken
   * stream (frames before the fault in the same chunk are dropped: the stream is dead).
   */
  push(chunk: Uint8Array): Frame[] {
    if (this.broken) throw this.broken;
    this.buffer = this.buffer.length === 0 ? chunk : concat(this.buffer, chunk);
    const frames: Frame[] = [];
    let offset = 0;
    try {
      for (;;) {
        const result = decodeFrame(this.buffer.subarray(offset));
        if (result === 'more') break;
        frames.push(result.frame);
        offset += result.size;
      }
    } catch (err) {
      if (err instanceof FrameError) this.broken = err;
      throw err;
    }
    this.buffer =
      offset === this.buffer.length
        ? new Uint8Array(0)
        : new Uint8Array(this.buffer.subarray(offset));
    return frames;
  }

  /** Bytes received but not yet part of a whole frame. */
  get pending(): number {
    return this.buffer.length;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
