/*
 * The cluster database the harness provides to the library (ck_host_services db_query,
 * db_set, db_delete): keys hold values by case-insensitive name (the original spelling is
 * kept), each value is { type: REG_*, data }. One key per resource, one for the type.
 */
import {
  ERROR_FILE_NOT_FOUND,
  ERROR_INVALID_HANDLE,
  ERROR_INVALID_PARAMETER,
  ERROR_MORE_DATA,
  ERROR_SUCCESS,
} from '../../bundle/resapi/index.js';
import { koffi, type KoffiFn } from './binding.js';
import {
  readDatabaseFile,
  writeDatabaseFile,
  type DatabaseContents,
  type NamedValue,
  type StoredValue,
} from './database-file.js';

export type RegValue = StoredValue;

let nextKeyHandle = 0x4b0000n; // process-wide, so keys of different monitors never collide

export interface DatabaseOptions {
  /** Persist to this file: loaded at start, replaced atomically on every change. */
  file?: string;
}

export class ClusterDatabase {
  private readonly contents: DatabaseContents;
  private readonly handles = new Map<bigint, string>();
  private readonly byPath = new Map<string, bigint>();
  readonly file: string | undefined;

  constructor(options: DatabaseOptions = {}) {
    this.file = options.file;
    this.contents = this.file ? readDatabaseFile(this.file) : new Map();
  }

  /** The HKEY-like handle of a key path (created empty on first use). */
  key(keyPath: string): bigint {
    keyPath = this.canonical(keyPath);
    let h = this.byPath.get(keyPath);
    if (h === undefined) {
      h = nextKeyHandle++;
      this.byPath.set(keyPath, h);
      this.handles.set(h, keyPath);
    }
    return h;
  }

  /** Key paths are case-insensitive too: the spelling the key was created with wins. */
  private canonical(keyPath: string): string {
    if (this.contents.has(keyPath) || this.byPath.has(keyPath)) return keyPath;
    const lower = keyPath.toLowerCase();
    for (const k of this.contents.keys()) if (k.toLowerCase() === lower) return k;
    for (const k of this.byPath.keys()) if (k.toLowerCase() === lower) return k;
    return keyPath;
  }

  keyPath(handle: bigint): string | undefined {
    return this.handles.get(handle);
  }

  /** A copy of every value of a key, by original name. */
  values(keyPath: string): Record<string, RegValue> {
    keyPath = this.canonical(keyPath);
    const out: Record<string, RegValue> = {};
    for (const v of this.contents.get(keyPath)?.values() ?? [])
      out[v.name] = { type: v.type, data: v.data.slice() };
    return out;
  }

  get(keyPath: string, name: string): RegValue | undefined {
    keyPath = this.canonical(keyPath);
    const v = this.contents.get(keyPath)?.get(name.toLowerCase());
    return v && { type: v.type, data: v.data.slice() };
  }

  /** Throws (and changes nothing, in memory or on disk) when the file cannot be saved. */
  set(keyPath: string, name: string, value: RegValue): void {
    keyPath = this.canonical(keyPath);
    const map = new Map(this.contents.get(keyPath));
    const old = map.get(name.toLowerCase());
    // Registry semantics: overwriting keeps the spelling the value was created with.
    map.set(name.toLowerCase(), {
      name: old?.name ?? name,
      type: value.type,
      data: value.data.slice(),
    });
    this.commit(keyPath, map);
  }

  delete(keyPath: string, name: string): boolean {
    keyPath = this.canonical(keyPath);
    const map = new Map(this.contents.get(keyPath));
    if (!map.delete(name.toLowerCase())) return false;
    this.commit(keyPath, map);
    return true;
  }

  /** Removes every value of a key (e.g. when a resource is deleted). */
  deleteKey(keyPath: string): void {
    keyPath = this.canonical(keyPath);
    if (this.contents.has(keyPath)) this.commit(keyPath, undefined);
  }

