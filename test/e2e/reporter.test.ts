// The reporter's side on the local runtime (`npm start`), over HTTP: a question through the receipt code and its
// answer, information added, the conclusion told once on every path to one, the rating and the supervisor's answer
// to a 不满意, the public accountability figures, and contact details that expire after the retention period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

interface Outbox {
  emails: { to: string; subject: string; text: string; sentAt: string }[];
  sms: { to: string; text: string; sentAt: string }[];
}

/** A client of one runtime: signed-in calls, complaints, the outbox. */
function clientOf(runtime: () => LocalRuntime) {
  const tokens = new Map<string, string>();
  const receipts = new Map<string, string>();
  const token = async (person: string) => {
    let found = tokens.get(person);
    if (found === undefined) {
      found = await runtime().signToken(person);
      tokens.set(person, found);
    }
    return found;
  };
  const call = async (method: string, path: string, options: { as?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (options.as !== undefined) headers.authorization = `Bearer ${await token(options.as)}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${runtime().url}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      // biome-ignore lint/suspicious/noExplicitAny: each test reads the answer shape of the route it calls.
      json: (text === '' || !text.startsWith('{') ? {} : JSON.parse(text)) as any,
    };
  };
  /** Files a complaint about 郭扶国土所 (guofu-cdi), with an email contact unless anonymous; waits for its case. */
  const complain = async (
    email: string | undefined,
    description = '郭扶镇国土所窗口工作人员说要“意思一下”才给办证，索要两百元。',
  ) => {
    const answer = await call('POST', '/complaints', {
      body: {
        description,
        subjectUnit: '郭扶国土所',
        ...(email === undefined ? {} : { anonymous: false, contact: { email } }),
      },
    });
    expect(answer.status, answer.text).toBe(202);
    const { reference, receiptCode } = answer.json as { reference: string; receiptCode: string };
    receipts.set(reference, receiptCode);
    await expect
      .poll(async () => (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-investigator' })).status, {
        timeout: 60_000,
      })
      .toBe(200);
    return reference;
  };
  const act = async (
    reference: string,
    action: string,
    extra: Record<string, unknown> = {},
    as = 'guofu-cdi-investigator',
  ) => {
    const version = (await call('GET', `/cases/${reference}`, { as })).json.case.version;
    const answer = await call('POST', `/cases/${reference}/actions`, {
      as,
      body: { action, expectedVersion: version, ...extra },
    });
    expect(answer.status, `${action}: ${answer.text}`).toBe(200);
    return answer.json;
  };
  const reporter = (reference: string, path: string, body: Record<string, unknown> = {}, code?: string) =>
    call('POST', `/complaints/${reference}/${path}`, {
      body: { receiptCode: code ?? receipts.get(reference), ...body },
    });
  const outbox = async (): Promise<Outbox> => (await call('GET', '/local/outbox')).json as Outbox;
  return { call, complain, act, reporter, outbox, receipts };
}

describe('the reporter through the receipt code', () => {
  let runtime: LocalRuntime;
  const client = clientOf(() => runtime);
  const { call, complain, act, reporter, outbox, receipts } = client;
  const toReporter = async (email: string) => (await outbox()).emails.filter((e) => e.to === email);

  beforeAll(async () => {
    runtime = await startTestRuntime();
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it('is asked a question, told by email that one waits (no content, no code), answers; the investigator sees it', async () => {
    const email = 'asked@example.org';
    const reference = await complain(email);
    await act(reference, 'acknowledge');
    const question = '请问您是在哪一天去办理的？当时窗口编号是多少？';
    const asked = await act(reference, 'ask', { message: question });
    expect(asked.case.openQuestions).toHaveLength(1);

    await expect
      .poll(async () => (await toReporter(email)).map((e) => e.subject), { timeout: 40_000 })
      .toContain(`您的举报${reference}有一个问题等待您答复`);
    const notice = (await toReporter(email)).find((e) => e.subject.includes('问题等待'));
    expect(notice?.text).not.toContain(question);
    expect(notice?.text).not.toContain(receipts.get(reference));

    const seen = await reporter(reference, 'status');
    expect(seen.status).toBe(200);
    expect(seen.json.questions).toEqual([
      { id: expect.any(Number), askedAt: expect.any(String), question, open: true },
    ]);
    expect(seen.text).not.toContain('guofu-cdi-investigator');

    // A wrong code reveals nothing and writes nothing.
    const wrong = await reporter(
      reference,
      'answers',
      { question: seen.json.questions[0].id, text: '11月20日' },
      '0000000000000000',
    );
    expect(wrong.status).toBe(404);
    const unknownCase = await reporter(
      'HLW-00000-00000',
      'answers',
      { question: 1, text: 'x' },
      '0000000000000000',
    );
    expect(unknownCase.text).toBe(wrong.text);

    const answer = '11月20日上午，3号窗口。';
    const answered = await reporter(reference, 'answers', {
      question: seen.json.questions[0].id,
      text: answer,
    });
    expect(answered.status, answered.text).toBe(201);
    expect(answered.json.questions[0]).toMatchObject({ open: false, answer: { text: answer } });
    const twice = await reporter(reference, 'answers', { question: seen.json.questions[0].id, text: answer });
    expect(twice.status).toBe(409);

    const added = await reporter(reference, 'additions', { text: '补充：当时还有另一位群众也被要求给钱。' });
    expect(added.status, added.text).toBe(201);

    const file = (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-investigator' })).json;
    expect(file.case.reporterThread.questions[0]).toMatchObject({
      question,
      askedBy: 'guofu-cdi-investigator',
      answer: { text: answer },
    });
    expect(file.case.reporterThread.additions).toHaveLength(1);
    const kinds = file.history.map((h: { kind: string; actor: string; words: unknown }) => [h.kind, h.actor]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['question-asked', 'guofu-cdi-investigator'],
        ['question-answered', 'reporter'],
        ['information-added', 'reporter'],
      ]),
    );
    // Nothing about the reporter's network or device is kept with what they wrote.
    expect(JSON.stringify(file)).not.toMatch(/user-?agent|sourceIp|127\.0\.0\.1|::1/i);

    // The assignee (or the body's investigators) is told an answer arrived, without its words.
    await expect
      .poll(
        async () =>
          (await outbox()).emails.filter(
            (e) =>
              e.to === 'investigator@guofu-cdi.example.org' && e.subject.includes(`${reference}收到举报人`),
          ),
        { timeout: 40_000 },
      )
      .not.toEqual([]);
    const staff = (await outbox()).emails.filter((e) => e.subject.includes(`${reference}收到举报人`));
    for (const e of staff) {
      expect(e.text).not.toContain(answer);
      expect(e.text).not.toContain('另一位群众');
    }
  }, 120_000);

  it('refuses bad input with a 4xx and takes a limited number of messages an hour per case', async () => {
    const reference = await complain(undefined);
    expect((await reporter(reference, 'additions', { text: '' })).status).toBe(400);
    expect((await reporter(reference, 'additions', { text: 'x'.repeat(2001) })).status).toBe(400);
    expect((await reporter(reference, 'additions', { text: 'ok', extra: 1 })).status).toBe(400);
    expect((await reporter(reference, 'answers', { question: 999, text: 'no such question' })).status).toBe(
      409,
    );
    expect((await reporter(reference, 'rating', { rating: 'satisfied' })).status).toBe(409);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await reporter(reference, 'additions', { text: `补充 ${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses[10]).toBe(429);
  });

  it('tells a reporter with contact details the conclusion once on every path: substantiate, unfound, merge, close, reopen', async () => {
    const [substantiated, unfounded, target, merged] = await Promise.all([
      complain('path-substantiate@example.org'),
      complain('path-unfound@example.org'),
      complain('path-target@example.org'),
      complain('path-merged@example.org', '郭扶国土所的人办证要两百块钱，不给就不办。'),
    ]);
    const conclude = async (reference: string, action: 'substantiate' | 'unfound') => {
      await act(reference, 'acknowledge');
      await act(reference, 'verify');
      return act(reference, action, {
        findings: '经调查核实。',
        ...(action === 'substantiate'
          ? { sanctions: [{ person: '窗口工作人员刘某', kinds: ['admonition_talk'] }] }
          : {}),
      });
    };
    await act(merged, 'merge', { mergeInto: target });
    await Promise.all([
      conclude(substantiated, 'substantiate'),
      conclude(unfounded, 'unfound'),
      conclude(target, 'substantiate'),
    ]);
    const conclusions = async (email: string) =>
      (await toReporter(email)).filter((e) => e.subject.includes('已核查完毕'));
    for (const email of [
      'path-substantiate@example.org',
      'path-unfound@example.org',
      'path-target@example.org',
      'path-merged@example.org',
    ]) {
      await expect.poll(async () => (await conclusions(email)).length, { timeout: 40_000 }).toBe(1);
      expect((await conclusions(email))[0]?.text).not.toMatch(/经调查核实|刘某/);
    }
    expect((await conclusions('path-unfound@example.org'))[0]?.text).toContain('未能查实');
    expect((await conclusions('path-merged@example.org'))[0]?.text).toContain('合并办理');

    // The merged case's status page says so and follows the target's outcome.
    const mergedView = await reporter(merged, 'status');
    expect(mergedView.json).toMatchObject({
      status: 'merged',
      merged: { followedStatus: 'verified' },
      outcome: { result: 'substantiated', peopleHeldAccountable: 1 },
    });
    expect(mergedView.text).not.toContain(target);

    // Closing tells nothing more; reopening and concluding again tells the new conclusion, once.
    await act(substantiated, 'close');
    await act(substantiated, 'reopen', { note: '发现新线索，重新核查。' }, 'guofu-cdi-supervisor');
    await act(substantiated, 'unfound', { findings: '重新核查后未能查实。' });
    await expect
      .poll(async () => (await conclusions('path-substantiate@example.org')).length, { timeout: 40_000 })
      .toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await conclusions('path-substantiate@example.org')).toHaveLength(2);
    expect(await conclusions('path-unfound@example.org')).toHaveLength(1);
    expect(await conclusions('path-merged@example.org')).toHaveLength(1);
    for (const email of ['path-substantiate@example.org', 'path-merged@example.org']) {
      for (const e of await toReporter(email)) {
        for (const code of receipts.values()) expect(e.text).not.toContain(code);
      }
    }
  }, 120_000);

  it('asks once for a rating; 不满意 flags the case for the supervisor, who answers or reopens; figures count it', async () => {
    const email = 'rater@example.org';
    const reference = await complain(email);
    await act(reference, 'acknowledge');
    await act(reference, 'verify');
    await act(reference, 'unfound', { findings: '未能查实。' });
    const view = await reporter(reference, 'status');
    expect(view.json.outcome).toMatchObject({ result: 'unfounded' });
    expect(view.json.rating.openUntil).toEqual(expect.any(String));
    const rated = await reporter(reference, 'rating', {
      rating: 'dissatisfied',
      comment: '没有找我核实情况。',
    });
    expect(rated.status, rated.text).toBe(201);
    expect(rated.json.rating).toMatchObject({ given: { rating: 'dissatisfied' } });
    expect(rated.json.rating.openUntil).toBeUndefined();
    expect((await reporter(reference, 'rating', { rating: 'satisfied' })).status).toBe(409);

    const flagged = await call('GET', '/cases?dissatisfied=true', { as: 'guofu-cdi-supervisor' });
    expect(flagged.status, flagged.text).toBe(200);
    expect(flagged.json.cases.map((c: { reference: string }) => c.reference)).toContain(reference);
    const file = (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-supervisor' })).json;
    expect(file.case.dissatisfied).toBe(true);
    expect(file.allowedActions).toEqual(expect.arrayContaining(['reopen', 'respond']));
    await expect
      .poll(
        async () =>
          (await outbox()).emails.some(
            (e) =>
              e.to === 'supervisor@guofu-cdi.example.org' &&
              e.subject.includes(`${reference}的举报人对办理结果不满意`),
          ),
        { timeout: 40_000 },
      )
      .toBe(true);

    const reopened = await act(
      reference,
      'reopen',
      { note: '举报人不满意，重新核查。' },
      'guofu-cdi-supervisor',
    );
    expect(reopened.case.status).toBe('verifying');
    expect(reopened.case.dissatisfied).toBeUndefined();
    const after = await call('GET', '/cases?dissatisfied=true', { as: 'guofu-cdi-supervisor' });
    expect(after.json.cases.map((c: { reference: string }) => c.reference)).not.toContain(reference);

    // The other way: the supervisor answers the reporter (答复), who reads it on the status page and is told it waits.
    const answeredEmail = 'answered-rater@example.org';
    const other = await complain(answeredEmail);
    await act(other, 'acknowledge');
    await act(other, 'verify');
    await act(other, 'substantiate', { findings: '属实。' });
    expect((await reporter(other, 'rating', { rating: 'dissatisfied' })).status).toBe(201);
    const reply = '经复核，处理符合规定；如有新线索可再次举报。';
    const responded = await act(other, 'respond', { message: reply }, 'guofu-cdi-supervisor');
    expect(responded.case.dissatisfied).toBeUndefined();
    expect((await reporter(other, 'status')).json.rating.replies).toEqual([
      { at: expect.any(String), text: reply },
    ]);
    await expect
      .poll(async () => (await toReporter(answeredEmail)).map((e) => e.subject), { timeout: 40_000 })
      .toContain(`您对举报${other}办理结果的评价已有答复`);
    for (const e of await toReporter(answeredEmail)) expect(e.text).not.toContain(reply);
    const flaggedNow = await call('GET', '/cases?dissatisfied=true', { as: 'guofu-cdi-supervisor' });
    expect(flaggedNow.json.cases.map((c: { reference: string }) => c.reference)).not.toContain(other);

    await expect
      .poll(
        async () => (await call('GET', '/stats', { as: 'guofu-cdi-supervisor' })).json.total.satisfaction,
        {
          timeout: 20_000,
        },
      )
      .toMatchObject({ dissatisfied: 2, answered: 1 });
  });

  it('publishes the month per body from the same aggregates as the statistics: no reference, no id, nothing under 3', async () => {
    const stats = await call('GET', '/stats', { as: 'city-cdi-admin' });
    const month = (stats.json.to as string).slice(0, 7);
    const json = await call('GET', `/accountability/data.json?month=${month}`);
    expect(json.status, json.text).toBe(200);
    expect(json.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const document = json.json;
    expect(document.schema).toBe('sunshine-hotline/accountability/v1');
    const guofu = document.periods.month.bodies.find((b: { name: { zh: string } }) =>
      b.name.zh.includes('郭扶'),
    );
    expect(guofu).toBeDefined();
    const consoleGuofu = (
      await call('GET', `/stats?from=${month}-01`, { as: 'city-cdi-admin' })
    ).json.byBody.find((b: { bodyId: string }) => b.bodyId === 'guofu-cdi');
    const published = (n: number) => (n > 0 && n < 3 ? '<3' : n);
    // Each figure as published is the console's figure for the same month, or "<3" (or "*" where one would give a small one away).
    const same = (shown: unknown, exact: number) => expect([published(exact), '*']).toContain(shown);
    same(guofu.figures.received.total, consoleGuofu.received.total);
    same(guofu.figures.outcomes.substantiated, consoleGuofu.outcomes.substantiated);
    same(guofu.figures.outcomes.unfounded, consoleGuofu.outcomes.unfounded);
    same(guofu.figures.peopleHeldAccountable, consoleGuofu.peopleHeldAccountable);
    same(guofu.figures.sanctions.admonition_talk, consoleGuofu.sanctions.admonition_talk);
    same(guofu.figures.satisfaction.dissatisfied, consoleGuofu.satisfaction.dissatisfied);
    expect(consoleGuofu.received.total).toBeGreaterThanOrEqual(3);
    expect(guofu.figures.received.total).toBe(consoleGuofu.received.total);
    expect(guofu.figures.satisfaction.dissatisfied).toBe('<3');

    const csv = await call('GET', `/accountability/data.csv?month=${month}`);
    const zh = await call('GET', `/accountability?month=${month}`);
    const en = await call('GET', `/accountability?month=${month}&lang=en`);
    for (const answer of [json, csv, zh, en]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
      expect(answer.text).not.toMatch(/HL[A-Z]-[0-9A-Z]{5}-[0-9A-Z]{5}/);
      expect(answer.text).not.toMatch(/guofu-cdi|district-cdi|city-cdi/);
    }
    // No count of 1 or 2 anywhere in the open data.
    const counts: unknown[] = [];
    const walk = (value: unknown, key: string) => {
      if (typeof value === 'number' && !/share|average|threshold/i.test(key)) counts.push(value);
      else if (value !== null && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, k);
    };
    walk(document.periods, '');
    expect(counts.filter((n) => n === 1 || n === 2)).toEqual([]);
    expect(csv.text.split('\r\n')[0]).toContain('sanction_admonition_talk');
    expect(zh.text).toContain('诫勉谈话');
    expect(en.text).toContain('admonition talks');
    expect((await call('GET', '/accountability/other.txt')).status).toBe(404);
    expect((await call('GET', '/accountability?month=2999-01')).status).toBe(400);
    expect((await call('GET', '/accountability?month=nope')).status).toBe(400);
  }, 120_000);
});

