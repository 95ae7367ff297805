/**
 * The library's transport: request frames on stdin, answers and events on stdout, both
 * anonymous pipes the library created. The host lives exactly as long as its stdin.
 */
import { FrameDecoder, FrameError, LogLevel } from '../protocol/index.js';
import type { ResourceTypeDefinition } from '../sdk/define.js';
import { Channel } from './channel.js';
import { EXIT_BROKEN_STREAM, Host } from './host.js';

export function servePipes(def: ResourceTypeDefinition): void {
  const channel = Channel.claimStdout();
  const host = new Host(def, channel);
  const decoder = new FrameDecoder();
  host.hello();
  host.guardProcess();
  process.stdout.on('error', () => void host.exit(0));
  process.stdin.on('data', (chunk: Buffer) => {
    if (host.isExiting) return;
    try {
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (const frame of decoder.push(bytes)) void host.dispatch(frame);
    } catch (err) {
      const why = err instanceof FrameError ? err.message : String(err);
      channel.log(
        0,
        LogLevel.SEVERE,
        `handler host: broken frame stream from the library (${why}); exiting`,
      );
      void host.exit(EXIT_BROKEN_STREAM);
    }
  });
  process.stdin.on('end', () => void host.exit(0));
  process.stdin.on('error', () => void host.exit(0));
}
