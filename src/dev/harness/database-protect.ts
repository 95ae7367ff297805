/*
 * The harness's stand-in for the cluster's encryption of secret values (ClusterEncrypt /
 * ClusterDecrypt on Windows, docs/schema.md "Secrets"): AES-256-GCM under a key of the
 * database, kept in the database itself (key path `\clusterkit\protection`), so a database
 * file never holds a secret in the clear and a value survives a reload. Like the cluster's own
 * key, whoever can read the whole database can recover the values: it keeps them out of dumps
 * of the values, exports and logs, not away from the database's administrators.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ERROR_INVALID_DATA, REG_BINARY } from '../../bundle/resapi/index.js';

export const PROTECTION_KEY_PATH = '\\clusterkit\\protection';
const KEY_NAME = 'Key';
const MAGIC = Buffer.from('CKP1', 'ascii');
const IV = 12;
const TAG = 16;

/** Where the key lives: the database's own get/set. */
export interface KeyStore {
  get(keyPath: string, name: string): { type: number; data: Uint8Array } | undefined;
  set(keyPath: string, name: string, value: { type: number; data: Uint8Array }): void;
}

function key(store: KeyStore, create: boolean): Buffer | undefined {
  const stored = store.get(PROTECTION_KEY_PATH, KEY_NAME);
  if (stored && stored.data.length === 32) return Buffer.from(stored.data);
  if (!create) return undefined;
  const fresh = randomBytes(32);
  store.set(PROTECTION_KEY_PATH, KEY_NAME, { type: REG_BINARY, data: new Uint8Array(fresh) });
  return fresh;
}

/** The protected form: "CKP1", a random IV, the GCM tag, the ciphertext. */
export function protectValue(store: KeyStore, plain: Uint8Array): Uint8Array {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key(store, true)!, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]));
}

/** The plain value, or a Win32 status (ERROR_INVALID_DATA) when it cannot be recovered. */
export function unprotectValue(store: KeyStore, sealed: Uint8Array): Uint8Array | number {
  const k = key(store, false);
  const b = Buffer.from(sealed);
  if (!k || b.length < MAGIC.length + IV + TAG || !b.subarray(0, 4).equals(MAGIC))
    return ERROR_INVALID_DATA;
  try {
    const at = MAGIC.length;
    const decipher = createDecipheriv('aes-256-gcm', k, b.subarray(at, at + IV));
    decipher.setAuthTag(b.subarray(at + IV, at + IV + TAG));
    const plain = Buffer.concat([decipher.update(b.subarray(at + IV + TAG)), decipher.final()]);
    return new Uint8Array(plain);
  } catch {
    return ERROR_INVALID_DATA;
  }
}
