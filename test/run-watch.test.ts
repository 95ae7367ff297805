/**
 * `clusterkit run --watch` through the real binary: a change of the handler's code restarts
 * the handler host with the new bundle while the library stays loaded in its monitor; a change
 * of the schema rebuilds the library and restarts the local cluster; a file the type is not
 * made of changes nothing; a broken edit, or an asset folder deleted, keeps the previous build
 * running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessRunning } from '../src/dev/harness/index.js';
import { ensureCliBuilt, MAIN } from './cli-binary.helper.js';

type Event = Record<string, unknown> & { kind: string };

const HANDLER = (greeting: string, port: number) => `
import { defineResourceType, prop } from 'clusterkit';
export default defineResourceType({
  type: 'Watched',
  properties: { Port: prop.dword({ default: ${port} }) },
  online(ctx) { ctx.log.info('handler says ${greeting}'); },
  offline() {},
  isAlive: () => true,
});
`;

const work = mkdtempSync(join(tmpdir(), 'ck-watch-'));
const project = join(work, 'watched');
let child: ChildProcess;
const events: Event[] = [];
const waiters = new Set<() => void>();

/** Resolves with the first event (from index `from` on) that matches; rejects after `ms`. */
function next(match: (e: Event) => boolean, from: number, ms = 60_000): Promise<Event> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const hit = events.slice(from).find(match);
      if (!hit) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(hit);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(
        new Error(`no matching event within ${ms} ms; last: ${JSON.stringify(events.slice(-5))}`),
      );
    }, ms);
    waiters.add(check);
    check();
  });
}

const logged = (text: string) => (e: Event) => e.kind === 'log' && String(e.line).includes(text);
const hostPid = (from: number) =>
  next((e) => e.kind === 'log' && /handler host ready \(pid \d+/.test(String(e.line)), from).then(
    (e) => Number(/pid (\d+)/.exec(String(e.line))![1]),
  );

beforeAll(async () => {
  await ensureCliBuilt();
  mkdirSync(join(project, 'src'), { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "watched", "type": "module", "clusterkit": { "assets": ["app"] } }\n',
  );
  mkdirSync(join(project, 'app'));
  writeFileSync(join(project, 'app', 'page.html'), '<p>one</p>\n');
  writeFileSync(join(project, 'src', 'handler.ts'), HANDLER('one', 7000));
  child = spawn(process.execPath, [MAIN, 'run', '--json', '--watch', '--nodes', '1'], {
    cwd: project,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    events.push(JSON.parse(line) as Event);
    for (const w of [...waiters]) w();
  });
  await next(logged('handler says one'), 0);
  await next((e) => e.kind === 'state' && e.to === 'Online', 0);
  await next(logged('for changes (--watch)'), 0);
}, 300_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.stdin!.write('quit\n');
    await new Promise((r) => child.on('exit', r));
  }
  rmSync(work, { recursive: true, force: true });
});

describe('clusterkit run --watch', () => {
  it('restarts the handler host with the new code; the library stays loaded in its monitor', async () => {
    const monitors = events.filter((e) => e.kind === 'monitor' && e.what === 'started');
    const oldHost = await hostPid(0);
    const from = events.length;
    writeFileSync(join(project, 'src', 'handler.ts'), HANDLER('two', 7000));
    const reload = await next((e) => e.kind === 'reload', from);
    expect(reload).toMatchObject({
      changed: ['src/handler.ts'],
      action: 'hosts-restarted',
      resources: ['Watched1'],
    });
    expect(String(reload.detail)).toContain('schema unchanged; the library stays loaded');
    await next(logged('handler says two'), from);
    expect(await hostPid(from)).not.toBe(oldHost);
    expect(isProcessRunning(oldHost)).toBe(false);
    // The same monitor process, with the same library loaded: no new monitor was started.
    expect(events.filter((e) => e.kind === 'monitor' && e.what === 'started')).toEqual(monitors);
    const online = events.slice(from).filter((e) => e.kind === 'state' && e.to === 'Online');
    expect(online.map((e) => e.resource)).toEqual(['Watched1']);
  }, 120_000);

  it('ignores files the type is not made of', async () => {
    const from = events.length;
    writeFileSync(join(project, 'notes.txt'), 'not part of the type');
    // Then a real change: its reload must be the first one after the note.
    writeFileSync(join(project, 'src', 'handler.ts'), HANDLER('three', 7000));
    const reload = await next((e) => e.kind === 'reload', from);
    expect(reload.changed).toEqual(['src/handler.ts']);
    await next(logged('handler says three'), from);
  }, 120_000);

  it('keeps the previous build running when an asset folder it declares is deleted', async () => {
    const from = events.length;
    rmSync(join(project, 'app'), { recursive: true });
    const reload = await next((e) => e.kind === 'reload', from);
    expect(reload.action).toBe('build-failed');
    const detail = String(reload.detail);
    expect(detail).toMatch(/the previous one keeps running: the asset .*app does not exist/);
    expect(detail).not.toContain('\n');
    // Reported, not thrown: the CLI and its cluster keep running, nothing went offline.
    expect(child.exitCode).toBe(null);
    expect(events.slice(from).some((e) => e.kind === 'state')).toBe(false);
    // Putting the folder back rebuilds, copies it again and restarts the handler host.
    const fixed = events.length;
    mkdirSync(join(project, 'app'));
    writeFileSync(join(project, 'app', 'page.html'), '<p>two</p>\n');
    const again = await next((e) => e.kind === 'reload' && e.action !== 'build-failed', fixed);
    expect(again).toMatchObject({ action: 'hosts-restarted', resources: ['Watched1'] });
    await next((e) => e.kind === 'state' && e.to === 'Online', fixed);
    const copy = join(project, 'dist', 'app', 'page.html');
    expect(existsSync(copy) && readFileSync(copy, 'utf8')).toBe('<p>two</p>\n');
  }, 120_000);

  it('keeps the previous build running when an edit does not build', async () => {
    const from = events.length;
    writeFileSync(join(project, 'src', 'handler.ts'), 'export default {;\n');
    const reload = await next((e) => e.kind === 'reload', from);
    expect(reload.action).toBe('build-failed');
    expect(String(reload.detail)).toMatch(/the previous one keeps running: bundling .* failed/);
    expect(events.slice(from).some((e) => e.kind === 'state')).toBe(false);
  }, 120_000);

  it('rebuilds the library and restarts the cluster when the schema changed', async () => {
    const from = events.length;
    writeFileSync(join(project, 'src', 'handler.ts'), HANDLER('four', 7001));
    const reload = await next((e) => e.kind === 'reload' && e.action !== 'build-failed', from);
    expect(reload.action).toBe('cluster-restart');
    await next(logged('handler says four'), from);
    await next((e) => e.kind === 'monitor' && e.what === 'started', from);
    const log = readFileSync(join(project, '.clusterkit', 'cluster.log'), 'utf8');
    expect(log).toContain('src/handler.ts changed: the schema changed');
  }, 180_000);
});
