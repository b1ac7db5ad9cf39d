// The reporter's side in a real browser (Debian's Chromium, driven by playwright-core): an investigator asks (through
// the API), the anonymous reporter answers on the status page and the investigator reads the answer; a reporter with
// contact details is told a question waits and the conclusion (no content, no receipt code), rates 不满意 on the
// status page, and the supervisor sees the flag and reopens; the public accountability page shows the month with
// its sanction counts and "<3", in Chinese and in English. Screenshots go to .screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { launchBrowser } from '#support/browser.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', '.screenshots');

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  runtime = await startTestRuntime();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

async function call(method: string, path: string, options: { as?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.as !== undefined) headers.authorization = `Bearer ${await runtime.signToken(options.as)}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: each step reads the answer shape of the route it calls.
  return { status: response.status, text, json: (text.startsWith('{') ? JSON.parse(text) : {}) as any };
}

async function complain(contact?: { email: string }) {
  const answer = await call('POST', '/complaints', {
    body: {
      description: '郭扶镇国土所窗口工作人员说要“意思一下”才给办证，索要两百元。',
      subjectUnit: '郭扶国土所',
      ...(contact === undefined ? {} : { anonymous: false, contact }),
    },
  });
  expect(answer.status).toBe(202);
  const { reference, receiptCode } = answer.json as { reference: string; receiptCode: string };
  await expect
    .poll(async () => (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-investigator' })).status, {
      timeout: 60_000,
    })
    .toBe(200);
  return { reference, receiptCode };
}

async function act(
  reference: string,
  action: string,
  extra: Record<string, unknown> = {},
  as = 'guofu-cdi-investigator',
) {
  const version = (await call('GET', `/cases/${reference}`, { as })).json.case.version;
  const answer = await call('POST', `/cases/${reference}/actions`, {
    as,
    body: { action, expectedVersion: version, ...extra },
  });
  expect(answer.status, `${action}: ${answer.text}`).toBe(200);
  return answer.json;
}

async function openStatus(reference: string, receiptCode: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${runtime.url}/status?reference=${reference}`);
  await page.fill('#receiptCode', receiptCode);
  await page.click('#status-form button[type="submit"]');
  await page.waitForSelector('#status-result:not([hidden])');
  expect(errors).toEqual([]);
  return page;
}

const outbox = async () =>
  (await call('GET', '/local/outbox')).json as { emails: { to: string; subject: string; text: string }[] };

