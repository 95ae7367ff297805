/**
 * Imported first by every bundle entry (generator/bundle.ts), before the handler module runs:
 * from here on process.stdout.write and console.log/info/debug go to stderr, and only the
 * runtime writes to the real stdout (frames for the library, the schema line for the build).
 * A handler that prints at its top level can therefore not break the frame stream.
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

claimStdout();
