/**
 * A minimal gzip'd tar writer (POSIX ustar: 512-byte headers, the long-name prefix field,
 * Unix modes kept) for the OCF package, which Linux administrators unpack with `tar -xzf`.
 * Names that do not fit ustar's 100 + 155 bytes are refused rather than written wrong.
 */
import { gzipSync } from 'node:zlib';
import { PackageError } from './scaffold-errors.js';
import type { ZipEntry } from './package-zip.js';

const BLOCK = 512;

function field(header: Buffer, offset: number, size: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > size)
    throw new PackageError('TAR_INVALID', `"${text}" does not fit a tar header field`);
  bytes.copy(header, offset);
}

/** An octal number field: digits, then NUL. */
function octal(header: Buffer, offset: number, size: number, value: number): void {
  field(header, offset, size, `${value.toString(8).padStart(size - 1, '0')}\0`);
}

/** Splits a path into ustar's prefix (≤ 155 bytes) and name (≤ 100 bytes) at a '/'. */
function splitName(path: string): [string, string] {
  if (Buffer.byteLength(path) <= 100) return ['', path];
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) {
    const prefix = path.slice(0, at);
    const name = path.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return [prefix, name];
  }
  throw new PackageError(
    'TAR_INVALID',
    `the path ${path} is too long for a tar archive; shorten it`,
  );
}

function header(entry: ZipEntry, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  const [prefix, name] = splitName(entry.name);
  field(h, 0, 100, name);
  octal(h, 100, 8, entry.mode ?? 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, entry.data.length);
  octal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  field(h, 156, 1, '0');
  field(h, 257, 6, 'ustar\0');
  field(h, 263, 2, '00');
  field(h, 265, 32, 'root');
  field(h, 297, 32, 'root');
  field(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  field(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** The .tar.gz of `entries` (regular files), every entry stamped with `date`. */
export function createTarGz(entries: readonly ZipEntry[], date: Date = new Date()): Buffer {
  const mtime = Math.floor(date.getTime() / 1000);
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry, mtime), entry.data);
    const pad = (BLOCK - (entry.data.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(parts));
}