describe("the reporter's side in the browser", () => {
  it('asks, answers through the status page, tells, rates 不满意, reopens, and publishes the month', async () => {
    // The anonymous reporter answers a question on the status page.
    const anonymous = await complain();
    await act(anonymous.reference, 'acknowledge');
    const question = '请问您是哪一天去办理的？';
    await act(anonymous.reference, 'ask', { message: question });
    const page = await openStatus(anonymous.reference, anonymous.receiptCode);
    expect(await page.textContent('#status-question-list')).toContain(question);
    await page.fill('.answer-form textarea', '11月20日上午，3号窗口。');
    await page.click('.answer-form button[type="submit"]');
    await page.waitForSelector('#status-question-list .answer');
    expect(await page.textContent('#status-question-list')).toContain('3号窗口');
    await page.fill('#addition', '当时还有另一位群众也被要求给钱。');
    await page.click('#addition-form button[type="submit"]');
    await page.waitForSelector('#status-addition-list li');
    await page.screenshot({ path: join(SCREENSHOTS, 'status-question-answered.png'), fullPage: true });
    const file = (await call('GET', `/cases/${anonymous.reference}`, { as: 'guofu-cdi-investigator' })).json;
    expect(file.case.reporterThread.questions[0].answer.text).toBe('11月20日上午，3号窗口。');
    expect(file.case.reporterThread.additions[0].text).toBe('当时还有另一位群众也被要求给钱。');

    // A reporter with contact details: told a question waits, then the conclusion, never what anyone wrote.
    const email = 'browser-reporter@example.org';
    const named = await complain({ email });
    await act(named.reference, 'acknowledge');
    await act(named.reference, 'ask', { message: '您能提供收款的微信截图吗？' });
    await act(named.reference, 'verify');
    await act(named.reference, 'substantiate', {
      findings: '经调查，三名窗口工作人员索要好处费属实。',
      sanctions: [
        { person: '窗口工作人员甲', kinds: ['admonition_talk'] },
        { person: '窗口工作人员乙', kinds: ['admonition_talk'] },
        { person: '窗口工作人员丙', kinds: ['admonition_talk', 'notified_criticism'] },
      ],
    });
    await expect
      .poll(async () => (await outbox()).emails.filter((e) => e.to === email).map((e) => e.subject), {
        timeout: 60_000,
      })
      .toEqual(
        expect.arrayContaining([
          `您的举报${named.reference}有一个问题等待您答复`,
          `您的举报${named.reference}已核查完毕`,
        ]),
      );
    for (const e of (await outbox()).emails.filter((m) => m.to === email)) {
      expect(e.text).not.toContain(named.receiptCode);
      expect(e.text).not.toContain('微信截图');
      expect(e.text).not.toContain('窗口工作人员甲');
    }

    // The reporter rates 不满意 on the status page.
    const rating = await openStatus(named.reference, named.receiptCode);
    await rating.waitForSelector('#rating-form:not([hidden])');
    expect(await rating.textContent('#status-outcome-text')).toContain('3');
    await rating.check('input[name="rating"][value="dissatisfied"]');
    await rating.fill('#rating-comment', '处理太轻。');
    await rating.click('#rating-form button[type="submit"]');
    await rating.waitForSelector('#status-rating:not([hidden])');
    expect(await rating.isHidden('#rating-form')).toBe(true);
    expect(await rating.textContent('#status-rating-text')).toContain('不满意');
    // Concluded: the question left unanswered is no longer open, and nothing more is taken but the rating.
    expect(await rating.isHidden('#addition-form')).toBe(true);
    expect(await rating.locator('.answer-form').count()).toBe(0);
    await rating.screenshot({ path: join(SCREENSHOTS, 'status-rated.png'), fullPage: true });

    // The supervisor sees the flag and reopens.
    const flagged = await call('GET', '/cases?dissatisfied=true', { as: 'guofu-cdi-supervisor' });
    expect(flagged.json.cases.map((c: { reference: string }) => c.reference)).toEqual([named.reference]);
    const reopened = await act(
      named.reference,
      'reopen',
      { note: '举报人不满意，重新核查。' },
      'guofu-cdi-supervisor',
    );
    expect(reopened.case.status).toBe('verifying');
    // Verified again: the reopening took the first conclusion's figures back; this one counts.
    await act(named.reference, 'substantiate', {
      findings: '重新核查，维持原处理并加重。',
      sanctions: [
        { person: '窗口工作人员甲', kinds: ['admonition_talk'] },
        { person: '窗口工作人员乙', kinds: ['admonition_talk'] },
        { person: '窗口工作人员丙', kinds: ['admonition_talk', 'notified_criticism'] },
      ],
    });

    // The public page: the month with its sanction counts, "<3" where small, in both languages.
    await expect
      .poll(
        async () =>
          (await call('GET', '/accountability/data.json')).json.periods?.month?.total?.peopleHeldAccountable,
        {
          timeout: 90_000,
          interval: 2000,
        },
      )
      .toBe(3);
    for (const language of ['zh', 'en'] as const) {
      const publicPage = await browser.newPage();
      const errors: string[] = [];
      publicPage.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await publicPage.goto(`${runtime.url}/accountability?lang=${language}`);
      const text = (await publicPage.textContent('body')) ?? '';
      expect(text).toContain(language === 'zh' ? '诫勉谈话' : 'admonition talks');
      expect(text).toContain('<3');
      expect(text).toMatch(language === 'zh' ? /问责3人|3人/ : /3 people were held accountable/);
      expect(text).not.toContain(named.reference);
      await publicPage.screenshot({
        path: join(SCREENSHOTS, `accountability-${language}.png`),
        fullPage: true,
      });
      expect(errors).toEqual([]);
    }
  }, 240_000);
});
