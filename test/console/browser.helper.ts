/**
 * Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with a fresh profile.
 * Screenshots go to build/console-screenshots (gitignored); page errors are collected.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { KIT } from './run-web.helper.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = join(KIT, 'build', 'console-screenshots');

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, for a final check. */
  errors: string[];
  /** A PNG of the page (the whole page unless `viewport`) in build/console-screenshots. */
  shot(name: string, o?: { viewport?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (bash scripts/install-system-deps.sh)`,
    );
  const profile = mkdtempSync(join(tmpdir(), 'ck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    context,
    page,
    errors,
    shot: async (name, o = {}) => {
      const path = join(SHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: !o.viewport });
      return path;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
