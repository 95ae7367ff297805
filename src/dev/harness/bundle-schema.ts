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
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        return reject(new BundleSchemaError(bundle, tail || err.message));
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
