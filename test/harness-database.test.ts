import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import koffi from 'koffi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterDatabase, REG_DWORD, REG_SZ } from '../src/dev/harness/index.js';
import { readDatabaseFile } from '../src/dev/harness/database-file.js';

const dir = mkdtempSync(join(tmpdir(), 'ck-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
const ERROR_FILE_NOT_FOUND = 2;
const ERROR_MORE_DATA = 234;

describe('ClusterDatabase values', () => {
  it('matches value names case-insensitively and keeps the spelling they were created with', () => {
    const db = new ClusterDatabase();
    db.set('Resources\\A', 'Port', { type: REG_DWORD, data: u32(7001) });
    db.set('Resources\\A', 'PORT', { type: REG_DWORD, data: u32(7002) });
    expect(Object.keys(db.values('Resources\\A'))).toEqual(['Port']);
    expect(db.get('Resources\\A', 'port')?.data).toEqual(u32(7002));
    expect(db.get('Resources\\B', 'Port')).toBeUndefined();
    expect(db.key('resources\\a')).toBe(db.key('Resources\\A'));
    expect(db.get('RESOURCES\\A', 'Port')?.data).toEqual(u32(7002));
  });

  it('answers db_query like ClusterRegQueryValue: size query, ERROR_MORE_DATA with the size, then the bytes', () => {
    const db = new ClusterDatabase();
    const key = db.key('Resources\\Q');
    db.set('Resources\\Q', 'Greeting', {
      type: REG_SZ,
      data: new Uint8Array([0x68, 0, 0x69, 0, 0, 0]),
    });
    const type = koffi.alloc('uint32_t', 1);
    const cb = koffi.alloc('uint32_t', 1);
    const data = koffi.alloc('uint8_t', 16);
    try {
      koffi.encode(cb, 'uint32_t', 0);
      expect(db.dbQuery(key, 'greeting', type, null, cb)).toBe(0);
      expect(koffi.decode(cb, 'uint32_t')).toBe(6);
      koffi.encode(cb, 'uint32_t', 4);
      expect(db.dbQuery(key, 'GREETING', type, data, cb)).toBe(ERROR_MORE_DATA);
      expect(koffi.decode(cb, 'uint32_t')).toBe(6);
      koffi.encode(cb, 'uint32_t', 16);
      expect(db.dbQuery(key, 'Greeting', type, data, cb)).toBe(0);
      expect(koffi.decode(type, 'uint32_t')).toBe(REG_SZ);
      expect([...new Uint8Array(koffi.view(data, 6))]).toEqual([0x68, 0, 0x69, 0, 0, 0]);
      expect(db.dbQuery(key, 'Missing', type, data, cb)).toBe(ERROR_FILE_NOT_FOUND);
      expect(db.dbQuery(0x1n, 'Greeting', type, data, cb)).not.toBe(0);
    } finally {
      koffi.free(type);
      koffi.free(cb);
      koffi.free(data);
    }
  });

  it('stores what db_set is given and forgets what db_delete removes', () => {
    const db = new ClusterDatabase();
    const key = db.key('Resources\\S');
    const mem = koffi.alloc('uint8_t', 4);
    try {
      new Uint8Array(koffi.view(mem, 4)).set([1, 2, 3, 4]);
      expect(db.dbSet(key, 'Blob', 3, mem, 4)).toBe(0);
      expect(db.get('Resources\\S', 'blob')).toEqual({
        type: 3,
        data: new Uint8Array([1, 2, 3, 4]),
      });
      expect(db.dbDelete(key, 'BLOB')).toBe(0);
      expect(db.dbDelete(key, 'BLOB')).toBe(ERROR_FILE_NOT_FOUND);
      expect(db.dbSet(key, 'Bad', 3, null, 4)).toBe(87);
    } finally {
      koffi.free(mem);
    }
  });
});

describe('ClusterDatabase persistence', () => {
  it('loads at start what an earlier database saved, and leaves no temporary file', () => {
    const file = join(dir, 'roundtrip.json');
    const a = new ClusterDatabase({ file });
    a.set('Resources\\Echo1', 'Port', { type: REG_DWORD, data: u32(7007) });
    a.set('ResourceTypes\\Echo', 'Mode', { type: REG_SZ, data: new Uint8Array([0x78, 0, 0, 0]) });
    a.delete('ResourceTypes\\Echo', 'Mode');
    const b = new ClusterDatabase({ file });
    expect(b.get('Resources\\Echo1', 'port')).toEqual({ type: REG_DWORD, data: u32(7007) });
    expect(b.get('ResourceTypes\\Echo', 'Mode')).toBeUndefined();
    expect(
      readdirSync(dir).filter((f) => f.includes('roundtrip') && f !== 'roundtrip.json'),
    ).toEqual([]);
  });

  it.each([
    ['not JSON', '{"format": "clusterkit-cluster-database", "version": 1, "keys": {'],
    ['an empty file', ''],
    ['another format', '{"format":"something-else","version":1,"keys":{}}'],
    ['a future version', '{"format":"clusterkit-cluster-database","version":9,"keys":{}}'],
    [
      'a malformed value',
      '{"format":"clusterkit-cluster-database","version":1,"keys":{"K":{"V":{"type":"x","data":"AA=="}}}}',
    ],
  ])('refuses a corrupt file (%s) with a clear error and leaves it untouched', (_what, text) => {
    const file = join(dir, `corrupt-${Math.random().toString(16).slice(2)}.json`);
    writeFileSync(file, text);
    let err: unknown;
    try {
      new ClusterDatabase({ file });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'DATABASE_CORRUPT' });
    expect((err as Error).message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  describe('a writer killed mid-save', () => {
    let script: string;
    beforeAll(async () => {
      script = join(dir, 'writer.mjs');
      // The writer uses the harness's own save path; bundled because it is TypeScript.
      await build({
        stdin: {
          contents: `
            import { writeDatabaseFile } from ${JSON.stringify(resolve('src/dev/harness/database-file.ts'))};
            const file = process.argv[2];
            for (let i = 1; ; i++) {
              // A large value makes each save take long enough for a kill to land inside it.
              const big = new Uint8Array(256 * 1024).fill(i & 0xff);
              const n = new Uint8Array(new Uint32Array([i]).buffer);
              writeDatabaseFile(file, new Map([['K', new Map([
                ['counter', { name: 'Counter', type: 4, data: n }],
                ['big', { name: 'Big', type: 3, data: big }],
              ])]]));
              if (i === 3) process.stdout.write('saving\\n');
            }`,
          resolveDir: process.cwd(),
          loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile: script,
        logLevel: 'silent',
      });
    });

    it('always leaves the previous complete file (5 kills at different moments)', async () => {
      const file = join(dir, 'killed.json');
      for (let round = 0; round < 5; round++) {
        const child = spawn(process.execPath, [script, file], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        await new Promise<void>((ok) => child.stdout.once('data', () => ok()));
        await new Promise((r) => setTimeout(r, 20 + round * 37));
        child.kill('SIGKILL');
        await new Promise((ok) => child.once('exit', ok));
        const contents = readDatabaseFile(file);
        const values = contents.get('K')!;
        const counter = new DataView(values.get('counter')!.data.buffer).getUint32(0, true);
        const big = values.get('big')!.data;
        expect(counter).toBeGreaterThanOrEqual(3);
        expect(big.length).toBe(256 * 1024);
        expect(big.every((b) => b === (counter & 0xff))).toBe(true);
      }
      expect(existsSync(file)).toBe(true);
    });
  });
});
