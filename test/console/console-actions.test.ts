/**
 * The cluster page, the Detail and Actions tabs and the timeline in real Chromium, against
 * `clusterkit run --web` with the echo-server example on three nodes: bring a resource
 * online, kill its application and watch Failed → restart, move its group, lose its node and
 * watch the failover. Everything the page learns arrives on its event stream.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './browser.helper.js';
import { allInState, startWebRun, type WebRun } from './run-web.helper.js';

let run: WebRun;
let browser: Browser;
let page: Page;
const apiGets: string[] = [];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

const badge = (state: string) => page.locator(`h1 .state[data-state="${state}"]`);
const owner = (node: string) =>
  page.locator('.resource-page > p.sub', { hasText: `owner node ${node}` });

async function act(label: string): Promise<void> {
  await page.getByRole('tab', { name: 'Actions' }).click();
  const done = page.waitForResponse((r) => r.url().endsWith('/api/actions'));
  await page.getByRole('button', { name: label, exact: true }).click();
  expect(await (await done).json()).toMatchObject({ ok: true });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ck-console-actions-'));
  const config = join(dir, 'run.json');
  // Times are scaled by 0.1: IsAlive every 500 ms, a failed resource waits 1.5 s before its restart.
  writeFileSync(
    config,
    JSON.stringify({
      nodes: ['node1', 'node2', 'node3'],
      timeScale: 0.1,
      resources: [
        {
          name: 'Echo1',
          props: { Port: await freePort() },
          policy: { restartDelay: 15000, isAlivePollInterval: 5000 },
        },
      ],
    }),
  );
  run = await startWebRun(['--handler', 'examples/echo-server/src/handler.ts', '--config', config]);
  await allInState(run, ['Echo1'], 'Online');
  browser = await openBrowser();
  page = browser.page;
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (r.method() === 'GET' && u.pathname.startsWith('/api/')) apiGets.push(u.pathname);
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  expect(await run?.stop()).toBe(0);
});

describe('cluster page and resource actions (Chromium)', () => {
  it('shows nodes, groups with their owner node and resources with their state', async () => {
    await page.goto(run.url);
    await page.locator('tr[data-resource="Echo1"][data-state="Online"]').waitFor();
    expect(await page.locator('tr[data-node-state="Up"]').count()).toBe(3);
    expect(await page.locator('tr[data-group="Echo1"]').getAttribute('data-owner')).toBe('node1');
    expect(await page.locator('.connection').getAttribute('data-connection')).toBe('live');
    await browser.shot('cluster');
  });

  it('shows the PowerShell behind every action', async () => {
    await page.getByRole('link', { name: 'Echo1' }).click();
    await page.getByRole('tab', { name: 'Actions' }).click();
    const code = await page.locator('.actions code').allTextContents();
    expect(code).toEqual(
      expect.arrayContaining([
        "Start-ClusterResource -Name 'Echo1'",
        "Stop-ClusterResource -Name 'Echo1'",
        "Move-ClusterGroup -Name 'Echo1' -Node 'node2'",
        "Test-ClusterResourceFailure -Name 'Echo1'",
        "Stop-ClusterNode -Name 'node1'",
        "$ckPid = (Get-ClusterResource -Name 'Echo1' | Get-ClusterParameter -Name 'Pid').Value\nInvoke-Command -ComputerName 'node1' -ScriptBlock { Stop-Process -Id $using:ckPid -Force }",
      ]),
    );
    await browser.shot('actions');
  });

  it('takes the resource offline and brings it online', async () => {
    await act('Take offline');
    await badge('Offline').waitFor();
    await act('Bring online');
    await badge('Online').waitFor();
  });

  it('kills the application: the page shows Failed, then the restart brings it Online', async () => {
    await act('Kill the application');
    await badge('Failed').waitFor();
    await badge('Online').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Detail' }).click();
    await page.locator('[data-restarts="1"]').waitFor();
    expect(await page.locator('.last-failure .reason').textContent()).not.toBe('');
    // Let the chart collect a few more IsAlive answers after the restart.
    const n = run.events.filter((e) => e.kind === 'health' && e.resource === 'Echo1').length;
    await run.waitFor(
      (e) => e.kind === 'health' && run.events.filter((x) => x.kind === 'health').length >= n + 3,
      'three more IsAlive answers',
    );
    await page.locator('.chart canvas').waitFor();
    await browser.shot('resource-detail');
  });

  it('fails the resource, then hangs its handler host: each time Failed, then a restart', async () => {
    await act('Fail the resource');
    await badge('Failed').waitFor();
    await badge('Online').waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: 'Detail' }).click();
    await page.locator('[data-restarts="2"]').waitFor();
    // A stopped host answers nothing: IsAlive times out in the library, RHS fails the resource.
    await act('Hang the handler host');
    await badge('Failed').waitFor({ timeout: 60_000 });
    await badge('Online').waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Detail' }).click();
    await page.locator('[data-restarts="3"]').waitFor();
  });

  it('moves the group to another node', async () => {
    await act('Move group Echo1 to node2');
    await owner('node2').waitFor();
    await badge('Online').waitFor();
  });

  it('loses the owner node: the group fails over, the node shows as lost, then comes back', async () => {
    await act('Lose node node2 (the owner)');
    await owner('node3').waitFor({ timeout: 60_000 });
    await badge('Online').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Cluster', exact: true }).click();
    await page.locator('tr[data-node="node2"][data-node-state="Down"]').waitFor();
    expect(await page.locator('tr[data-node="node2"] .node-state').textContent()).toBe(
      'Down (lost)',
    );
    expect(await page.locator('tr[data-group="Echo1"]').getAttribute('data-owner')).toBe('node3');
    await page.getByRole('link', { name: 'Echo1' }).click();
    await act('Restore node node2');
    await page.getByRole('link', { name: 'Cluster', exact: true }).click();
    await page.locator('tr[data-node="node2"][data-node-state="Up"]').waitFor();
  });

  it('draws the timeline with the failure, the failover and the lost node marked', async () => {
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.locator('.timeline-scroller[data-rows="1"]').waitFor();
    const kinds = await page
      .locator('table.marks tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-mark')));
    expect(kinds).toEqual(
      expect.arrayContaining(['failure', 'restart', 'move', 'failover', 'node-down', 'node-up']),
    );
    const draws = await page.evaluate(
      () => performance.getEntriesByName('ck-timeline-draw').length,
    );
    expect(draws).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.waitForFunction(
      (n) => performance.getEntriesByName('ck-timeline-draw').length > n,
      draws,
    );
    await page.getByRole('button', { name: 'Show all (follow now)' }).click();
    await browser.shot('timeline');
  });

  it('never polled: every API read was the event stream', () => {
    expect(apiGets.length).toBeGreaterThan(0);
    expect(apiGets.filter((p) => p !== '/api/stream')).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
