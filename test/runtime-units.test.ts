// Units of the handler host that need no library: ctx.node, scratch folders and their sweep,
// account lookup, the data forms of described controls, and managed output cut into lines.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { lookupGroup, lookupUser } from '../src/bundle/runtime/accounts.js';
import { decodeControlInput, encodeControlOutput } from '../src/bundle/runtime/control-data.js';
import { nodeName } from '../src/bundle/runtime/node-name.js';
import { forwardLines } from '../src/bundle/runtime/output-lines.js';
import {
  makeScratch,
  removeScratch,
  scratchPrefix,
  sweepScratch,
} from '../src/bundle/runtime/scratch.js';
import type { SchemaControl } from '../src/bundle/sdk/schema.js';

describe('ctx.node', () => {
  it('is CLUSTERKIT_NODE_NAME when set, else the host name', () => {
    expect(nodeName({ CLUSTERKIT_NODE_NAME: 'node2' })).toBe('node2');
    expect(nodeName({})).toBe(hostname());
  });
});

describe('scratch folders', () => {
  const root = mkdtempSync(join(tmpdir(), 'ck-scratch-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are 0700 folders named after the type and this host, removed whole', () => {
    const dir = makeScratch('Postgre SQL', root);
    expect(dir.startsWith(join(root, `${scratchPrefix('Postgre SQL')}${process.pid}-`))).toBe(true);
    mkdirSync(join(dir, 'sub'));
    removeScratch(dir);
    expect(existsSync(dir)).toBe(false);
    expect(scratchPrefix('A')).not.toBe(scratchPrefix('a')); // the hash tells the types apart
  });

  it('the sweep removes only folders of this type whose host is gone, never a link', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((r) => dead.on('exit', r));
    const prefix = scratchPrefix('T');
    const gone = join(root, `${prefix}${dead.pid}-abc`);
    const mine = join(root, `${prefix}${process.pid}-def`);
    const other = join(root, `${scratchPrefix('U')}${dead.pid}-ghi`);
    const link = join(root, `${prefix}${dead.pid}-lnk`);
    for (const d of [gone, mine, other]) mkdirSync(d);
    symlinkSync(mine, link);
    expect(sweepScratch('T', root)).toBe(1);
    expect([gone, mine, other, link].map((d) => existsSync(d))).toEqual([false, true, true, true]);
  });
});

describe('accounts', () => {
  it('resolves names and ids through getent', () => {
    expect(lookupUser('root')).toMatchObject({ name: 'root', uid: 0, gid: 0 });
    expect(lookupUser(0).name).toBe('root');
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }));
    expect(lookupUser('nobody').uid).toBe(nobody);
    expect(lookupGroup('root')).toBe(0);
  });

  it('refuses names that are not account names, and unknown ones, with one line', () => {
    expect(() => lookupUser('-x')).toThrow(/is not an account name/);
    expect(() => lookupUser('a:b')).toThrow(/is not an account name/);
    expect(() => lookupUser(-1)).toThrow(/an id 0\.\./);
    expect(() => lookupUser('ck-nobody-here')).toThrow(
      'user "ck-nobody-here" does not exist on this node (not in the passwd database)',
    );
    expect(() => lookupGroup('ck-nogroup-here')).toThrow(/group "ck-nogroup-here" does not exist/);
  });
});

describe('described control data', () => {
  const spec = (input: string, output: string): SchemaControl =>
    ({ function: 5, name: 'X', input, output }) as SchemaControl;
  const bytes = (s: string) => new TextEncoder().encode(s);

  it('decodes the input form', () => {
    expect(decodeControlInput(spec('none', 'none'), bytes('ignored'))).toBeUndefined();
    expect(decodeControlInput(spec('text', 'none'), bytes('é'))).toBe('é');
    expect(decodeControlInput(spec('json', 'none'), bytes('{"a":[1]}'))).toEqual({ a: [1] });
    expect(() => decodeControlInput(spec('json', 'none'), bytes('{'))).toThrow(
      /X \(5\): the input is not JSON/,
    );
    expect(() => decodeControlInput(spec('text', 'none'), Uint8Array.of(0xff))).toThrow(
      /not UTF-8/,
    );
  });

  it('encodes the output form, refusing the wrong one', () => {
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    expect(text(encodeControlOutput(spec('none', 'json'), { a: 1 }))).toBe('{"a":1}');
    expect(text(encodeControlOutput(spec('none', 'json'), undefined))).toBe('null');
    expect(text(encodeControlOutput(spec('none', 'text'), 'hi'))).toBe('hi');
    expect(encodeControlOutput(spec('none', 'none'), 'dropped').length).toBe(0);
    expect(() => encodeControlOutput(spec('none', 'text'), 5)).toThrow(/its output is text/);
    expect(() => encodeControlOutput(spec('none', 'bytes'), {})).toThrow(/its output is bytes/);
  });
});

describe('managed output lines', () => {
  /** The lines forwardLines passes on for these chunks, once the stream ended. */
  async function lines(...chunks: string[]): Promise<string[]> {
    const stream = new PassThrough();
    const out: string[] = [];
    forwardLines(stream, (line) => out.push(line));
    const ended = new Promise((resolve) => stream.on('end', resolve));
    for (const c of chunks) stream.write(Buffer.from(c, 'utf8'));
    stream.end();
    await ended;
    return out;
  }

  it('cuts at LF and CRLF, across chunks, and passes on an unterminated last line', async () => {
    expect(await lines('a\r\nb', 'c\n\nd')).toEqual(['a', 'bc', '', 'd']);
  });

  it('passes on a line longer than 4096 characters in pieces of at most 4096', async () => {
    const long = 'x'.repeat(10_000);
    expect((await lines(`${long}\r\n`, 'next\n')).map((l) => l.length)).toEqual([
      4096, 4096, 1808, 4,
    ]);
    // An unterminated 70000-character line in one chunk: pieces too, the whole text kept.
    const partial = await lines('y'.repeat(70_000));
    expect(Math.max(...partial.map((l) => l.length))).toBe(4096);
    expect(partial.join('')).toBe('y'.repeat(70_000));
    // A piece never ends in half a surrogate pair.
    const emoji = await lines(`${'a'.repeat(4095)}\u{1f600}b\n`);
    expect(emoji).toEqual(['a'.repeat(4095), '\u{1f600}b']);
  });
});
