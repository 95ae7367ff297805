/**
 * The Properties tab in real Chromium against `clusterkit run --web` (real CLI, library and
 * handler): the form generated from the schema, edits the library accepts, refuses (out of
 * range, unknown) and stores for after a restart, exact 64-bit values, schema text that must
 * stay text, labels and keyboard use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from './browser.helper.js';
import { allInState, startWebRun, type WebRun } from './run-web.helper.js';

const NAME = `R'1 $(Get-Date) & "q"`;
let run: WebRun;
let browser: Browser;
let page: Page;
const posts: string[] = [];

type Field = { schema: { name: string }; value: unknown; pendingRestart: boolean };

/** The stored values, read through the library by the console's own API. */
async function stored(): Promise<Record<string, unknown>> {
  const res = await fetch(`${run.origin}/api/resources/${encodeURIComponent(NAME)}/properties`, {
    headers: { 'X-Clusterkit-Token': run.token },
  });
  const view = (await res.json()) as { fields: Field[]; unknown: { name: string }[] };
  return {
    ...Object.fromEntries(view.fields.map((f) => [f.schema.name, f.value])),
    unknown: view.unknown.map((u) => u.name),
  };
}

const field = (name: string) => page.locator(`.field[data-property="${name}"]`);
const input = (name: string) => page.getByLabel(name, { exact: true });

async function save(): Promise<void> {
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().endsWith('/properties'),
  );
  await page.getByRole('button', { name: 'Save' }).click();
  await answered;
}

beforeAll(async () => {
  run = await startWebRun([
    '--handler',
    'test/fixtures/handlers/c-console.ts',
    '--resources',
    NAME,
    '--set',
    'Owner=ops',
    '--time-scale',
    '0.05',
  ]);
  await allInState(run, [NAME], 'Online');
  browser = await openBrowser();
  page = browser.page;
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  await page.goto(`${run.url}#/resource/${encodeURIComponent(NAME)}/properties`);
  await field('Port').waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  expect(await run?.stop()).toBe(0);
});

