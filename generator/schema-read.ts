/**
 * Reads the schema from a built bundle: `node <bundle> --clusterkit-schema` prints it as one
 * JSON line (docs/schema.md). Checks it with the SDK's rules and hashes it with the SDK's own
 * function, so the library and the host agree on the hash.
 */
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { SchemaError } from '../src/bundle/sdk/errors.js';
import { checkSchemaJson } from '../src/bundle/sdk/schema-json.js';
import { schemaHash, type Schema } from '../src/bundle/sdk/schema.js';
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

export async function readSchema(bundle: string): Promise<SchemaRead> {
  const stdout = await runSchemaMode(bundle);
  const line = stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .pop();
  if (line === undefined) {
    throw new BuildError(
      'SCHEMA_MISSING',
      `${bundle} printed no schema: the handler's default export is not a defineResourceType(...) result ` +
        '(export default defineResourceType({...}))',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new BuildError(
      'SCHEMA_INVALID',
      `${bundle} printed ${JSON.stringify(line.slice(0, 120))} instead of a JSON schema: ` +
        "the handler's default export must be a defineResourceType(...) result",
    );
  }
  const schema = checkSchema(parsed);
  return { schema, schemaHash: schemaHash(schema) };
}

function runSchemaMode(bundle: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [bundle, '--clusterkit-schema'];
    const options = {
      cwd: dirname(bundle),
      timeout: TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      encoding: 'utf8' as const,
    };
    execFile(process.execPath, args, options, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: number | string | null };
      if (e.killed) {
        return reject(
          new BuildError(
            'SCHEMA_TIMEOUT',
            `${bundle} did not print its schema within ${TIMEOUT_MS / 1000} s: ` +
              "the handler's top-level code must not wait for anything (start work in online)",
          ),
        );
      }
      const tail = stderr.trim().split('\n').slice(-8).join('\n');
      reject(
        new BuildError(
          'SCHEMA_FAILED',
          `loading the handler to read its schema failed (exit code ${e.code}):\n${tail || e.message}`,
        ),
      );
    });
  });
}
