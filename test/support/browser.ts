// What the browser tests share: Debian's Chromium driven by playwright-core, pages that fail a test on any script
// error or CSP violation, axe-core's accessibility check (no serious or critical violation, contrast AA included),
// and screenshots of a screen at a desk's width and a phone's, kept in .screenshots/ (git-ignored) to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '#catalog';

export const SCREENSHOTS = join(PROJECT_ROOT, '.screenshots');
export const DESK = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * A page that records every script error and console error (a CSP violation is one) in `errors`. Chromium also logs
 * each 4xx answer to a fetch as a console error; those are the API's refusals, which the tests provoke on purpose
 * and check on the page, so they are not counted (a 5xx still is).
 */
export async function watchedPage(owner: Browser | BrowserContext, errors: string[]): Promise<Page> {
  const page = await owner.newPage({ viewport: DESK });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    errors.push(message.text());
  });
  return page;
}

/** The few browser globals the tests' page functions read (the project's TypeScript has no DOM library). */
export interface InBrowser {
  readonly document: {
    readonly documentElement: { readonly lang: string; readonly scrollWidth: number };
    querySelector(selector: string): { readonly textContent: string | null } | null;
    dispatchEvent(event: Event): boolean;
  };
  readonly innerWidth: number;
}

export interface Violation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly targets: string[];
}

/**
 * axe-core's serious and critical violations of WCAG 2.1 A/AA (colour contrast AA included) on the page as it is
 * now. axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const engine = (globalThis as unknown as { axe: typeof axe }).axe;
    const results = await engine.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshots of the page as it is, at a desk's width and a phone's (then back to the desk's). */
export async function screenshots(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESK);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(DESK);
}

/** Nothing on the page is wider than the window: no sideways scrolling on a phone. */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const window = globalThis as unknown as InBrowser;
    return window.document.documentElement.scrollWidth > window.innerWidth + 1;
  });
}
