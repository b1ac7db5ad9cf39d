// The investigators' console in a real browser (Debian's Chromium, driven by playwright-core), walking a working
// day: a supervisor assigns a case, the investigator finds it in "my cases", signs for it, asks for more time and
// gets it, records findings and a sanction; a case is returned and routed again; a supervision mark shows in the
// list; a note is added; searches by reference and by official find the case; the CSV export has the list's rows;
// a statistics bar opens the list of its cases; a merge shows its target first. Each test files its own cases and
// signs in its own people, so any one runs alone. Every screen is checked with axe-core in both languages and
// photographed at 1280 and 390 px into .screenshots/ (git-ignored).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '#domain/events.ts';
import { DEVELOPMENT_CHANNEL_SECRETS, type LocalRuntime } from '#local/runtime.ts';
import {
  DESK,
  type InBrowser,
  launchBrowser,
  overflowsSideways,
  PHONE,
  screenshots,
  seriousViolations,
  watchedPage,
} from '#support/browser.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

async function complain(body: Record<string, unknown>) {
  const response = await fetch(`${runtime.url}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const { reference } = (await response.json()) as { reference: string };
  const token = await runtime.signToken('city-cdi-admin');
  for (let attempt = 0; attempt < 300; attempt++) {
    const found = await fetch(`${runtime.url}/cases/${reference}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (found.status === 200) {
      const file = (await found.json()) as { case: { bodyId?: string; category?: string } };
      if (file.case.bodyId !== undefined) return { reference, ...file.case };
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${reference} was never routed`);
}

/** A new browser session (its own tabs, storage and language) with one page signed in as this person. */
async function signedIn(person: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await watchedPage(context, errors);
  await page.goto(`${runtime.url}/console/`);
  await page.waitForSelector(`#signin-person option[value="${person}"]`, { state: 'attached' });
  await page.selectOption('#signin-person', person);
  // By keyboard: from the person's list, Tab reaches the sign-in button and Enter presses it.
  await page.focus('#signin-person');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#view-list:not([hidden])');
  return page;
}

async function openCase(page: Page, reference: string) {
  const address = `${runtime.url}/console/#/cases/${reference}`;
  // Going to the address a page is already at changes nothing: that page is loaded again, to show the case as it is.
  if (page.url() === address) await page.reload();
  else await page.goto(address);
  await page.waitForFunction(
    (wanted) =>
      (globalThis as unknown as InBrowser).document.querySelector('#view-case:not([hidden]) #case-reference')
        ?.textContent === wanted,
    reference,
  );
}

async function act(
  page: Page,
  action: string,
  fill: (page: Page) => Promise<unknown> = async () => undefined,
) {
  await page.click(`#case-actions button[data-action="${action}"]`);
  await page.waitForSelector('#action-form:not([hidden])');
  await fill(page);
  await page.click('#action-submit');
  await page.waitForSelector('#action-form', { state: 'hidden' });
}

/** A day of the office's calendar, `days` from today. */
function officeDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Checks the screen with axe and photographs it, in Chinese and then in English (and back to Chinese). */
async function everyLanguage(page: Page, name: string, ready: string) {
  for (const language of ['zh', 'en'] as const) {
    const lang = await page.evaluate(
      () => (globalThis as unknown as InBrowser).document.documentElement.lang,
    );
    if (lang !== (language === 'zh' ? 'zh-CN' : 'en')) {
      await page.click('#lang');
    }
    await page.waitForSelector(ready);
    await page.waitForLoadState('networkidle');
    // The bar and the status line follow the language too (a role, the last message).
    if (language === 'en') expect(await page.textContent('header')).not.toMatch(/承办人员|负责人|退出/);
    if (language === 'en') expect(await page.textContent('#flash')).not.toMatch(/已完成/);
    expect(await seriousViolations(page), `${name} in ${language}`).toEqual([]);
    await screenshots(page, `${name}-${language}`);
  }
  await page.click('#lang');
  await page.waitForSelector(ready);
}

let assigned: { reference: string };
let returned: { reference: string };
let supervised: { reference: string };
let searched: { reference: string; category?: string };
let counted: { reference: string; category?: string };
let survivor: { reference: string };
let duplicate: { reference: string };

beforeAll(async () => {
  runtime = await startTestRuntime();
  browser = await launchBrowser();
  [assigned, returned, supervised, searched, counted, survivor, duplicate] = await Promise.all([
    complain({
      description: '三角镇便民服务中心办证窗口的工作人员说要“意思一下”，索要两百元才给盖章。',
      subjectUnit: '三角镇便民服务中心',
      officialName: '王某',
      incidentDate: officeDay(-3),
      location: '办证大厅2号窗口',
      amountDemanded: '200元',
    }),
    complain({
      description: '郭扶镇国土所窗口人员推诿，说材料不齐，让我跑了五趟还不给办宅基地手续。',
      subjectUnit: '郭扶国土所',
    }),
    complain({
      description: '古南街道统计站的工作人员上班时间打牌，群众去办事没人理，态度恶劣。',
      subjectUnit: '古南街道统计站',
    }),
    complain({
      description: '三角镇便民服务中心医保窗口的赵德明收了我两条烟才给办理报销。',
      subjectUnit: '三角镇便民服务中心',
      officialName: '赵德明',
    }),
    complain({
      description: '古南街道统计站的人说不请吃饭就不给盖章，拖了半个月。',
      subjectUnit: '古南街道统计站',
    }),
    complain({
      description: '郭扶镇国土所的刘某索要好处费三百元才给办土地证，我没给就一直拖着。',
      subjectUnit: '郭扶国土所',
      officialName: '刘某',
    }),
    complain({
      description: '郭扶镇国土资源管理所刘某要三百块钱好处费，不给就不办土地证。',
      subjectUnit: '郭扶国土所',
      officialName: '刘某',
    }),
  ]);
  // Seven complaints through intake and triage, an emulated stack and a browser, on two shared cores.
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

// Each test walks several screens in two languages, with axe and screenshots on each: minutes, not seconds.
describe("an investigator's working day in the console", { timeout: 180_000 }, () => {
  it('a supervisor assigns; the investigator signs for it, gets more time, records findings and a sanction', async () => {
    const errors: string[] = [];
    const boss = await signedIn('sanjiao-cdi-supervisor', errors);
    await openCase(boss, assigned.reference);
    // Every fact of the case, in words: the demand, the date, the place, the unit and body by name.
    const facts = (await boss.textContent('#case-facts')) ?? '';
    expect(facts).toContain('200元');
    expect(facts).toContain('办证大厅2号窗口');
    expect(facts).toContain('三角镇公共服务中心');
    expect(facts).toContain('三角镇纪委');
    expect(facts).toContain('尚无人签收');
    expect(facts).not.toContain('sanjiao-');
    // Triage's reasons in words (the term it matched and the category), never a rule id with JSON.
    const reasons = (await boss.textContent('#case-reasons')) ?? '';
    expect(reasons).toMatch(/匹配“[^”]*意思一下[^”]*” → 吃拿卡要/);
    expect(reasons).not.toMatch(/[{}]|route\.|category\./);
    expect(await boss.textContent('#case-clocks')).toMatch(/签收期限.*核查期限/s);
    await act(boss, 'assign', (p) => p.selectOption('#action-assignee', 'sanjiao-cdi-investigator'));
    expect(await boss.textContent('#case-facts')).toContain('郑海波');
    await everyLanguage(boss, 'console-case', '#view-case:not([hidden]) #case-facts dt');

    const worker = await signedIn('sanjiao-cdi-investigator', errors);
    // "My cases" is an investigator's list when they sign in.
    expect(await worker.inputValue('#filters select[name="assignee"]')).toBe('me');
    const row = worker.locator('#case-rows tr', { hasText: assigned.reference });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('郑海波');
    await everyLanguage(worker, 'console-my-cases', '#case-rows tr');

    await row.locator('a').click();
    await worker.waitForSelector('#view-case:not([hidden])');
    await act(worker, 'acknowledge', (p) => p.fill('#action-note', '已签收，安排核查'));
    await act(worker, 'request-extension', async (p) => {
      await p.fill('#action-until', officeDay(10));
      await p.fill('#action-note', '需调取三个月的监控录像');
    });
    expect(await worker.textContent('#case-facts')).toContain('延期申请');
    await everyLanguage(worker, 'console-case-extension-asked', '#view-case:not([hidden]) #case-facts dt');

    // The supervisor's tab, still on the case, shows the request when it is looked at again.
    await boss.evaluate(() =>
      (globalThis as unknown as InBrowser).document.dispatchEvent(new Event('visibilitychange')),
    );
    await boss.waitForSelector('#case-actions button[data-action="grant-extension"]');
    await act(boss, 'grant-extension', (p) => p.fill('#action-note', '同意'));
    expect(await boss.textContent('#case-facts')).toContain('已延期至');
    expect(await boss.textContent('#case-clocks')).toContain(
      new Date(`${officeDay(10)}T12:00:00Z`).getUTCDate().toString(),
    );

    await openCase(worker, assigned.reference);
    await act(worker, 'verify');
    await worker.click('#case-actions button[data-action="substantiate"]');
    await worker.fill('#action-findings', '经调取监控、询问当事人，窗口工作人员王某索要好处费属实。');
    await worker.fill('#sanction-person-0', '三角镇便民服务中心窗口工作人员王某');
    await worker.check('#sanction-0-admonition_talk');
    await everyLanguage(worker, 'console-substantiate-form', '#action-form:not([hidden]) #action-findings');
    await worker.click('#action-submit');
    await worker.waitForSelector('#action-form', { state: 'hidden' });
    expect(await worker.textContent('#case-sanctions')).toContain('诫勉谈话');
    // History in the viewer's language, with people's names.
    const history = (await worker.textContent('#case-history')) ?? '';
    for (const kind of ['assigned', 'extension-requested', 'extension-granted', 'substantiated'] as const)
      expect(history).toContain(EVENT_KINDS[kind].words['zh-CN']);
    expect(history).toContain('林淑芬');
    expect(history).not.toContain('sanjiao-cdi-');
    expect(errors).toEqual([]);
  });

  it('a case returned by its body goes to be routed again by hand, and the district routes it elsewhere', async () => {
    const errors: string[] = [];
    const worker = await signedIn('guofu-cdi-investigator', errors);
    await openCase(worker, returned.reference);
    await act(worker, 'return', (p) => p.fill('#action-note', '不属本机关管辖，请重新分派'));
    // Out of the body's sight at once.
    await expect.poll(async () => (await worker.textContent('#flash')) ?? '').toMatch(/没有此案件|退单/);

    const dispatcher = await signedIn('district-cdi-supervisor', errors);
    await dispatcher.selectOption('#filters select[name="show"]', 'received');
    const row = dispatcher.locator('#case-rows tr', { hasText: returned.reference });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('需复核');
    await openCase(dispatcher, returned.reference);
    expect(await dispatcher.textContent('#case-facts')).toContain('郭扶镇纪委');
    await act(dispatcher, 'triage', async (p) => {
      await p.selectOption('#action-category', 'obstruction');
      await p.selectOption('#action-severity', 'normal');
      await p.selectOption('#action-body', 'district-cdi');
    });
    expect(await dispatcher.textContent('#case-facts')).toContain('区纪委监察局');
    expect(await dispatcher.textContent('#case-history')).toContain(EVENT_KINDS.returned.words['zh-CN']);
    expect(errors).toEqual([]);
  });

  it('a supervision mark shows in the list, and a note is added to the history', async () => {
    const errors: string[] = [];
    const boss = await signedIn('gunan-cdi-supervisor', errors);
    await openCase(boss, supervised.reference);
    await act(boss, 'supervise', async (p) => {
      await p.fill('#action-by', officeDay(2));
      await p.fill('#action-note', '群众反映强烈，限期办结');
    });
    expect(await boss.textContent('#case-marks')).toContain('督办');
    await boss.fill('#note-text', '已电话联系统计站负责人');
    await boss.click('#note-submit');
    await expect.poll(() => boss.textContent('#case-history')).toContain('已电话联系统计站负责人');
    const note = boss.locator('#case-history tr.note').first();
    expect(await note.textContent()).toContain(EVENT_KINDS.note.words['zh-CN']);
    expect(await note.textContent()).toContain('吴秀兰');

    const worker = await signedIn('gunan-cdi-investigator', errors);
    await worker.selectOption('#filters select[name="assignee"]', '');
    await worker.check('#filters input[name="supervised"]');
    // Filters apply as they change: no button to press.
    await expect
      .poll(() => worker.locator('#case-rows tr').allTextContents())
      .toEqual([expect.stringContaining(supervised.reference)]);
    expect(await worker.textContent('#case-rows')).toContain('督办');
    expect(worker.url()).toContain('supervised=true');
    await everyLanguage(worker, 'console-supervised-list', '#case-rows tr');
    expect(errors).toEqual([]);
  });

  it('a phone case shows its line, operator, length and that the caller asked to be called back', async () => {
    const body = JSON.stringify({
      callId: `console-${randomUUID()}`,
      line: 'reporting-line',
      operatorId: 'op-7',
      durationSeconds: 185,
      callerNumber: '+86 138 0013 8000',
      anonymous: false,
      callbackRequested: true,
      summary: '来电反映三角镇便民服务中心窗口人员索要红包才给盖章。',
      subjectUnit: '三角镇便民服务中心',
    });
    const id = `msg_${randomUUID()}`;
    const now = new Date();
    const response = await fetch(`${runtime.url}/webhooks/telephony`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(DEVELOPMENT_CHANNEL_SECRETS['webhook-signing']).sign(id, now, body),
      },
      body,
    });
    expect(response.status).toBe(202);
    const { reference } = (await response.json()) as { reference: string };
    const errors: string[] = [];
    const boss = await signedIn('sanjiao-cdi-supervisor', errors);
    await expect
      .poll(async () => {
        await openCase(boss, reference);
        return boss.textContent('#case-facts');
      })
      .toContain('三角镇纪委');
    const facts = (await boss.textContent('#case-facts')) ?? '';
    expect(facts).toMatch(/来电线路\s*举报专线/);
    expect(facts).toMatch(/接线员\s*op-7/);
    expect(facts).toMatch(/通话时长\s*3 分 5 秒/);
    expect(facts).toMatch(/要求回电\s*是/);
    // The number is not on the page until a supervisor opens it, which the history records.
    expect(await boss.textContent('#view-case')).not.toContain('0013 8000');
    await everyLanguage(boss, 'console-call-case', '#view-case:not([hidden]) #case-facts dt');
    expect(errors).toEqual([]);
  });

  it('the list says how many cases came in since it was shown, and shows them when asked', async () => {
    const errors: string[] = [];
    const boss = await signedIn('gunan-cdi-supervisor', errors);
    await boss.waitForLoadState('networkidle');
    expect(await boss.isVisible('#list-new')).toBe(false);
    const arrived = await complain({
      description: '古南街道统计站的工作人员收了五百元红包才给出具证明。',
      subjectUnit: '古南街道统计站',
    });
    // The list looks every half minute, and at once when its tab is shown again.
    await expect
      .poll(async () => {
        await boss.evaluate(() =>
          (globalThis as unknown as InBrowser).document.dispatchEvent(new Event('visibilitychange')),
        );
        return boss.isVisible('#list-new');
      })
      .toBe(true);
    expect(await boss.textContent('#list-new')).toMatch(/^1 件新案件/);
    // The rows did not move under the reader: the new case is not among them until asked for.
    expect(await boss.textContent('#case-rows')).not.toContain(arrived.reference);
    await boss.click('#list-new');
    await expect.poll(() => boss.textContent('#case-rows')).toContain(arrived.reference);
    expect(await boss.isVisible('#list-new')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('finds a case by reference and by official however written, and exports the filtered list as CSV', async () => {
    const errors: string[] = [];
    const worker = await signedIn('sanjiao-cdi-investigator', errors);
    await worker.selectOption('#filters select[name="assignee"]', '');
    await worker.fill('#search', searched.reference.toLowerCase());
    await expect
      .poll(() => worker.locator('#case-rows tr').allTextContents())
      .toEqual([expect.stringContaining(searched.reference)]);
    await worker.selectOption('#search-by', 'official');
    await worker.fill('#search', '趙德明');
    await expect
      .poll(() => worker.locator('#case-rows tr').allTextContents())
      .toEqual([expect.stringContaining(searched.reference)]);
    await everyLanguage(worker, 'console-search', '#case-rows tr');
    // By words of the complaint.
    await worker.selectOption('#search-by', 'text');
    await worker.fill('#search', '两条烟');
    await expect
      .poll(() => worker.locator('#case-rows tr').allTextContents())
      .toEqual([expect.stringContaining(searched.reference)]);

    await worker.fill('#search', '');
    await worker.selectOption('#filters select[name="show"]', 'all');
    await worker.selectOption('#filters select[name="category"]', searched.category ?? 'solicitation');
    await expect.poll(() => worker.url()).toContain(`category=${searched.category}`);
    await worker.waitForLoadState('networkidle');
    const listed = (await worker.locator('#case-rows tr td:first-child a').allTextContents()).sort();
    expect(listed).toContain(searched.reference);
    const [download] = await Promise.all([worker.waitForEvent('download'), worker.click('#list-export')]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toContain('受理编号 reference');
    expect(
      rows
        .slice(1)
        .map((line) => line.split(',')[0])
        .sort(),
    ).toEqual(listed);
    expect(csv).not.toContain('赵德明收了');
    // Received from tomorrow on: nothing; from today: the case again (days of the office's calendar).
    await worker.fill('#filters input[name="from"]', officeDay(1));
    await expect.poll(() => worker.isVisible('#list-empty')).toBe(true);
    await worker.fill('#filters input[name="from"]', officeDay(0));
    await expect
      .poll(() => worker.locator('#case-rows tr td:first-child a').allTextContents())
      .toContain(searched.reference);
    expect(worker.url()).toContain(`from=${officeDay(0)}`);
    expect(errors).toEqual([]);
  });

  it('a bar of the statistics opens the list of its cases', async () => {
    const errors: string[] = [];
    const boss = await signedIn('gunan-cdi-supervisor', errors);
    await boss.click('a[href="#/stats"]');
    await boss.waitForSelector('#view-stats:not([hidden])');
    // The default period ends today in the office's calendar (Shanghai's date, not UTC's).
    await expect.poll(() => boss.inputValue('#stats-form input[name="to"]')).toBe(officeDay(0));
    const category = counted.category ?? 'other';
    const bar = boss.locator(`#chart-category a[href*="category=${category}"]`);
    // The figures are the daily aggregates', counted seconds after the events: ask again until they are in.
    await expect
      .poll(
        async () => {
          await boss.dispatchEvent('#stats-form', 'change');
          await boss.waitForLoadState('networkidle');
          return bar.count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    // Whole numbers, names not ids, and "no cases" rather than 0%.
    expect(await boss.textContent('#view-stats')).not.toMatch(/gunan-|NaN|\b0%/);
    expect(await boss.textContent('#stats-bodies')).toContain('古南街道纪工委');
    // Nobody has rated an outcome on this runtime: the reporters' satisfaction reads "no ratings", not 0%.
    expect(await boss.textContent('#stats-totals')).toContain('举报人满意无评价');
    expect(await boss.locator('#chart-trend canvas').count()).toBeGreaterThan(0);
    await everyLanguage(boss, 'console-statistics', '#chart-category li');
    // The trend follows the window down to a phone's width: none of it is cut off.
    await boss.setViewportSize(PHONE);
    await expect
      .poll(() => boss.$eval('#chart-trend', (box) => box.scrollWidth <= box.clientWidth))
      .toBe(true);
    expect(await overflowsSideways(boss)).toBe(false);
    await boss.setViewportSize(DESK);
    await bar.click();
    await boss.waitForSelector('#view-list:not([hidden])');
    await expect
      .poll(() => boss.locator('#case-rows tr td:first-child a').allTextContents())
      .toContain(counted.reference);
    expect(boss.url()).toContain(`category=${category}`);
    // Each body's row opens the list of that body's cases of the period.
    await boss.click('a[href="#/stats"]');
    await boss.waitForSelector('#view-stats:not([hidden])');
    const row = boss.locator('#stats-bodies a[href*="body=gunan-cdi"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toBe('古南街道纪工委');
    await row.click();
    await boss.waitForSelector('#view-list:not([hidden])');
    expect(await boss.inputValue('#filters select[name="body"]')).toBe('gunan-cdi');
    await expect
      .poll(() => boss.locator('#case-rows tr td:first-child a').allTextContents())
      .toContain(counted.reference);
    expect(errors).toEqual([]);
  });

  it('a merge shows the target case before it is confirmed', async () => {
    const errors: string[] = [];
    const worker = await signedIn('guofu-cdi-investigator', errors);
    await openCase(worker, duplicate.reference);
    await worker.click('#case-actions button[data-action="merge"]');
    await worker.fill('#action-merge', 'HLW-00000-00000');
    await expect.poll(() => worker.textContent('#merge-preview')).toContain('找不到此案件');
    await worker.fill('#action-merge', survivor.reference);
    await expect.poll(() => worker.textContent('#merge-preview')).toContain('郭扶镇国土资源管理所');
    expect(await worker.textContent('#merge-preview')).toContain('刘某索要好处费三百元');
    await everyLanguage(worker, 'console-merge-preview', '#merge-preview dl');
    await worker.click('#action-submit');
    await worker.waitForSelector('#action-form', { state: 'hidden' });
    expect(await worker.textContent('#case-facts')).toContain(survivor.reference);
    expect(errors).toEqual([]);
  });
});

describe('the console on a phone, in other tabs, and for the inspector', { timeout: 120_000 }, () => {
  it('the list and the case page fit a 390 px phone, with no text broken letter by letter', async () => {
    const errors: string[] = [];
    const boss = await signedIn('guofu-cdi-supervisor', errors);
    await boss.setViewportSize(PHONE);
    await boss.waitForSelector('#case-rows tr');
    expect(await overflowsSideways(boss)).toBe(false);
    // Each cell of a row reads on one or two lines, never one character per line.
    const tallest = await boss.$$eval('#case-rows td', (cells) =>
      Math.max(...cells.map((cell) => cell.getBoundingClientRect().height)),
    );
    expect(tallest).toBeLessThan(60);
    await openCase(boss, survivor.reference);
    expect(await overflowsSideways(boss)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('one sign-in serves every tab of the browser session, and signing out in one signs out all', async () => {
    const errors: string[] = [];
    const first = await signedIn('guofu-cdi-investigator', errors);
    const second = await watchedPage(first.context(), errors);
    // A link opened in a new tab (an email's, say): no sign-in asked, the case shown.
    await second.goto(`${runtime.url}/console/#/cases/${survivor.reference}`);
    await second.waitForSelector('#view-case:not([hidden])');
    expect(await second.textContent('#whoami')).toContain('刘晓峰');
    // The token is never where another site's scripts could read it: no cookie, no localStorage.
    expect(await first.context().cookies()).toEqual([]);
    expect(JSON.stringify(await second.evaluate(() => ({ ...localStorage })))).not.toMatch(/eyJ/);
    await second.click('#signout');
    await first.waitForSelector('#view-signin:not([hidden])');
    expect(await first.evaluate(() => sessionStorage.getItem('console.token'))).toBeNull();
    // A new session (another browser window's) is not signed in by this one's tabs.
    const stranger = await watchedPage(await browser.newContext(), errors);
    await stranger.goto(`${runtime.url}/console/`);
    await stranger.waitForSelector('#view-signin:not([hidden])');
    expect(errors).toEqual([]);
  });

  it('an inspection finding cannot be dated in the future, and a refusal reads in the viewer’s language', async () => {
    const errors: string[] = [];
    const page = await signedIn('gunan-cdi-investigator', errors);
    await page.click('a[href="#/inspection"]');
    await page.waitForSelector('#view-inspection:not([hidden])');
    await everyLanguage(page, 'console-inspection', '#inspection-form');
    // Nothing filled in: the API refuses, and the page says which fields, in Chinese, with no English of zod's.
    await page.click('#inspection-form button[type="submit"]');
    await expect.poll(() => page.textContent('#insp-error')).toContain('被暗访单位');
    expect(await page.textContent('#insp-error')).not.toMatch(/[A-Za-z]{4,}/);
    // And in English, with no Chinese.
    await page.click('#lang');
    await page.click('#inspection-form button[type="submit"]');
    await expect.poll(() => page.textContent('#insp-error')).toContain('Unit inspected');
    expect(await page.textContent('#insp-error')).not.toMatch(/[\u4e00-\u9fff]/);
    await page.click('#lang');
    await page.fill('#insp-unit', '古南街道统计站');
    await page.fill('#insp-observed', '暗访发现窗口工作人员上班时间玩手机，群众排队无人理会。');
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = (at: Date) =>
      `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    await page.fill('#insp-at', local(new Date(Date.now() + 86_400_000)));
    await page.click('#inspection-form button[type="submit"]');
    expect(await page.textContent('#insp-error')).toBe('暗访时间不能晚于现在');
    await page.fill('#insp-at', local(new Date(Date.now() - 7_200_000)));
    await page.click('#inspection-form button[type="submit"]');
    await page.waitForSelector('#insp-done:not([hidden])');
    expect(await page.textContent('#insp-done')).toMatch(/HLI-/);
    expect(errors).toEqual([]);
  });

  it('the sign-in page passes axe in both languages', async () => {
    const errors: string[] = [];
    const page = await watchedPage(await browser.newContext(), errors);
    await page.goto(`${runtime.url}/console/`);
    await page.waitForSelector('#view-signin:not([hidden]) #signin-person option', { state: 'attached' });
    await everyLanguage(page, 'console-sign-in', '#view-signin:not([hidden]) #signin-person');
    expect(errors).toEqual([]);
  });

  it('serves the console under the citizen pages’ strict CSP, its modules and office names, and nothing else', async () => {
    const response = await fetch(`${runtime.url}/console/`);
    const citizen = await fetch(`${runtime.url}/status`);
    expect(response.status).toBe(200);
    // The citizen pages may also connect to the evidence bucket, where reporters' files are posted.
    expect(
      `${response.headers.get('content-security-policy')}; connect-src 'self' ${runtime.endpoints.s3}`,
    ).toBe(citizen.headers.get('content-security-policy'));
    for (const asset of ['uplot.js', 'main.js', 'i18n.js', 'case-page.js'])
      expect((await fetch(`${runtime.url}/console/assets/${asset}`)).status).toBe(200);
    const office = (await (await fetch(`${runtime.url}/console/assets/office.json`)).json()) as {
      timeZone: string;
      bodies: Record<string, { zh: string }>;
      units: Record<string, { zh: string }>;
    };
    expect(office.timeZone).toBe('Asia/Shanghai');
    expect(office.bodies['sanjiao-cdi']?.zh).toBe('三角镇纪委');
    expect(office.units['sanjiao-service-center']?.zh).toBe('三角镇公共服务中心');
    // Public facts of the office only: no person, no address.
    expect(JSON.stringify(office)).not.toMatch(/@|郑海波|\+86/);
    expect((await fetch(`${runtime.url}/console/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${runtime.url}/console/assets/types.d.ts`)).status).toBe(404);
  });
});

// The citizens' pages carry both languages at once (each Chinese label with its English); checked the same way.
describe("the citizens' pages", { timeout: 120_000 }, () => {
  it('the form hides and disables the contact fields while anonymous; form, receipt and status pass axe', async () => {
    const errors: string[] = [];
    const page = await watchedPage(await browser.newContext(), errors);
    await page.goto(`${runtime.url}/`);
    await page.waitForSelector('#description');
    // Anonymous is the default: name, phone and email are neither shown nor reachable (nothing typed is dropped).
    for (const field of ['#contact-name', '#contact-phone', '#contact-email']) {
      expect(await page.isVisible(field), field).toBe(false);
      expect(await page.isDisabled(field), field).toBe(true);
    }
    expect(await seriousViolations(page), 'the form').toEqual([]);
    await screenshots(page, 'citizen-form');

    await page.check('input[name="anonymous"][value="false"]');
    expect(await page.isVisible('#contact-email')).toBe(true);
    expect(await page.isEnabled('#contact-email')).toBe(true);
    await page.fill('#contact-email', 'not-an-email');
    await page.fill('#description', '太短了');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#description-error:not(:empty)');
    expect(await seriousViolations(page), 'the form with its errors').toEqual([]);
    await screenshots(page, 'citizen-form-errors');

    await page.check('input[name="anonymous"][value="true"]');
    expect(await page.isVisible('#contact-email')).toBe(false);
    expect(await page.isDisabled('#contact-email')).toBe(true);
    await page.fill('#description', '三角镇便民服务中心的窗口人员说要先请吃饭才给办营业执照，拖了一个月。');
    await page.click('button[type="submit"]');
    await page.waitForSelector('#receipt:not([hidden])');
    expect(await seriousViolations(page), 'the receipt').toEqual([]);
    await screenshots(page, 'citizen-receipt');

    const code = ((await page.textContent('#receipt-code')) ?? '').replace(/\s/g, '');
    await page.click('#receipt-status-link');
    await page.waitForURL(/\/status/);
    expect(await seriousViolations(page), 'the status page').toEqual([]);
    await page.fill('#receiptCode', code);
    await page.click('#status-form button[type="submit"]');
    await page.waitForSelector('#status-result:not([hidden])');
    expect(await seriousViolations(page), 'a status').toEqual([]);
    await screenshots(page, 'citizen-status');
    expect(errors).toEqual([]);
  });
});