  /** Saves the contents with `keyPath` replaced, then keeps them: a failed save changes nothing. */
  private commit(keyPath: string, values: Map<string, NamedValue> | undefined): void {
    if (this.file) {
      const next: DatabaseContents = new Map(this.contents);
      if (values) next.set(keyPath, values);
      else next.delete(keyPath);
      writeDatabaseFile(this.file, next);
    }
    if (values) this.contents.set(keyPath, values);
    else this.contents.delete(keyPath);
  }

  // ---- ck_host_services callbacks (called on the JS thread; pointers arrive as BigInt) ----

  dbQuery(
    key: bigint | null,
    name: string | null,
    typePtr: bigint | null,
    dataPtr: bigint | null,
    cbPtr: bigint | null,
  ): number {
    const keyPath = key === null ? undefined : this.handles.get(key);
    if (keyPath === undefined) return ERROR_INVALID_HANDLE;
    if (name === null || cbPtr === null) return ERROR_INVALID_PARAMETER;
    const v = this.contents.get(keyPath)?.get(name.toLowerCase());
    if (!v) return ERROR_FILE_NOT_FOUND;
    if (typePtr !== null) koffi.encode(typePtr, 'uint32_t', v.type);
    const capacity = koffi.decode(cbPtr, 'uint32_t') as number;
    koffi.encode(cbPtr, 'uint32_t', v.data.length);
    // Like ClusterRegQueryValue: no buffer = size query (success); too small = ERROR_MORE_DATA.
    if (dataPtr === null) return ERROR_SUCCESS;
    if (capacity < v.data.length) return ERROR_MORE_DATA;
    if (v.data.length > 0) new Uint8Array(koffi.view(dataPtr, v.data.length)).set(v.data);
    return ERROR_SUCCESS;
  }

  dbSet(
    key: bigint | null,
    name: string | null,
    type: number,
    dataPtr: bigint | null,
    cb: number,
  ): number {
    const keyPath = key === null ? undefined : this.handles.get(key);
    if (keyPath === undefined) return ERROR_INVALID_HANDLE;
    if (name === null || name.length === 0 || (dataPtr === null && cb > 0))
      return ERROR_INVALID_PARAMETER;
    const data =
      cb > 0 && dataPtr !== null
        ? new Uint8Array(koffi.view(dataPtr, cb).slice(0))
        : new Uint8Array(0);
    return this.saving(() => this.set(keyPath, name, { type, data }));
  }

  dbDelete(key: bigint | null, name: string | null): number {
    const keyPath = key === null ? undefined : this.handles.get(key);
    if (keyPath === undefined) return ERROR_INVALID_HANDLE;
    if (name === null) return ERROR_INVALID_PARAMETER;
    let found = false;
    const rc = this.saving(() => (found = this.delete(keyPath, name)));
    return rc !== ERROR_SUCCESS ? rc : found ? ERROR_SUCCESS : ERROR_FILE_NOT_FOUND;
  }

  /** Why the last save failed (the library logs only the status), cleared by a good save. */
  lastSaveError: string | undefined;

  /** Runs a change that saves; a failed save is a Win32 status saying why, never a throw. */
  private saving(change: () => unknown): number {
    try {
      change();
      this.lastSaveError = undefined;
      return ERROR_SUCCESS;
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      this.lastSaveError = `the cluster database file ${this.file} cannot be saved: ${e.message}`;
      return saveErrorStatus(e.code);
    }
  }
}

export type { KoffiFn };

/** winerror.h statuses for a file that cannot be written (what ClusterReg* answers in kind). */
const ERROR_ACCESS_DENIED = 5;
const ERROR_WRITE_FAULT = 29;
const ERROR_DISK_FULL = 112;

function saveErrorStatus(code: string | undefined): number {
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return ERROR_ACCESS_DENIED;
  if (code === 'ENOSPC' || code === 'EDQUOT') return ERROR_DISK_FULL;
  return ERROR_WRITE_FAULT;
}
