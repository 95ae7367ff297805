// examples/echo-server/app/echo-server.mjs on its own: a real process, real sockets.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as net from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const APP = join(resolve(import.meta.dirname, '..'), 'examples/echo-server/app/echo-server.mjs');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = net.createServer().once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => done(port));
    });
  });
}

function start(args: string[]): {
  child: ChildProcess;
  stdout: Promise<string>;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [APP, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const stdout = new Promise<string>((done) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) done(out);
    });
    child.on('exit', () => done(out));
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout, exit, stderr: () => err };
}

function echo(port: number, payload: Buffer): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.end(payload));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', fail);
    socket.on('close', () => done(Buffer.concat(chunks)));
  });
}

describe('echo-server app', () => {
  it('prints one listening line, echoes bytes exactly and stops on SIGTERM with exit 0', async () => {
    const port = await freePort();
    const app = start(['--port', String(port)]);
    expect(await app.stdout).toBe(`listening on 127.0.0.1:${port}\n`);
    const payload = Buffer.from([0, 1, 2, 255, ...Buffer.from('héllo\r\n')]);
    expect((await echo(port, payload)).equals(payload)).toBe(true);
    app.child.kill('SIGTERM');
    expect(await app.exit).toBe(0);
  });

  it('exits 2 with a usage line for a bad --port', async () => {
    const app = start(['--port', '70000']);
    expect(await app.exit).toBe(2);
    expect(app.stderr()).toMatch(/--port must be an integer 1\.\.65535\nusage: /);
  });

  it('exits 1 naming the address when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const app = start(['--port', String(port)]);
      expect(await app.exit).toBe(1);
      expect(app.stderr()).toContain(`cannot listen on 127.0.0.1:${port}`);
    } finally {
      blocker.close();
    }
  });
});
