/**
 * Who may use the console of `clusterkit run --web` (the real CLI and library): only this
 * machine's loopback, only with the token, state changes only from its own page.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, KIT, startWebRun, allInState, type WebRun } from './run-web.helper.js';

let run: WebRun;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  path: string,
  o: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: run.port, path, method: o.method ?? 'GET', headers: o.headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

const withToken = (h: Record<string, string> = {}) => ({ 'X-Clusterkit-Token': run.token, ...h });
const offlineBody = () => JSON.stringify({ action: 'offline', resource: 'R1' });
const state = async () =>
  (
    JSON.parse((await call('/api/cluster', { headers: withToken() })).body) as {
      resources: { name: string; state: string }[];
    }
  ).resources[0].state;

beforeAll(async () => {
  run = await startWebRun([
    '--handler',
    'test/fixtures/handlers/p-every-kind.ts',
    '--resources',
    'R1',
    '--set',
    'Owner=ops',
    '--time-scale',
    '0.05',
  ]);
  await allInState(run, ['R1'], 'Online');
}, 180_000);

afterAll(async () => {
  expect(await run?.stop()).toBe(0);
});

describe('clusterkit run --web: access', () => {
  it('prints a URL on 127.0.0.1 with a random token', () => {
    expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('is bound to 127.0.0.1 only: other loopback addresses are refused', async () => {
    for (const host of ['127.0.0.2', '::1']) {
      const err = await new Promise<string>((resolve) => {
        const s = connect({ host, port: run.port });
        s.on('connect', () => (s.destroy(), resolve('connected')));
        s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(err, host).not.toBe('connected');
    }
  });

  it('serves the page with a strict content security policy and no CORS header', async () => {
    const a = await call('/');
    expect(a.status).toBe(200);
    expect(a.body).toContain('<div id="app">');
    expect(a.headers['content-security-policy']).toContain("script-src 'self'");
    expect(a.headers['x-frame-options']).toBe('DENY');
    expect(a.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses API reads without the token', async () => {
    expect((await call('/api/cluster')).status).toBe(403);
    expect((await call('/api/cluster?token=wrong')).status).toBe(403);
    expect((await call('/api/cluster', { headers: withToken() })).status).toBe(200);
    expect((await call(`/api/cluster?token=${run.token}`)).status).toBe(200);
  });

  it('refuses a state change without the token (403) and changes nothing', async () => {
    const a = await call('/api/actions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: offlineBody(),
    });
    expect(a.status).toBe(403);
    expect(JSON.parse(a.body).error).toMatch(/token/);
    // The token in the query string is good for reads only.
    const q = await call(`/api/actions?token=${run.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: offlineBody(),
    });
    expect(q.status).toBe(403);
    expect(await state()).toBe('Online');
  });

  it('refuses a state change from another origin, another site or another Host, even with the token', async () => {
    const json = { 'Content-Type': 'application/json' };
    const cases = [
      withToken({ ...json, Origin: 'http://evil.example' }),
      withToken({ ...json, Origin: 'null' }),
      withToken({ ...json, 'Sec-Fetch-Site': 'cross-site' }),
      withToken({ ...json, Host: `evil.example:${run.port}` }),
    ];
    for (const headers of cases) {
      const a = await call('/api/actions', { method: 'POST', headers, body: offlineBody() });
      expect(a.status, JSON.stringify(headers)).toBe(403);
      expect(a.headers['access-control-allow-origin']).toBeUndefined();
    }
    const preflight = await call('/api/actions', {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // A form post (text/plain) is refused even with the token.
    const form = await call('/api/actions', {
      method: 'POST',
      headers: withToken({ 'Content-Type': 'text/plain' }),
      body: offlineBody(),
    });
    expect(form.status).toBe(415);
    expect(await state()).toBe('Online');
  });

  it('answers bad requests with one clear line', async () => {
    const bad = async (path: string, init: Parameters<typeof call>[1] = {}) => {
      const a = await call(path, { ...init, headers: withToken(init.headers) });
      const body = JSON.parse(a.body) as { error: string };
      expect(body.error).not.toContain('\n');
      return { status: a.status, error: body.error };
    };
    expect(await bad('/api/resources/Nope')).toMatchObject({
      status: 404,
      error: /no resource "Nope"/,
    });
    expect(await bad('/api/resources/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(
      await bad('/api/actions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"action":"reboot","resource":"R1"}',
      }),
    ).toMatchObject({ status: 400, error: /"action" must be one of online, offline/ });
    expect(
      await bad('/api/actions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{not json',
      }),
    ).toMatchObject({ status: 400, error: 'the request body is not JSON' });
    expect((await call('/../package.json')).status).toBe(404);
  });

  it('runs an action with the token from its own origin', async () => {
    const a = await call('/api/actions', {
      method: 'POST',
      headers: withToken({ 'Content-Type': 'application/json', Origin: run.origin }),
      body: offlineBody(),
    });
    expect(JSON.parse(a.body)).toMatchObject({ ok: true });
    expect(await state()).toBe('Offline');
  });
});

describe('clusterkit run --web: flags', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, 'run', ...args], { cwd: KIT, encoding: 'utf8' });

  it('refuses --port without --web and a port out of range, in one line (exit 2)', () => {
    const a = cli('--port', '8080');
    expect(a.status).toBe(2);
    expect(a.stderr.trim()).toBe(
      'clusterkit run: --port goes with --web: clusterkit run --web --port 8080',
    );
    const b = cli('--web', '--port', '70000');
    expect(b.status).toBe(2);
    expect(b.stderr.trim()).toMatch(
      /^clusterkit run: --port 70000 must be a TCP port from 1 to 65535/,
    );
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says so in one line when the port is taken, and leaves nothing running', async () => {
    const busy: Server = createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    const port = (busy.address() as { port: number }).port;
    const out = mkdtempSync(join(tmpdir(), 'ck-console-busy-'));
    try {
      const a = spawnSync(
        process.execPath,
        [
          CLI,
          'run',
          '--web',
          '--port',
          String(port),
          '--json',
          '--duration',
          '60000',
          '--handler',
          'test/fixtures/handlers/p-every-kind.ts',
          '--set',
          'Owner=ops',
          '--offline',
          '--time-scale',
          '0.05',
          '--out',
          out,
          '--log',
          join(out, 'cluster.log'),
        ],
        { cwd: KIT, encoding: 'utf8', input: '' },
      );
      expect(a.status).toBe(2);
      const last = a.stderr.trim().split('\n').pop();
      expect(last).toMatch(
        new RegExp(
          `^clusterkit run: cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\); choose another --port`,
        ),
      );
      // The cluster it had started is gone: no process of this build is left.
      const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
      expect(ps.split('\n').filter((l) => l.includes(out))).toEqual([]);
    } finally {
      busy.close();
    }
  });
});
