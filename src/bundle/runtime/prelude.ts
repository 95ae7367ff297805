/**
 * The first module of every bundle (generator/bundle.ts imports it before the handler):
 * it runs before the handler module's top-level code. It claims stdout for the runtime, and
 * when the build runs the bundle for its schema, it reports an error thrown while the handler
 * module loads (a schema rule defineResourceType refuses, a missing module) as one line the
 * build can read (SCHEMA_ERROR_PREFIX + JSON), instead of a stack trace.
 */
import { claimStdout } from './claim-stdout.js';
import { SCHEMA_ERROR_PREFIX, SCHEMA_FLAG } from './host-arguments.js';

claimStdout();

if (process.argv.slice(2).includes(SCHEMA_FLAG)) {
  const report = (err: unknown): void => {
    const e = err as { name?: unknown; code?: unknown; message?: unknown } | null;
    const line = {
      name: typeof e?.name === 'string' ? e.name : 'Error',
      code: typeof e?.code === 'string' ? e.code : undefined,
      message: typeof e?.message === 'string' ? e.message : String(err),
    };
    process.stderr.write(`${SCHEMA_ERROR_PREFIX}${JSON.stringify(line)}\n`, () => process.exit(1));
  };
  process.once('uncaughtException', report);
  process.once('unhandledRejection', report);
}
