/** Test helper: bundles a fixture handler and drives the real host over its pipes. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleHandler, renameBundle } from '../generator/index.js';
import {
  encodeFrame,
  FrameDecoder,
  KIND_EVENT,
  KIND_REQUEST,
  KIND_RESPONSE,
  type Frame,
} from '../src/bundle/protocol/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles test/fixtures/handlers/<name>.ts with the generator's own bundle step and entry. */
export async function bundleFixture(name: string, outFile: string): Promise<string> {
  const handler = fileURLToPath(new URL(`./fixtures/handlers/${name}.ts`, import.meta.url));
  const { code } = await bundleHandler({ handler, outDir: dirname(outFile), kitRoot: root });
  writeFileSync(outFile, renameBundle(code, basename(outFile)));
  return outFile;
}

/** Request/response bookkeeping over any byte stream carrying frames. */
export class FrameClient {
  readonly events: Frame[] = [];
  stderr = '';
  private readonly responses = new Map<number, (f: Frame) => void>();
  private readonly waiters: Array<() => void> = [];
  private readonly decoder = new FrameDecoder();
  private nextId = 1;

  constructor(private readonly write: (bytes: Uint8Array) => void) {}

  /** Feeds bytes read from the peer. */
  feed(chunk: Uint8Array): void {
    for (const f of this.decoder.push(chunk)) {
      if (f.kind === KIND_RESPONSE) this.responses.get(f.requestId)?.(f);
      if (f.kind === KIND_EVENT) this.events.push(f);
      this.waiters.splice(0).forEach((w) => w());
    }
  }

  /** Sends a request and resolves with its response (rejects after `timeoutMs`). */
  request(
    code: number,
    resourceId: number,
    payload: Uint8Array = new Uint8Array(0),
    timeoutMs = 20000,
  ): Promise<Frame> {
    const requestId = this.nextId++;
    const response = new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no response to op 0x${code.toString(16)} in ${timeoutMs} ms; stderr: ${this.stderr}`,
            ),
          ),
        timeoutMs,
      );
      this.responses.set(requestId, (f) => {
        clearTimeout(timer);
        resolve(f);
      });
    });
    this.write(
      encodeFrame({ kind: KIND_REQUEST, code, requestId, resourceId, status: 0, payload }),
    );
    return response;
  }

  /** Resolves with the first event (past or future) that matches. */
  async waitEvent(match: (f: Frame) => boolean, timeoutMs = 20000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`event not seen within ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

/** A real host started on pipes, as the library starts it. */
export class HostDriver extends FrameClient {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exit: Promise<number | null>;

  constructor(bundle: string, args: string[] = []) {
    let child: ChildProcessWithoutNullStreams | undefined;
    super((bytes) => child?.stdin.write(bytes));
    child = spawn(process.execPath, [bundle, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.child.stdout.on('data', (chunk: Buffer) => this.feed(chunk));
    this.child.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    this.child.stdin.on('error', () => {});
    this.exit = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** True while a process with this pid exists (zombies excluded via /proc state). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Polls until `check` is true or the deadline passes. */
export async function waitFor(check: () => boolean, timeoutMs = 10000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

/** True while the process group has a live (non-zombie) member. */
export function groupAlive(pgid: number): boolean {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .some((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === pgid && state !== 'Z';
      } catch {
        return false;
      }
    });
}
