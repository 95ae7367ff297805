/**
 * The timeline with 200 resources in real Chromium: the whole cluster's history after a lost
 * node (200 failovers) and two rounds of failures and restarts of every resource. Responsiveness is reported as figures (time to the
 * first drawing, time from a zoom key to its frame, time per redraw), not asserted on time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from './browser.helper.js';
import { allInState, startWebRun, type WebRun } from './run-web.helper.js';

const COUNT = 200;
const NAMES = Array.from({ length: COUNT }, (_, i) => `R${String(i + 1).padStart(3, '0')}`);
let run: WebRun;
let browser: Browser;
let page: Page;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

beforeAll(async () => {
  run = await startWebRun([
    '--handler',
    'test/fixtures/handlers/p-every-kind.ts',
    '--resources',
    NAMES.join(','),
    '--set',
    'Owner=ops',
    '--nodes',
    '2',
  ]);
  await allInState(run, NAMES, 'Online');
  // History worth drawing: every group fails over when node1 is lost, then some failures.
  run.send('lose-node node1');
  await run.waitFor(
    (e) => e.kind === 'command' && e.command === 'lose-node node1',
    'lose-node',
    120_000,
  );
  await allInState(run, NAMES, 'Online');
  run.send('restore-node node1');
  // Two rounds of failures of every resource, each followed by its restart.
  for (const round of [1, 2]) {
    for (const n of NAMES) run.send(`fail ${n}`);
    await Promise.all(
      NAMES.map((n) =>
        run.waitFor(
          (e) => e.kind === 'restart' && e.resource === n && e.attempt === round,
          `restart ${round} of ${n}`,
          180_000,
        ),
      ),
    );
    await allInState(run, NAMES, 'Online');
  }
  browser = await openBrowser();
  page = browser.page;
}, 600_000);

afterAll(async () => {
  await browser?.close();
  expect(await run?.stop()).toBe(0);
});

describe(`timeline with ${COUNT} resources (Chromium)`, () => {
  it('draws every row, zooms and scrolls; prints how long each step took', async () => {
    const res = await fetch(`${run.origin}/api/timeline`, {
      headers: { 'X-Clusterkit-Token': run.token },
    });
    const view = (await res.json()) as {
      rows: { segments: unknown[] }[];
      marks: { kind: string }[];
    };
    const segments = view.rows.reduce((a, r) => a + r.segments.length, 0);
    expect(view.rows).toHaveLength(COUNT);
    expect(view.marks.filter((m) => m.kind === 'failover')).toHaveLength(COUNT);
    expect(view.marks.filter((m) => m.kind === 'failure')).toHaveLength(2 * COUNT);

    await page.goto(`${run.url}#/timeline`);
    await page.locator(`.timeline-scroller[data-rows="${COUNT}"]`).waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('ck-timeline-draw').length > 0);
    const firstDraw = await page.evaluate(() => {
      const e = performance.getEntriesByName('ck-timeline-draw')[0];
      return e.startTime + e.duration;
    });
    // The table under the canvas lists the latest 50 marks.
    expect(await page.locator('table.marks tbody tr').count()).toBe(50);
    await browser.shot('timeline-200');

    // From a key press to the frame that shows it: zoom in 6 times, out 6 times, pan.
    const latency: number[] = [];
    for (const key of [
      '+',
      '+',
      '+',
      '+',
      '+',
      '+',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      'ArrowLeft',
      'ArrowRight',
    ]) {
      latency.push(
        await page.locator('.timeline-scroller').evaluate(async (el, k) => {
          const t0 = performance.now();
          el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const e = performance.getEntriesByName('ck-timeline-draw').at(-1)!;
          return e.startTime + e.duration - t0;
        }, key),
      );
    }
    // Wheel zoom and scrolling the rows to the end and back.
    const box = (await page.locator('.timeline-scroller').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.7, box.y + 100);
    for (const dy of [-240, -240, 240, 240]) await page.mouse.wheel(0, dy);
    await page.locator('.timeline-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page
      .locator('.timeline-scroller')
      .evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await browser.shot('timeline-200-zoomed');
    const draws = await page.evaluate(() =>
      performance.getEntriesByName('ck-timeline-draw').map((e) => e.duration),
    );

    // The cluster page with the same 200 resources.
    const t = await page.evaluate(() => performance.now());
    await page.getByRole('link', { name: 'Cluster', exact: true }).click();
    await page
      .locator('table.resources tbody tr')
      .nth(COUNT - 1)
      .waitFor();
    const clusterPage = (await page.evaluate(() => performance.now())) - t;

    console.log(
      [
        `timeline, ${COUNT} resources, ${segments} state segments, ${view.marks.length} marks:`,
        `  first drawing ${ms(firstDraw)} after navigation`,
        `  zoom/pan key to frame: median ${ms(median(latency))}, max ${ms(Math.max(...latency))} (${latency.length} keys)`,
        `  one redraw: median ${ms(median(draws))}, max ${ms(Math.max(...draws))} (${draws.length} draws)`,
        `  cluster page with ${COUNT} rows: ${ms(clusterPage)} from click to the last row`,
      ].join('\n'),
    );
    expect(draws.length).toBeGreaterThan(latency.length);
    expect(browser.errors).toEqual([]);
  });
});
