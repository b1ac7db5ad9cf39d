// The investigators' console in a real browser (Debian's Chromium, driven by playwright-core): an investigator
// signs in, finds a new case, acknowledges, verifies and substantiates it with two sanctions, and the statistics
// page shows them; a supervisor transfers a case; the citizen's status page shows the progress. A screenshot of
// each console page is kept in .screenshots/ (git-ignored) for people to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '#catalog';
import { EVENT_KINDS } from '#domain/events.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

const SCREENSHOTS = join(PROJECT_ROOT, '.screenshots');
let runtime: LocalRuntime;
let browser: Browser;

async function complain(body: Record<string, unknown>) {
  const response = await fetch(`${runtime.url}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { reference: string; receiptCode: string };
}

async function written(reference: string) {
  const token = await runtime.signToken('city-cdi-admin');
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`${runtime.url}/cases/${reference}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${reference} was never written`);
}

/** A page that fails the test on any script error or CSP violation. */
async function watchedPage(errors: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return page;
}

async function signIn(page: Page, person: string) {
  await page.goto(`${runtime.url}/console/`);
  await page.waitForSelector(`#signin-person option[value="${person}"]`, { state: 'attached' });
  await page.selectOption('#signin-person', person);
  // By keyboard: from the person's list, Tab reaches the sign-in button and Enter presses it.
  await page.focus('#signin-person');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#view-list:not([hidden])');
}

async function act(page: Page, action: string, fill: (page: Page) => Promise<void> = async () => undefined) {
  await page.click(`#case-actions button[data-action="${action}"]`);
  await page.waitForSelector('#action-form:not([hidden])');
  await fill(page);
  await page.click('#action-submit');
  await page.waitForSelector('#action-form', { state: 'hidden' });
}

let landOffice: { reference: string; receiptCode: string };
let government: { reference: string; receiptCode: string };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  runtime = await startTestRuntime();
  browser = await chromium.launch({
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
  [landOffice, government] = await Promise.all([
    complain({
      description: '郭扶镇国土所窗口工作人员说要“意思一下”才给办证，索要三百元。',
      subjectUnit: '郭扶国土所',
      officialName: '刘某',
    }),
    complain({ description: '郭扶镇政府的领导收受好处，违规给亲戚批宅基地。', subjectUnit: '郭扶镇政府' }),
  ]);
  await Promise.all([written(landOffice.reference), written(government.reference)]);
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('the console in a browser', () => {
  it('an investigator takes a new case to substantiated with two sanctions, and the statistics show them', async () => {
    const errors: string[] = [];
    const page = await watchedPage(errors);
    await page.goto(`${runtime.url}/console/`);
    await page.waitForSelector('#view-signin:not([hidden])');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-sign-in.png'), fullPage: true });
    await signIn(page, 'guofu-cdi-investigator');

    const row = page.locator('#case-rows tr', { hasText: landOffice.reference });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('待签收');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-case-list.png'), fullPage: true });

    await row.locator('a').click();
    await page.waitForSelector('#view-case:not([hidden])');
    expect(await page.textContent('#case-reference')).toBe(landOffice.reference);
    expect(await page.textContent('#case-reasons')).toContain('route.jurisdiction');
    await act(page, 'acknowledge', (p) => p.fill('#action-note', '已签收，安排核查'));
    await act(page, 'verify');
    await act(page, 'substantiate', async (p) => {
      await p.fill('#action-findings', '经调取监控、询问当事人，窗口工作人员刘某索要好处费属实。');
      await p.fill('#sanction-person-0', '郭扶国土所窗口工作人员刘某');
      await p.check('#sanction-0-admonition_talk');
      await p.click('#action-add-sanction');
      await p.fill('#sanction-person-1', '郭扶国土所所长');
      await p.check('#sanction-1-notified_criticism');
    });
    expect(await page.textContent('#case-facts')).toContain('属实');
    expect(await page.textContent('#case-sanctions')).toContain('诫勉谈话');
    expect(await page.textContent('#case-sanctions')).toContain('通报批评');
    // History in the viewer's language, in the words each kind of event is declared with.
    expect(await page.textContent('#case-history')).toContain(EVENT_KINDS.substantiated.words['zh-CN']);
    // History names the investigator by the directory's name, not by an account or an id.
    const actors = await page.locator('#case-history tr td:nth-child(2)').allTextContents();
    expect(actors).toContain('刘晓峰');
    expect(actors).not.toContain('guofu-cdi-investigator');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-case-page.png'), fullPage: true });

    await page.click('a[href="#/stats"]');
    await page.waitForSelector('#view-stats:not([hidden])');
    await page.waitForSelector('#chart-sanctions .uplot');
    // The figures are the daily aggregates', counted by the projector seconds after the conclusion: ask again
    // (the form's button) until they are in.
    await expect
      .poll(
        async () => {
          await page.click('#stats-form button[type="submit"]');
          await page.waitForTimeout(300);
          return page.getAttribute('#chart-sanctions', 'aria-label');
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('诫勉谈话: 1');
    expect(await page.getAttribute('#chart-sanctions', 'aria-label')).toContain('通报批评: 1');
    expect(await page.textContent('#stats-totals')).toContain('问责人数2');
    expect(await page.locator('.charts canvas').count()).toBe(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-statistics.png'), fullPage: true });

    await page.click('#lang');
    await expect
      .poll(() => page.getAttribute('#chart-sanctions', 'aria-label'))
      .toContain('admonition talk: 1');
    expect(await page.textContent('#view-stats h1')).toBe('Statistics');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-statistics-en.png'), fullPage: true });
    await page.click('#lang');
    expect(errors).toEqual([]);
  });

  it('an investigator files an inspection finding', async () => {
    const errors: string[] = [];
    const page = await watchedPage(errors);
    await signIn(page, 'gunan-cdi-investigator');
    await page.click('a[href="#/inspection"]');
    await page.fill('#insp-unit', '三角镇便民服务中心');
    await page.fill('#insp-observed', '暗访发现窗口工作人员上班时间玩手机，群众排队无人理会。');
    // Two hours ago on the browser's clock, which is this machine's.
    const seen = new Date(Date.now() - 7_200_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await page.fill(
      '#insp-at',
      `${seen.getFullYear()}-${pad(seen.getMonth() + 1)}-${pad(seen.getDate())}T${pad(seen.getHours())}:${pad(seen.getMinutes())}`,
    );
    await page.click('#inspection-form button[type="submit"]');
    await page.waitForSelector('#insp-done:not([hidden])');
    expect(await page.textContent('#insp-done')).toMatch(/HLI-/);
    await page.screenshot({ path: join(SCREENSHOTS, 'console-inspection.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('a supervisor transfers a case, and the conflict rule keeps the implicated body out of the choices', async () => {
    const errors: string[] = [];
    const page = await watchedPage(errors);
    await signIn(page, 'district-cdi-supervisor');
    await page.goto(`${runtime.url}/console/#/cases/${government.reference}`);
    await page.waitForSelector('#view-case:not([hidden])');
    await page.click('#case-actions button[data-action="transfer"]');
    const targets = await page
      .locator('#action-target option')
      .evaluateAll((options) => options.map((o) => (o as { value: string }).value));
    expect(targets).toContain('city-cdi');
    expect(targets).not.toContain('guofu-cdi');
    await page.selectOption('#action-target', 'city-cdi');
    await page.fill('#action-note', '涉及镇领导，报市纪委监委');
    await page.screenshot({ path: join(SCREENSHOTS, 'console-transfer.png'), fullPage: true });
    await page.click('#action-submit');
    await page.waitForSelector('#action-form', { state: 'hidden' });
    expect(await page.textContent('#case-facts')).toContain('city-cdi');
    expect(await page.textContent('#case-history')).toContain(EVENT_KINDS.transferred.words['zh-CN']);
    expect(errors).toEqual([]);
  });

  it('opens the case an email links to, once the investigator has signed in', async () => {
    const errors: string[] = [];
    const page = await watchedPage(errors);
    // The link a deadline email carries; nobody is signed in yet in this page.
    await page.goto(`${runtime.url}/console/#/cases/${government.reference}`);
    // The sign-in page is drawn for the link and again for the sign-in route it leads to: choose after both. The
    // city's supervisor has the case in their care wherever the earlier tests moved it.
    await page.waitForLoadState('networkidle');
    await page.selectOption('#signin-person', 'city-cdi-supervisor');
    expect(await page.inputValue('#signin-person')).toBe('city-cdi-supervisor');
    await page.focus('#signin-person');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view-case:not([hidden])');
    expect(await page.textContent('#view-case')).toContain(government.reference);
    expect(errors).toEqual([]);
  });

  it('the citizen’s status page shows the progress, and nothing from inside', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.url}/status?reference=${landOffice.reference}`);
    await page.fill('#receiptCode', landOffice.receiptCode);
    await page.click('#status-form button[type="submit"]');
    await page.waitForSelector('#status-result:not([hidden])');
    expect(await page.textContent('#status-value')).toContain('Verified');
    const milestones = (await page.textContent('#status-milestones')) ?? '';
    expect(milestones).toContain('Verification started');
    expect(milestones).toContain('Verified');
    expect(await page.content()).not.toContain('刘某');
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-status.png'), fullPage: true });
  });

  it('serves the console under the citizen pages’ strict CSP', async () => {
    const response = await fetch(`${runtime.url}/console/`);
    const citizen = await fetch(`${runtime.url}/status`);
    expect(response.status).toBe(200);
    // The citizen pages may also connect to the evidence bucket, where reporters' files are posted.
    expect(
      `${response.headers.get('content-security-policy')}; connect-src 'self' ${runtime.endpoints.s3}`,
    ).toBe(citizen.headers.get('content-security-policy'));
    expect((await fetch(`${runtime.url}/console/assets/uplot.js`)).status).toBe(200);
    expect((await fetch(`${runtime.url}/console/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});
