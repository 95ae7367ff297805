/**
 * The generated OCF agent against ocf-tester (resource-agents' own contract test, run as the
 * reference describes) for the echo-server example and for a fresh `clusterkit new` project,
 * and the agent's actions run directly: exit codes, exit reasons, bad parameters, the probe,
 * a dead host, a zombie host, nothing left after stop.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAgent,
  ECHO,
  exitReason,
  FIXTURE,
  appsOn,
  hostsOf,
  liveProcessesWith,
  openTempDir,
  processesWith,
  ROOT,
  runAgent,
  stateOf,
} from './agent-helpers.js';

const work = openTempDir('ck-ocf-tester-');
let echoAgent = '';
let fixtureAgent = '';
let fixtureBundle = '';

const started = new Set<string>();
afterAll(async () => {
  // A failed test must not leave its resource running for the next run.
  for (const instance of started) await fixture('stop', instance, {});
  rmSync(work, { recursive: true, force: true });
});

/** A link's target, or '' when it is gone (a descriptor closed while listing). */
function safeReadlink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

/** A fixture action; instances that were started are stopped after the file. */
function fixture(action: string, instance: string, params: Record<string, string>, extra = {}) {
  if (action === 'start') started.add(instance);
  return runAgent(fixtureAgent, action, instance, params, extra);
}

beforeAll(async () => {
  echoAgent = (await buildAgent(ECHO, join(work, 'echo'))).library;
  const fixture = await buildAgent(FIXTURE, join(work, 'fixture'));
  fixtureAgent = fixture.library;
  fixtureBundle = fixture.bundle;
}, 300_000);

function ocfTester(
  agent: string,
  instance: string,
  params: string[],
): Promise<{ code: number; out: string }> {
  const args = ['-n', instance, ...params.flatMap((p) => ['-o', p]), agent];
  return new Promise((done) => {
    execFile('ocf-tester', args, { timeout: 120_000 }, (err, stdout, stderr) => {
      done({
        code: err ? (typeof err.code === 'number' ? err.code : -1) : 0,
        out: stdout + stderr,
      });
    });
  });
}

describe('ocf-tester', () => {
  it('passes on the echo-server example', async () => {
    const r = await ocfTester(echoAgent, 'ocftester-echo', ['Port=7651']);
    expect(r.out).toContain('passed all tests');
    expect(r.code).toBe(0);
    expect(liveProcessesWith(join(work, 'echo'))).toEqual([]);
  });

  it('passes on a fresh clusterkit new project, packaged, unpacked and installed by its install.sh', async () => {
    const cli = join(ROOT, 'dist', 'src', 'dev', 'cli', 'main.js');
    const project = join(work, 'fresh');
    const run = (args: string[], cwd = work) =>
      execFileSync(process.execPath, [cli, ...args], { cwd, stdio: 'pipe', encoding: 'utf8' });
    run(['new', 'Fresh Type', project, '--kit', ROOT]);
    const packaged = run(['package', '--target', 'ocf'], project);
    expect(packaged).toContain('tarball  dist/FreshType-1.0.0-ocf.tar.gz');
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked, { mode: 0o755 });
    execFileSync('tar', [
      '-xzf',
      join(project, 'dist', 'FreshType-1.0.0-ocf.tar.gz'),
      '-C',
      unpacked,
    ]);
    const listing = execFileSync(
      'tar',
      ['-tvzf', join(project, 'dist', 'FreshType-1.0.0-ocf.tar.gz')],
      {
        encoding: 'utf8',
      },
    );
    expect(listing).toMatch(/-rwxr-xr-x .* FreshType\/ocf\/FreshType/);
    expect(listing).toMatch(/-rwxr-xr-x .* FreshType\/install\.sh/);
    const ocfRoot = join(work, 'ocf-root');
    const installed = execFileSync(
      'sh',
      [
        join(unpacked, 'FreshType', 'install.sh'),
        '--prefix',
        join(work, 'lib'),
        '--ocf-root',
        ocfRoot,
      ],
      { encoding: 'utf8' },
    );
    expect(installed).toContain('installed ocf:clusterkit:FreshType');
    for (const d of [
      ocfRoot,
      join(ocfRoot, 'resource.d'),
      join(ocfRoot, 'resource.d', 'clusterkit'),
    ])
      chmodSync(d, 0o755);
    const agent = join(ocfRoot, 'resource.d', 'clusterkit', 'FreshType');
    const r = await ocfTester(agent, 'ocftester-fresh', []);
    expect(r.out).toContain('passed all tests');
    expect(r.code).toBe(0);
    expect(liveProcessesWith(join(work, 'lib'))).toEqual([]);
  });
});

