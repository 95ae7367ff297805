/*
 * The schema of a built handler, read from its bundle (`node <bundle> --clusterkit-schema`
 * prints it on one line, docs/schema.md) when ResourceMonitor.load() is not given one, so
 * property kinds are exact: a bool reads back as a boolean, not as the DWORD it is stored as.
 */
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { checkSchemaJson } from '../../bundle/sdk/schema-json.js';
import type { Schema } from '../../bundle/sdk/schema.js';
import { BundleSchemaError } from './errors.js';

const TIMEOUT_MS = 15_000;

export function readBundleSchema(bundle: string): Promise<Schema> {
  return new Promise((resolve, reject) => {
    const options = {
      cwd: dirname(bundle),
      timeout: TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
      encoding: 'utf8' as const,
    };
    execFile(process.execPath, [bundle, '--clusterkit-schema'], options, (err, stdout, stderr) => {
      if (err) {
        // One line: the error the bundle threw, else how it ended.
        const lines = stderr.split('\n').map((l) => l.trim());
        const thrown = lines.find((l) => /^\w*Error\b.*:/.test(l));
        const code = (err as { code?: unknown }).code;
        const ended = typeof code === 'number' ? `it exited with code ${code}` : err.message;
        return reject(new BundleSchemaError(bundle, thrown ?? ended.split('\n')[0]));
      }
      const line = stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .pop();
      try {
        resolve(checkSchemaJson(JSON.parse(line ?? '')));
      } catch (e) {
        reject(
          new BundleSchemaError(bundle, `it printed no valid schema (${(e as Error).message})`),
        );
      }
    });
  });
}
