/* Shared helpers of the end-to-end tests: build a type, free ports, echo, waiting. */
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildType, type BuildTypeResult } from '../../generator/index.js';
import { isProcessRunning } from '../../src/dev/harness/index.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const ECHO_HANDLER = join(ROOT, 'examples', 'echo-server', 'src', 'handler.ts');
export const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'handlers', name);

export interface BuiltType extends BuildTypeResult {
  outDir: string;
  cleanup(): void;
}

/** Builds a handler into a fresh temporary directory. */
export async function buildInTemp(handler: string): Promise<BuiltType> {
  const outDir = mkdtempSync(join(tmpdir(), 'ck-e2e-'));
  const built = await buildType({ handler, outDir });
  return { ...built, outDir, cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolvePort(port));
    });
  });
}

/** Several distinct free ports. */
export async function freePorts(n: number): Promise<number[]> {
  const out = new Set<number>();
  while (out.size < n) out.add(await freePort());
  return [...out];
}

/** Sends `text` to 127.0.0.1:port and resolves with what came back once as many bytes arrived. */
export function echoRoundTrip(port: number, text: string, timeoutMs = 10000): Promise<string> {
  return new Promise((resolveEcho, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(
        new Error(`no echo from port ${port} within ${timeoutMs} ms (got ${JSON.stringify(got)})`),
      );
    }, timeoutMs);
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.write(text));
    sock.on('data', (d) => {
      got += d;
      if (got.length >= text.length) {
        clearTimeout(timer);
        sock.end();
        resolveEcho(got);
      }
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** True when a TCP connect to the port is refused. */
export function portClosed(port: number): Promise<boolean> {
  return new Promise((resolveClosed) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolveClosed(false);
    });
    sock.once('error', () => resolveClosed(true));
  });
}

/** Waits until cond() holds; throws with `what` after timeoutMs. Never a fixed sleep. */
export async function waitUntil(
  cond: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function waitProcessGone(pid: number, timeoutMs = 15000): Promise<void> {
  await waitUntil(() => !isProcessRunning(pid), timeoutMs, `process ${pid} to exit`);
}
