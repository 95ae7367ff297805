/** Health probes: TCP connect, HTTP GET, managed process liveness. */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { ManagedProcess, Probes } from '../sdk/context.js';

/** True when a TCP connection to host:port succeeds within timeoutMs. */
export function probeTcp(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when a GET of url answers with a 2xx or 3xx status within timeoutMs. */
export function probeHttp(url: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const client =
      parsed.protocol === 'https:' ? https : parsed.protocol === 'http:' ? http : undefined;
    if (!client) {
      resolve(false);
      return;
    }
    // The whole exchange is bounded, not just socket idleness.
    const timer = setTimeout(() => request.destroy(), timeoutMs);
    const request = client.get(parsed, (response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      request.destroy();
      resolve(status >= 200 && status < 400);
    });
    request.on('error', () => resolve(false));
    request.on('close', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

export const probes: Probes = Object.freeze({
  tcp: probeTcp,
  http: probeHttp,
  process: (managed: ManagedProcess) => managed.running,
});
