/**
 * Reads the schema from a built bundle: `node <bundle> --clusterkit-schema` prints it as one
 * JSON line (docs/schema.md), or one error line when the handler module fails to load. Checks it with the SDK's rules and hashes it with the SDK's own
 * function, so the library and the host agree on the hash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { SchemaError } from '../src/bundle/sdk/errors.js';
import { checkSchemaJson } from '../src/bundle/sdk/schema-json.js';
import { schemaHash, type Schema } from '../src/bundle/sdk/schema.js';
import { SCHEMA_ERROR_PREFIX, SCHEMA_FLAG } from '../src/bundle/runtime/host-arguments.js';
import { BuildError } from './errors.js';

const TIMEOUT_MS = 15_000;

export interface SchemaRead {
  schema: Schema;
  schemaHash: string;
}

/**
 * The printed schema checked by the SDK's own rules (the JSON door of src/bundle/sdk), so a
 * name or value that defineResourceType refuses is refused here too, and the other way round.
 */
export function checkSchema(value: unknown): Schema {
  try {
    return checkSchemaJson(value);
  } catch (err) {
    if (!(err instanceof SchemaError)) throw err;
    throw new BuildError('SCHEMA_INVALID', `the handler's schema is not valid: ${err.message}`);
  }
}

export interface ReadSchemaOptions {
  /** How long the bundle may take to print its schema (default 15 s). */
  timeoutMs?: number;
  /** How to name the handler in errors (the probe file is temporary). */
  handlerName?: string;
}

export async function readSchema(
  bundle: string,
  options: ReadSchemaOptions = {},
): Promise<SchemaRead> {
  const name = options.handlerName ?? bundle;
  const stdout = await runSchemaMode(bundle, name, options.timeoutMs ?? TIMEOUT_MS);
  const line = stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .pop();
  if (line === undefined) {
    throw new BuildError(
      'SCHEMA_MISSING',
      `${name} printed no schema: the handler's default export is not a defineResourceType(...) result ` +
        '(export default defineResourceType({...}))',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new BuildError(
      'SCHEMA_INVALID',
      `${name} printed ${JSON.stringify(line.slice(0, 120))} instead of a JSON schema: ` +
        "the handler's default export must be a defineResourceType(...) result",
    );
  }
  const schema = checkSchema(parsed);
  return { schema, schemaHash: schemaHash(schema) };
}

/** After the deadline: SIGTERM, then SIGKILL this much later if the probe is still there. */
const KILL_GRACE_MS = 2000;

/**
 * Runs the bundle in schema mode in its own process group. At the deadline the whole group
 * gets SIGTERM and, after a grace period, SIGKILL: a handler that ignores SIGTERM and never
 * finishes its top-level await cannot keep the build waiting, nor outlive it.
 */
function runSchemaMode(bundle: string, name: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, SCHEMA_FLAG], {
      cwd: dirname(bundle),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const keep = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT) into.push(chunk);
    };
    child.stdout.on('data', keep(out));
    child.stderr.on('data', keep(err));
    let timedOut = false;
    let kill: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => {
      timedOut = true;
      signalTree(child, 'SIGTERM');
      kill = setTimeout(() => signalTree(child, 'SIGKILL'), KILL_GRACE_MS);
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(deadline);
      reject(
        new BuildError(
          'SCHEMA_FAILED',
          `cannot run node to read the schema of ${name}: ${e.message}`,
        ),
      );
    });
    child.once('close', (code, signal) => {
      clearTimeout(deadline);
      if (kill) clearTimeout(kill);
      // Whatever the probe started goes with it.
      signalTree(child, 'SIGKILL');
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) {
        return reject(
          new BuildError(
            'SCHEMA_TIMEOUT',
            `${name} did not print its schema within ${timeoutMs / 1000} s: ` +
              "the handler's top-level code must not wait for anything (start work in online)",
          ),
        );
      }
      if (code === 0) return resolve(stdout);
      reject(loadError(name, stderr, code, signal));
    });
  });
}

const MAX_OUTPUT = 16 * 1024 * 1024;

function signalTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * One line saying what went wrong while the handler module loaded: the runtime's prelude
 * reports the error itself (SCHEMA_ERROR_PREFIX); otherwise the error line of Node's report.
 */
function loadError(
  name: string,
  stderr: string,
  code: number | null,
  signal: NodeJS.Signals | null,
): BuildError {
  const lines = stderr.split(/\r?\n/);
  const reported = lines.find((l) => l.startsWith(SCHEMA_ERROR_PREFIX));
  if (reported) {
    let e: { name?: string; code?: string; message?: string } = {};
    try {
      e = JSON.parse(reported.slice(SCHEMA_ERROR_PREFIX.length)) as typeof e;
    } catch {
      e = { message: reported.slice(SCHEMA_ERROR_PREFIX.length) };
    }
    if (e.name === 'SchemaError')
      return new BuildError('SCHEMA_INVALID', `${name}: ${oneLine(e.message ?? '')}`);
    return new BuildError(
      'SCHEMA_FAILED',
      `${name} failed to load: ${e.name ?? 'Error'}: ${oneLine(e.message ?? '')}`,
    );
  }
  // The runtime's own refusal ("clusterkit: ..."), else the error line of Node's report.
  const errorLine =
    lines.find((l) => l.startsWith('clusterkit')) ??
    lines.find((l) => /^[A-Za-z_$][\w$]*(Error|Exception)\b.*: /.test(l));
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return new BuildError(
    'SCHEMA_FAILED',
    `${name} failed to load (node ${how})${errorLine ? `: ${oneLine(errorLine)}` : ''}`,
  );
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
