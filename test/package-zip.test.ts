import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, createZip, type ZipEntry } from '../generator/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'ck-zip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const entries: ZipEntry[] = [
  { name: 'Type/README.md', data: Buffer.from('# hello\n'.repeat(200)) },
  { name: 'Type/empty.txt', data: Buffer.alloc(0) },
  { name: 'Type/random.bin', data: randomBytes(5000) },
  { name: 'Type/sub/Ω naïve 😀.txt', data: Buffer.from('unicode name\n') },
  { name: 'Type/run.sh', data: Buffer.from('#!/bin/sh\necho hi\n'), mode: 0o755 },
];

describe('createZip', () => {
  const file = join(tmp, 'test.zip');
  writeFileSync(file, createZip(entries, new Date(2024, 4, 17, 13, 45, 30)));

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('is listed by unzip and by python zipfile with every name and size', () => {
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    for (const e of entries) expect(listing).toContain(e.name);
    expect(listing).toMatch(/2024-05-17 13:45|05-17-2024 13:45/);
    const py = execFileSync('python3', ['-m', 'zipfile', '-l', file], { encoding: 'utf8' });
    for (const e of entries)
      expect(py).toMatch(
        new RegExp(
          `${e.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+2024-05-17 13:45:30\\s+${e.data.length}`,
        ),
      );
  });

  it('passes both integrity tests and extracts byte-identical files with their modes', () => {
    const tested = execFileSync('python3', ['-m', 'zipfile', '-t', file], { encoding: 'utf8' });
    expect(tested).toContain('Done testing');
    expect(tested).not.toContain('corrupted');
    execFileSync('unzip', ['-t', '-q', file]);
    const out = join(tmp, 'x');
    execFileSync('unzip', ['-q', '-o', file, '-d', out]);
    for (const e of entries)
      expect(readFileSync(join(out, e.name)).equals(e.data), e.name).toBe(true);
    const mode = execFileSync('stat', ['-c', '%a', join(out, 'Type/run.sh')], {
      encoding: 'utf8',
    }).trim();
    expect(mode).toBe('755');
  });

  it('compresses text and stores incompressible data', () => {
    const verbose = execFileSync('unzip', ['-v', file], { encoding: 'utf8' });
    expect(verbose).toMatch(/Defl:N.*Type\/README\.md|Defl:X.*Type\/README\.md/);
    expect(verbose).toMatch(/Stored.*Type\/random\.bin/);
  });

  it('refuses unsafe or duplicate paths', () => {
    for (const name of ['/abs', '../up', 'a/../b', 'a\\b', '', 'a//b']) {
      expect(() => createZip([{ name, data: Buffer.alloc(1) }]), name).toThrow(
        expect.objectContaining({ code: 'ZIP_INVALID' }),
      );
    }
    expect(() =>
      createZip([
        { name: 'a', data: Buffer.alloc(1) },
        { name: 'a', data: Buffer.alloc(1) },
      ]),
    ).toThrow(/twice/);
  });
});
