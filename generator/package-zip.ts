/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3: local headers, central directory, end record),
 * deflate via node:zlib. UTF-8 names (flag bit 11), Unix modes in the external attributes,
 * no ZIP64: more than 65535 entries or 4 GiB is refused rather than written wrong.
 */
import { deflateRawSync } from 'node:zlib';
import { PackageError } from './scaffold-errors.js';

export interface ZipEntry {
  /** '/'-separated path inside the archive, no leading '/'. */
  name: string;
  data: Buffer;
  /** Unix permission bits (default 0o644). */
  mode?: number;
}

const LIMIT = 0xffffffff;
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Builds the archive in memory; `date` stamps every entry (local time, 2 s resolution). */
export function createZip(entries: readonly ZipEntry[], date: Date = new Date()): Buffer {
  if (entries.length > 0xffff)
    throw new PackageError(
      'ZIP_INVALID',
      `${entries.length} files exceed the 65535 a plain ZIP can hold`,
    );
  const { time, day } = dosDateTime(date);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const seen = new Set<string>();
  let offset = 0;
  for (const entry of entries) {
    const name = checkName(entry.name, seen);
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(entry.data);
    const deflated = deflateRawSync(entry.data, { level: 9 });
    // Stored when deflate does not help (already-compressed or tiny files).
    const method = deflated.length < entry.data.length ? 8 : 0;
    const body = method === 8 ? deflated : entry.data;
    if (entry.data.length > LIMIT || offset > LIMIT)
      throw new PackageError('ZIP_INVALID', `${name}: the archive would exceed 4 GiB`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // UTF-8 file name
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0, so the mode bits below count
    local.copy(central, 6, 4, 30); // version needed .. name length: same fields, same order
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk number
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(((0o100000 | (entry.mode ?? 0o644)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  if (offset + directory.length > LIMIT)
    throw new PackageError('ZIP_INVALID', 'the archive would exceed 4 GiB');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function checkName(name: string, seen: Set<string>): string {
  const bad =
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (bad)
    throw new PackageError(
      'ZIP_INVALID',
      `the archive path ${JSON.stringify(name)} must be relative, '/'-separated, without '.', '..' or empty parts`,
    );
  if (Buffer.byteLength(name, 'utf8') > 0xffff)
    throw new PackageError('ZIP_INVALID', `the archive path ${name.slice(0, 40)}... is too long`);
  if (seen.has(name))
    throw new PackageError('ZIP_INVALID', `the archive path ${name} appears twice`);
  seen.add(name);
  return name;
}

/** MS-DOS date and time fields; years before 1980 clamp to 1980-01-01. */
function dosDateTime(date: Date): { time: number; day: number } {
  if (date.getFullYear() < 1980) return { time: 0, day: (0 << 9) | (1 << 5) | 1 };
  const time =
    (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2);
  const day = ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate();
  return { time, day };
}
