/**
 * The host's stdout belongs to the runtime (frames for the library, the schema line for the
 * build). Once claimed, process.stdout.write and console.log/info/debug go to stderr. The
 * bundle's prelude (prelude.ts) claims it before the handler module runs, so a handler that
 * prints at its top level cannot break the frame stream.
 */

/** Writes raw bytes to the real stdout. */
export type StdoutWrite = (
  chunk: Uint8Array | string,
  callback: (err?: Error | null) => void,
) => boolean;

const KEY = Symbol.for('clusterkit.claimedStdout');
type Holder = { [KEY]?: StdoutWrite };

/** Claims stdout once per process (a second copy of the runtime finds the first claim). */
export function claimStdout(): StdoutWrite {
  const holder = globalThis as Holder;
  const claimed = holder[KEY];
  if (claimed) return claimed;
  const stdout = process.stdout;
  const original = stdout.write.bind(stdout) as StdoutWrite;
  stdout.write = process.stderr.write.bind(process.stderr) as typeof stdout.write;
  const err = console.error.bind(console);
  console.log = err;
  console.info = err;
  console.debug = err;
  holder[KEY] = original;
  return original;
}