describe('Properties tab (Chromium)', () => {
  it('renders every schema string as text: nothing hostile runs or becomes markup', async () => {
    await browser.shot('properties');
    expect(
      await page.evaluate(() => (window as unknown as { __ckPwned?: number }).__ckPwned),
    ).toBeUndefined();
    expect(await page.locator('#app img, #app script, #app b').count()).toBe(0);
    expect(await field('Greeting').locator('.description').textContent()).toBe(
      '<script>window.__ckPwned=5</script>',
    );
    expect(await field('Port').locator('.description').textContent()).toBe(
      'TCP port "><img src=x onerror="window.__ckPwned=3">',
    );
    expect(await input('Greeting').inputValue()).toBe('"><img src=x onerror="window.__ckPwned=4">');
    expect(await page.locator('header .type').textContent()).toContain(
      'Console fixture <script>window.__ckPwned=1</script> "><img src=x onerror="window.__ckPwned=2">',
    );
    expect(await page.locator('h1').first().textContent()).toContain(NAME);
    expect(await input('Status').inputValue()).toBe(
      'online "><img src=x onerror="window.__ckPwned=7">',
    );
  });

  it('gives each kind its input, with description, default, range, required and read-only marks', async () => {
    expect(await input('Port').getAttribute('type')).toBe('number');
    expect(await input('Port').getAttribute('min')).toBe('1');
    expect(await input('Port').getAttribute('max')).toBe('65535');
    expect(await field('Port').locator('.default').textContent()).toBe('default: 8000');
    expect(await input('Offset').inputValue()).toBe('-5');
    expect(await input('Verbose').getAttribute('type')).toBe('checkbox');
    expect(await input('Big').getAttribute('type')).toBe('text');
    expect(await input('Big').inputValue()).toBe('18446744073709551615');
    expect(await field('Big').locator('.range').textContent()).toBe(
      '0 to 18446744073709551615 (64-bit, exact)',
    );
    expect(await input('Delta').inputValue()).toBe('-9007199254740993');
    expect(await input('Blob').inputValue()).toBe('01 02 ff');
    const peers = page.getByRole('group', { name: 'Peers' });
    expect(
      await peers
        .getByRole('textbox')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toEqual(['alpha', '<b>beta</b>']);
    expect(await field('Owner').locator('.mark.required').textContent()).toBe('required');
    expect(await input('Owner').getAttribute('aria-required')).toBe('true');
    expect(await input('Status').getAttribute('readonly')).not.toBeNull();
    expect(await field('Status').locator('.mark.readonly').count()).toBe(1);
    expect(await field('Port').locator('.param').textContent()).toBe('-Port');
    expect(await field('Verbose').locator('.param').textContent()).toBe('-VerboseProperty');
    // A choice is a select of its texts (a hostile one stays text); a secret a password input.
    expect(await input('Mode').evaluate((el) => el.tagName)).toBe('SELECT');
    expect(
      await input('Mode').evaluate((el) =>
        [...(el as HTMLSelectElement).options].map((o) => o.value),
      ),
    ).toEqual(['smart', 'fast', '<b>"><img src=x onerror="window.__ckPwned=9"></b>']);
    expect(await input('Mode').inputValue()).toBe('fast');
    expect(await input('Token').getAttribute('type')).toBe('password');
    expect(await input('Token').getAttribute('autocomplete')).toBe('new-password');
    expect(await input('Token').inputValue()).toBe('');
    expect(await field('Token').locator('.secret').textContent()).toBe(
      'write-only: never read back; leave it empty to keep it',
    );
    // When a change takes effect, from the schema's live flag.
    expect(await field('Port').locator('.applies').textContent()).toBe(
      'takes effect at the next online',
    );
    expect(await field('Level').locator('.applies').textContent()).toBe(
      'applies at once while online',
    );
    expect(await field('Status').locator('.applies').count()).toBe(0);
  });

  it('labels every control of the form', async () => {
    const unnamed = await page.locator('form.properties').evaluate((form) =>
      [...form.querySelectorAll('input, select, textarea, button')]
        .filter((el) => {
          const e = el as HTMLInputElement;
          const named =
            (e.labels?.length ?? 0) > 0 ||
            e.getAttribute('aria-label') ||
            (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !named;
        })
        .map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
  });

  it('moves between fields with Tab and saves with Enter: a change stored while online takes effect after offline/online', async () => {
    await input('Port').focus();
    await page.keyboard.press('Tab');
    expect(await input('Offset').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('8001');
    const preview = page.locator('.powershell', { hasText: 'PowerShell for this change' });
    await preview.locator('code', { hasText: 'Set-CConsoleResource' }).waitFor();
    expect(await preview.locator('code').first().textContent()).toBe(
      `Set-CConsoleResource -Name 'R''1 $(Get-Date) & "q"' -Port 8001`,
    );
    const answered = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.keyboard.press('Enter');
    await answered;
    await page.locator('.form-status .after-restart').waitFor();
    expect(await page.locator('.form-status .after-restart').textContent()).toBe(
      'Stored (ERROR_RESOURCE_PROPERTIES_STORED): Port takes effect after offline/online.',
    );
    await field('Port').locator('.pending-restart').waitFor();
    expect((await stored()).Port).toBe(8001);
  });

  it('shows the library reason next to a value out of range, and changes nothing', async () => {
    await input('Port').fill('70000');
    expect(await field('Port').locator('.msg').textContent()).toBe(
      'outside the declared range 1 to 65535; the library will refuse it',
    );
    await save();
    await field('Port').locator('.msg.refused').waitFor();
    expect(await field('Port').locator('.msg').textContent()).toBe(
      'Refused by the library: property Port is 70000, out of range; give a value from 1 to 65535',
    );
    expect(await input('Port').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.form-status .refused').textContent()).toBe(
      'The library refused the change: ERROR_INVALID_PARAMETER (87). Nothing was changed.',
    );
    await page.evaluate(() => scrollTo(0, 0));
    await browser.shot('properties-refused', { viewport: true });
    expect((await stored()).Port).toBe(8001);
    await input('Port').fill('8001');
  });

  it('shows the library reason next to an unknown property, and stores nothing', async () => {
    await page.getByLabel('Name', { exact: true }).fill('Nope');
    await page.getByLabel('Type', { exact: true }).selectOption('UInt32');
    await page.getByLabel('Value', { exact: true }).fill('7');
    await save();
    await page.locator('#prop-other-msg', { hasText: 'Refused' }).waitFor();
    expect(await page.locator('#prop-other-msg').textContent()).toMatch(
      /^Refused by the library: unknown property Nope; known properties are Port, Offset, Verbose/,
    );
    expect((await stored()).unknown).toEqual([]);
    await page.getByLabel('Name', { exact: true }).fill('');
  });

  it('keeps 64-bit values exact both ways, and the library judges the range past 2^53', async () => {
    await input('Big').fill('18446744073709551614');
    await input('Delta').fill('9007199254740993');
    await save();
    await page.locator('.form-status .stored').waitFor();
    const s = await stored();
    expect(s.Big).toBe('18446744073709551614');
    expect(s.Delta).toBe('9007199254740993');
    await input('Delta').fill('9007199254740994');
    expect(await field('Delta').locator('.msg').textContent()).toBe(
      'outside the declared range -9223372036854775807 to 9007199254740993; the library will refuse it',
    );
    await save();
    await field('Delta').locator('.msg.refused').waitFor();
    expect(await field('Delta').locator('.msg').textContent()).toBe(
      'Refused by the library: property Delta is 9007199254740994, out of range; give a value from -9223372036854775807 to 9007199254740993',
    );
    expect((await stored()).Delta).toBe('9007199254740993');
    await input('Delta').fill('9007199254740993');
  });

  it('does not send a value that cannot be encoded as its kind', async () => {
    const before = posts.length;
    await input('Blob').fill('xyz');
    expect(await field('Blob').locator('.msg.invalid').textContent()).toBe(
      'enter bytes as hex digit pairs, e.g. 01 0a ff',
    );
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.form-status .general', { hasText: 'cannot be sent' }).waitFor();
    expect(posts.length).toBe(before);
  });

  it('edits lists, binary and booleans, and the library stores exactly them', async () => {
    await input('Blob').fill('0a 0B');
    await page.getByRole('button', { name: 'Add an item to Peers' }).click();
    await page.getByLabel('Peers item 3', { exact: true }).fill('gamma');
    await page.getByRole('button', { name: 'Remove Peers item 2' }).click();
    await input('Verbose').check();
    await save();
    await page.locator('.form-status .stored').waitFor();
    const s = await stored();
    expect(s.Peers).toEqual(['alpha', 'gamma']);
    expect(s.Blob).toBe('Cgs=');
    expect(s.Verbose).toBe(1);
  });

  it('a live property set while online is applied: only the restart ones are marked', async () => {
    await input('Level').fill('7');
    await save();
    // The handler applied Level: status 0, "Saved.". Port still waits from the earlier save.
    await page.locator('.form-status .stored:not(.after-restart)').waitFor();
    expect(await page.locator('.form-status .stored').textContent()).toBe('Saved.');
    expect(await field('Level').locator('.pending-restart').count()).toBe(0);
    expect(await field('Port').locator('.pending-restart').count()).toBe(1);
    expect((await stored()).Level).toBe(7);
  });

  it('picks a choice from its select, and the library stores exactly it', async () => {
    await input('Mode').selectOption('smart');
    await save();
    await page.locator('.form-status .stored').waitFor();
    expect((await stored()).Mode).toBe('smart');
  });

  it('writes a secret without ever showing it: not in the field, the command preview or any answer', async () => {
    const secret = 's3cr3t-Ω-7f3e';
    const bodies: Promise<string>[] = [];
    const watch = (r: import('playwright-core').Response) =>
      void bodies.push(r.text().catch(() => ''));
    page.on('response', watch);
    await input('Token').fill(secret);
    const preview = page.locator('.powershell', { hasText: 'PowerShell for this change' });
    await preview.locator('code', { hasText: '-Token' }).waitFor();
    expect(await preview.locator('code').first().textContent()).toBe(
      `Set-CConsoleResource -Name 'R''1 $(Get-Date) & "q"' -Token (Read-Host -AsSecureString)`,
    );
    await save();
    await page.locator('.form-status .stored').waitFor();
    expect(await input('Token').inputValue()).toBe('');
    page.off('response', watch);
    expect((await Promise.all(bodies)).filter((b) => b.includes(secret))).toEqual([]);
    expect(await page.content()).not.toContain(secret);
    expect('Token' in (await stored()) && (await stored()).Token).toBe(null);
  });

  it('clears "takes effect after offline/online" once the resource went offline and online', async () => {
    await page.getByRole('tab', { name: 'Actions' }).click();
    await page.getByRole('button', { name: 'Take offline' }).click();
    await page.locator('h1 .state[data-state="Offline"]').waitFor();
    await page.getByRole('button', { name: 'Bring online' }).click();
    await page.locator('h1 .state[data-state="Online"]').waitFor();
    await page.getByRole('tab', { name: 'Properties' }).click();
    await field('Port').waitFor();
    await page.waitForFunction(() => !document.querySelector('.pending-restart'));
    expect(await field('Port').locator('.pending-restart').count()).toBe(0);
  });

  it('switches tabs with the arrow keys and filters the Events tab by level, as text', async () => {
    await page.getByRole('tab', { name: 'Properties' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash.endsWith('/events'));
    expect(
      await page
        .getByRole('tab', { name: 'Events' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true);
    expect(await page.getByRole('tab', { name: 'Events' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.locator('table.log tr[data-level="ERR"]').first().waitFor();
    await page.getByLabel('Show levels from').selectOption('ERR');
    const levels = await page
      .locator('table.log tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level')));
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['ERR']));
    await page.getByLabel('Show levels from').selectOption('WARN');
    const warn = page
      .locator('table.log tr[data-level="WARN"] td.text', { hasText: 'online with Port=' })
      .last();
    expect(await warn.textContent()).toMatch(
      /^online with Port=8001 <script>window.__ckPwned=8<\/script>$/,
    );
    await browser.shot('events');
    expect(
      await page.evaluate(() => (window as unknown as { __ckPwned?: number }).__ckPwned),
    ).toBeUndefined();
    expect(browser.errors).toEqual([]);
  });
});
