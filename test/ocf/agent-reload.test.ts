/**
 * reload-agent of the generated OCF agent, action by action (Pacemaker's side is in
 * pacemaker-agent.test.ts): live parameters reach the running handler through PROPERTIES, a
 * restart parameter makes the reload fail so Pacemaker restarts the resource, a type without
 * live properties answers 3, a secret parameter reaches the handler and no output.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgent, exitReason, FIXTURE, openTempDir, ROOT, runAgent } from './agent-helpers.js';

const work = openTempDir('ck-ocf-reload-');
const stateFile = join(work, 'state.json');
let agent = '';
let plainAgent = '';
const started = new Set<string>();

const state = () => JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown>;
const run = (action: string, instance: string, params: Record<string, string>) => {
  if (action === 'start') started.add(instance);
  return runAgent(agent, action, instance, { StateFile: stateFile, ...params });
};

beforeAll(async () => {
  agent = (await buildAgent(join(ROOT, 'test/fixtures/handlers/o-reload.ts'), join(work, 'r')))
    .library;
  plainAgent = (await buildAgent(FIXTURE, join(work, 'plain'))).library;
}, 300_000);

afterAll(async () => {
  for (const instance of started) await run('stop', instance, {});
  rmSync(work, { recursive: true, force: true });
});

describe('reload-agent', () => {
  const base = { Port: '7721', Level: '2', Token: 'tok-7f3e-secret' };

  it('is in the 1.1 metadata of a type with live properties only', async () => {
    const meta = await run('meta-data', 'x', {});
    expect(meta.stdout).toContain('<action name="reload-agent"');
    expect(meta.stdout).toContain('reloadable="1"');
    const plain = await runAgent(plainAgent, 'reload-agent', 'x', { Label: 'x' });
    expect(plain.code).toBe(3);
  });

  it('hands changed live parameters to the running handler, which keeps running', async () => {
    expect((await run('start', 'r1', base)).code).toBe(0);
    const before = state();
    expect(before).toMatchObject({ Level: 2, Mode: 'fast', token: base.Token });
    const r = await run('reload-agent', 'r1', { ...base, Level: '7', Mode: 'smart' });
    expect([r.code, r.stderr]).toEqual([0, expect.any(String)]);
    expect(state()).toEqual({ ...before, Level: 7, Mode: 'smart' });
    expect(r.stderr + r.stdout).not.toContain(base.Token);
  });

  it('fails when a restart parameter changed, naming it, so Pacemaker restarts the resource', async () => {
    const r = await run('reload-agent', 'r1', { ...base, Level: '7', Mode: 'smart', Port: '7722' });
    expect(r.code).toBe(1);
    expect(exitReason(r)).toBe(
      'the new parameters need a restart: Port takes effect at the next online',
    );
    expect(state().Port).toBe(7721);
  });

  it('refuses bad parameters like start, with 6', async () => {
    const r = await run('reload-agent', 'r1', { ...base, Mode: 'Smart' });
    expect(r.code).toBe(6);
    expect(exitReason(r)).toMatch(/Mode is not one of its choices; give one of smart, fast/);
  });

  it('succeeds where the resource does not run: the next start takes the parameters', async () => {
    expect((await run('stop', 'r1', base)).code).toBe(0);
    expect((await run('reload-agent', 'r1', { ...base, Level: '3' })).code).toBe(0);
  });
});
