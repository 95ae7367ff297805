/*
 * Persistence of the in-memory cluster database: one JSON file, replaced atomically on
 * every change (temp file in the same directory, fsync, rename, fsync of the directory),
 * so a crash in the middle of a save leaves the previous complete file in place.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatabaseFileError } from './errors.js';

export interface StoredValue {
  type: number;
  data: Uint8Array;
}

export interface NamedValue extends StoredValue {
  /** The spelling the value was created with. */
  name: string;
}

/** key path → lower-case value name → value (names are case-insensitive) */
export type DatabaseContents = Map<string, Map<string, NamedValue>>;

const FORMAT = 'clusterkit-cluster-database';
const VERSION = 1;

interface FileShape {
  format: string;
  version: number;
  keys: Record<string, Record<string, { type: number; data: string }>>;
}

/** Reads a database file; a missing file is an empty database, anything unreadable is refused. */
export function readDatabaseFile(file: string): DatabaseContents {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new DatabaseFileError(file, `it cannot be read (${(err as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new DatabaseFileError(file, `it is not valid JSON (${(err as Error).message})`);
  }
  return fromShape(file, parsed);
}

function fromShape(file: string, parsed: unknown): DatabaseContents {
  const shape = parsed as Partial<FileShape> | null;
  if (!shape || typeof shape !== 'object' || shape.format !== FORMAT) {
    throw new DatabaseFileError(file, `it is not a ${FORMAT} file`);
  }
  if (shape.version !== VERSION) {
    throw new DatabaseFileError(
      file,
      `its version ${String(shape.version)} is not the supported version ${VERSION}`,
    );
  }
  if (!shape.keys || typeof shape.keys !== 'object')
    throw new DatabaseFileError(file, 'it has no "keys" object');
  const out: DatabaseContents = new Map();
  for (const [keyPath, values] of Object.entries(shape.keys)) {
    if (!values || typeof values !== 'object')
      throw new DatabaseFileError(file, `key "${keyPath}" is not an object`);
    const map = new Map<string, NamedValue>();
    for (const [name, v] of Object.entries(values)) {
      const ok =
        v &&
        Number.isInteger(v.type) &&
        v.type >= 0 &&
        typeof v.data === 'string' &&
        /^[A-Za-z0-9+/]*={0,2}$/.test(v.data);
      if (!ok)
        throw new DatabaseFileError(file, `value "${name}" of key "${keyPath}" is malformed`);
      if (map.has(name.toLowerCase()))
        throw new DatabaseFileError(file, `value "${name}" of key "${keyPath}" appears twice`);
      map.set(name.toLowerCase(), {
        name,
        type: v.type,
        data: new Uint8Array(Buffer.from(v.data, 'base64')),
      });
    }
    out.set(keyPath, map);
  }
  return out;
}

function toShape(contents: DatabaseContents): FileShape {
  const keys: FileShape['keys'] = {};
  for (const [keyPath, values] of contents) {
    keys[keyPath] = {};
    for (const v of values.values())
      keys[keyPath][v.name] = { type: v.type, data: Buffer.from(v.data).toString('base64') };
  }
  return { format: FORMAT, version: VERSION, keys };
}

let tempCounter = 0;

/** Replaces the file atomically with the given contents. */
export function writeDatabaseFile(file: string, contents: DatabaseContents): void {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++tempCounter}.tmp`);
  const bytes = Buffer.from(JSON.stringify(toShape(contents), null, 1) + '\n', 'utf8');
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, file);
  // The rename is durable only once the directory entry itself is on disk.
  const dfd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dfd);
  } finally {
    fs.closeSync(dfd);
  }
}