describe('contact details that expire, on npm start (dynalite has no TTL: the retention sweep deletes them)', () => {
  let runtime: LocalRuntime;
  const client = clientOf(() => runtime);

  beforeAll(async () => {
    // Five days a second, and every schedule each second: the rating window and the retention period pass in seconds.
    runtime = await startTestRuntime({ clockSpeed: 5 * 86_400, scheduleIntervalSeconds: 1 });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  it('deletes the contact once the case is closed and the feedback window and the retention period have passed', async () => {
    const reference = await client.complain('expiring@example.org');
    await client.act(reference, 'acknowledge');
    await client.act(reference, 'verify');
    await client.act(reference, 'unfound', { findings: '未能查实。' });
    await client.act(reference, 'close');
    const viewed = await client.call('POST', `/cases/${reference}/contact-views`, {
      as: 'guofu-cdi-supervisor',
    });
    expect(viewed.status, viewed.text).toBe(200);
    expect(viewed.json.contact).toMatchObject({ email: 'expiring@example.org' });

    await expect
      .poll(
        async () =>
          (await client.call('POST', `/cases/${reference}/contact-views`, { as: 'guofu-cdi-supervisor' }))
            .json.contact,
        { timeout: 60_000, interval: 1000 },
      )
      .toBeNull();
    const file = (await client.call('GET', `/cases/${reference}`, { as: 'guofu-cdi-supervisor' })).json;
    expect(file.case.hasContact).toBeUndefined();
    expect(file.case.contactDeletedAt).toEqual(expect.any(String));
    const deleted = file.history.find((h: { kind: string }) => h.kind === 'contact-deleted');
    expect(deleted).toMatchObject({ actor: 'system' });
    expect(JSON.stringify(file)).not.toContain('expiring@example.org');
  }, 120_000);
});
