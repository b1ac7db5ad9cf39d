// A citizen in a real browser (Debian's Chromium, driven by playwright-core): fill the form, keep the receipt,
// follow the case on the status page.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '#support/browser.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { startTestRuntime } from '../support/local-runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

describe('a citizen in the browser', () => {
  it('files an anonymous complaint, gets a reference and receipt code, and sees the case on the status page', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(`${runtime.url}/`);
    await page.fill('#description', '三角镇便民服务中心办证窗口的工作人员说不给好处费就一直拖着不办。');
    await page.fill('#subjectUnit', '三角镇便民服务中心');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#receipt:not([hidden])');
    const reference = (await page.textContent('#receipt-reference')) ?? '';
    const code = (await page.textContent('#receipt-code')) ?? '';
    expect(reference).toMatch(/^HLW-/);
    expect(code).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);

    await page.click('#receipt-status-link');
    await page.waitForURL(/\/status\?reference=/);
    expect(page.url()).not.toContain(code.replace(/ /g, ''));
    expect(await page.inputValue('#reference')).toBe(reference);
    await page.fill('#receiptCode', code);
    for (let attempt = 0; attempt < 30; attempt++) {
      await page.click('#status-form button[type="submit"]');
      await page.waitForSelector('#status-result:not([hidden])');
      if ((await page.textContent('#status-value'))?.includes('Assigned')) break;
      await page.waitForTimeout(300);
    }
    expect(await page.textContent('#status-value')).toContain('已分派核查');
    expect(await page.textContent('#status-milestones')).toContain('Received');
    expect(await page.textContent('#status-milestones')).toContain('Assigned');
    await page.screenshot({ path: join(tmpdir(), 'hotline-status-page.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows field errors next to the fields and files nothing', async () => {
    const page = await browser.newPage();
    await page.goto(`${runtime.url}/`);
    await page.fill('#description', '太短了');
    await page.check('input[name="anonymous"][value="false"]');
    await page.fill('#contact-email', 'not-an-email');
    await page.click('button[type="submit"]');

    await page.waitForSelector('#description-error:not(:empty)');
    expect(await page.getAttribute('#description', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#contact.email-error'.replace('.', '\\.'))).not.toBe('');
    expect(await page.isHidden('#receipt')).toBe(true);
  });

  it('refuses a complaint another site makes the browser post (a cross-site form), with the JSON 403', async () => {
    // Another site: this machine under another name (`localhost` is not the same site as `127.0.0.1`).
    const action = `${runtime.url}/complaints`;
    const evil = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<form method="post" action="${action}"><input name="description" value="郭扶镇国土所的人索要两千元红包才给办证。"></form>` +
          '<script>document.forms[0].submit()</script>',
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const page = await browser.newPage();
      const answered = page.waitForResponse(action);
      await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
      const answer = await answered;
      expect((await answer.request().allHeaders())['sec-fetch-site']).toBe('cross-site');
      expect(answer.status()).toBe(403);
      expect(await answer.json()).toMatchObject({ error: { code: 'cross-site-request' } });
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }
  });
});
