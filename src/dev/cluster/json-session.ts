import { createInterface } from 'node:readline';
import type { LocalCluster } from './cluster.js';
import { runJsonRequest } from './json-requests.js';
import { runSessionCommand } from './session.js';

/**
 * `--json`: every event as one JSON object per line on `output`; commands (one per line, e.g.
 * "kill-app Echo1", "quit", or a JSON object: json-requests.ts) from `input`. Results are
 * events too: {"kind":"command",...}, with the request's "id" for object commands.
 * Resolves on "quit", end of input (unless `keepOnEof`), or `stop()`.
 */
export function runJsonSession(
  c: LocalCluster,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; keepOnEof?: boolean },
): { done: Promise<void>; stop: () => void } {
  let stop = () => undefined as void;
  const done = new Promise<void>((resolve) => {
    const write = (o: unknown) => io.output.write(`${JSON.stringify(o)}\n`);
    const onEvent = (e: unknown) => write(e);
    c.events.on('event', onEvent);
    const rl = createInterface({ input: io.input });
    let finished = false;
    stop = () => {
      if (finished) return;
      finished = true;
      c.events.off('event', onEvent);
      rl.close();
      resolve();
    };
    rl.on('line', (line) => {
      const cmd = line.trim();
      if (!cmd) return;
      if (cmd === 'quit') return stop();
      if (cmd.startsWith('{')) {
        runJsonRequest(c, cmd).then((answer) =>
          write({ kind: 'command', ...answer, at: new Date().toISOString() }),
        );
        return;
      }
      runSessionCommand(c, cmd).then(
        (result) =>
          write({ kind: 'command', command: cmd, ok: true, result, at: new Date().toISOString() }),
        (e: Error) =>
          write({
            kind: 'command',
            command: cmd,
            ok: false,
            error: e.message,
            at: new Date().toISOString(),
          }),
      );
    });
    rl.on('close', () => {
      if (!io.keepOnEof) stop();
    });
  });
  return { done, stop };
}