describe('the agent, action by action', () => {
  const params = { Port: '7652', Label: 'direct' };

  it('answers meta-data and usage without Node, and 3 for an action it does not have', async () => {
    const meta = await fixture('meta-data', 'x', {});
    expect(meta.code).toBe(0);
    expect(meta.stdout).toContain('<resource-agent name="OcfEcho"');
    expect((await fixture('promote', 'x', params)).code).toBe(3);
    expect((await fixture('usage', 'x', {})).code).toBe(0);
  });

  it('refuses bad parameters with 6 and a one-line reason naming the parameter', async () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ Label: 'x', Port: 'abc' }, /parameter Port: "abc" is not a decimal integer/],
      [{ Label: 'x', Port: '70000' }, /Port/],
      [{ Label: 'x', HangOnline: 'maybe' }, /parameter HangOnline: "maybe" is not a boolean/],
      [{ Port: '7652' }, /required parameter Label is not set/],
      [{ Label: 'refuse' }, /Label "refuse" is refused by the handler/],
    ];
    for (const [p, reason] of cases) {
      for (const action of ['validate-all', 'start']) {
        const r = await fixture(action, 'bad-params', p);
        expect(r.code, `${action} ${JSON.stringify(p)}: ${r.stderr}`).toBe(6);
        expect(exitReason(r)).toMatch(reason);
      }
    }
    expect(liveProcessesWith(fixtureBundle)).toEqual([]);
  });

  it('probes 7 where the resource never ran, without starting anything', async () => {
    const r = await fixture('monitor', 'never-ran', params, {
      OCF_RESKEY_CRM_meta_interval: '0',
    });
    expect(r.code).toBe(7);
    expect(liveProcessesWith(fixtureBundle)).toEqual([]);
  });

  it('starts, monitors at both depths, stops, and leaves nothing', async () => {
    expect((await fixture('start', 'direct', params)).code).toBe(0);
    expect((await fixture('start', 'direct', params)).code).toBe(0);
    expect((await fixture('monitor', 'direct', params)).code).toBe(0);
    const deep = await fixture('monitor', 'direct', params, {
      OCF_CHECK_LEVEL: '10',
    });
    expect(deep.code).toBe(0);
    const hosts = hostsOf(fixtureBundle, 'direct');
    expect(hosts).toHaveLength(1);
    expect(appsOn(7652)).toHaveLength(1);
    // The host's log reaches it as stdout and stderr only: the agent's own descriptor of
    // it does not leak into node (and from there into every app).
    const fdDir = `/proc/${hosts[0].pid}/fd`;
    const onLog = readdirSync(fdDir)
      .filter((fd) => safeReadlink(join(fdDir, fd)).endsWith('/direct.log'))
      .map(Number)
      .sort((a, b) => a - b);
    expect(onLog).toEqual([1, 2]);
    expect((await fixture('stop', 'direct', params)).code).toBe(0);
    expect((await fixture('monitor', 'direct', params)).code).toBe(7);
    expect((await fixture('stop', 'direct', params)).code).toBe(0);
    expect(hostsOf(fixtureBundle, 'direct')).toEqual([]);
    expect(appsOn(7652)).toEqual([]);
    const runDir = '/run/clusterkit/OcfEcho';
    expect(
      readdirSync(runDir).filter((f) => f.startsWith('direct.') && !f.endsWith('.log')),
    ).toEqual([]);
  });

  it('reports a killed application as failed (1) with the handler reason, not as stopped', async () => {
    const p = { Port: '7653', Label: 'kill' };
    expect((await fixture('start', 'killapp', p)).code).toBe(0);
    const [app] = appsOn(7653);
    process.kill(app.pid, 'SIGKILL');
    let r = await fixture('monitor', 'killapp', p);
    for (let i = 0; i < 50 && r.code === 0; i++) r = await fixture('monitor', 'killapp', p);
    expect(r.code).toBe(1);
    expect(exitReason(r)).toMatch(/the echo app exited/);
    expect((await fixture('stop', 'killapp', p)).code).toBe(0);
    expect((await fixture('monitor', 'killapp', p)).code).toBe(7);
  });

  it('reports a killed handler host as failed (1), and stop ends the app it left behind', async () => {
    const p = { Port: '7654', Label: 'zombie' };
    expect((await fixture('start', 'zombie', p)).code).toBe(0);
    const hosts = hostsOf(fixtureBundle, 'zombie');
    expect(hosts).toHaveLength(1);
    process.kill(hosts[0].pid, 'SIGKILL');
    const r = await fixture('monitor', 'zombie', p);
    const seen = processesWith(fixtureBundle).find((x) => x.pid === hosts[0].pid);
    expect(r.code).toBe(1);
    expect(exitReason(r)).toMatch(/handler host \(pid \d+\) has exited/);
    // The app the dead host left behind is still running until stop ends its session.
    expect((await fixture('stop', 'zombie', p)).code).toBe(0);
    expect(appsOn(7654)).toEqual([]);
    expect((await fixture('monitor', 'zombie', p)).code).toBe(7);
    console.log(`host state when monitored after SIGKILL: ${seen ? seen.state : 'already reaped'}`);
  });

  it('does not report a killed app that is still a zombie as running (its host is frozen)', async () => {
    const p = { Port: '7656', Label: 'zombie-app' };
    expect((await fixture('start', 'zombie-app', p)).code).toBe(0);
    const [host] = hostsOf(fixtureBundle, 'zombie-app');
    const [app] = appsOn(7656);
    // A stopped parent cannot reap: the killed app stays a zombie, as under a slow PID 1.
    process.kill(host.pid, 'SIGSTOP');
    process.kill(app.pid, 'SIGKILL');
    // SIGKILL is asynchronous; /proc has no event for it, so look again until it has landed.
    let state = stateOf(app.pid);
    for (const began = Date.now(); state !== 'Z' && Date.now() - began < 10_000;) {
      await new Promise((r) => setTimeout(r, 5));
      state = stateOf(app.pid);
    }
    expect(state).toBe('Z');
    const r = await fixture('monitor', 'zombie-app', p);
    expect(r.code).toBe(1);
    expect(exitReason(r)).toMatch(/did not say HELLO/);
    expect((await fixture('stop', 'zombie-app', p)).code).toBe(0);
    expect(
      processesWith(fixtureBundle).filter((x) => x.pid === host.pid && x.state !== 'Z'),
    ).toEqual([]);
    expect((await fixture('monitor', 'zombie-app', p)).code).toBe(7);
  });

  it('fails a start whose online hangs past the timeout, and leaves nothing running', async () => {
    const p = { Port: '7655', Label: 'hang', HangOnline: 'true' };
    const started = Date.now();
    const r = await fixture('start', 'hang', p, {
      OCF_RESKEY_CRM_meta_timeout: '6000',
    });
    const took = Date.now() - started;
    expect(r.code).toBe(1);
    expect(exitReason(r)).toMatch(
      /online did not finish within the time this operation is allowed/,
    );
    expect(took).toBeLessThan(6000);
    expect(appsOn(7655)).toEqual([]);
    expect((await fixture('stop', 'hang', p)).code).toBe(0);
    expect(hostsOf(fixtureBundle, 'hang')).toEqual([]);
    expect(existsSync('/run/clusterkit/OcfEcho/hang.sock')).toBe(false);
  });
});
