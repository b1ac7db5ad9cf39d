// The cases API over HTTP on the local runtime, with tokens from the local identity: who sees what (cross-body 404,
// supervisor scope), every refused token, role checks, the lifecycle with conditional writes, transfers refused by
// the conflict rule, inspection findings through the queue, statistics, and no answer carrying what it should not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

let runtime: LocalRuntime;
const tokens = new Map<string, string>();

async function token(person: string): Promise<string> {
  let found = tokens.get(person);
  if (found === undefined) {
    found = await runtime.signToken(person);
    tokens.set(person, found);
  }
  return found;
}

async function call(
  method: string,
  path: string,
  options: { as?: string; bearer?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = {};
  const bearer = options.bearer ?? (options.as === undefined ? undefined : await token(options.as));
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the answer shape of the route it calls.
  return { status: response.status, text, json: (text === '' ? {} : JSON.parse(text)) as any };
}

const receipts = new Map<string, string>();

async function complain(body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${runtime.url}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
  const { reference, receiptCode } = (await response.json()) as { reference: string; receiptCode: string };
  receipts.set(reference, receiptCode);
  return reference;
}

/** Waits until the worker has written the case, as an administrator (who sees every body) sees it. */
async function triagedCase(reference: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await call('GET', `/cases/${reference}`, { as: 'city-cdi-admin' });
    if (answer.status === 200) return answer.json;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${reference} was never written`);
}

const PHONE = '+8613800138000';
const EMAIL = 'reporter@example.org';
let guofu: string; // 郭扶国土所 → guofu-cdi, with the reporter's contact
let sanjiao: string; // 三角镇便民服务中心 → sanjiao-cdi
let government: string; // 郭扶镇政府 (leadership of guofu) → district-cdi

beforeAll(async () => {
  runtime = await startTestRuntime();
  [guofu, sanjiao, government] = await Promise.all([
    complain({
      description: '郭扶镇国土所窗口工作人员说要“意思一下”才给办证，索要两百元。',
      subjectUnit: '郭扶国土所',
      anonymous: false,
      contact: { name: '陈女士', phone: PHONE, email: EMAIL },
    }),
    complain({
      description: '三角镇便民服务中心的窗口人员一直推诿，说材料不全，让我跑了五趟。',
      subjectUnit: '三角镇便民服务中心',
    }),
    complain({ description: '郭扶镇政府的领导收受好处，违规给亲戚批宅基地。', subjectUnit: '郭扶镇政府' }),
  ]);
  await Promise.all([guofu, sanjiao, government].map(triagedCase));
});
afterAll(async () => {
  await runtime?.stop();
});

describe('tokens', () => {
  it('refuses no token, a forged, an expired and a wrong-audience token with 401', async () => {
    const good = await token('guofu-cdi-investigator');
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const elevated = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );
    const refused = [
      undefined,
      `${header}.${elevated}.${signature}`,
      `${header}.${payload}.${signature.slice(0, -4)}AAAA`,
      await runtime.signToken('guofu-cdi-investigator', { expiresInSeconds: -60 }),
      await runtime.signToken('guofu-cdi-investigator', { audience: 'some-other-client' }),
      // What API Gateway's JWT authorizer refuses as well: no exp, issued or valid only from a minute on, no kid.
      await runtime.signToken('guofu-cdi-investigator', { claims: { exp: undefined } }),
      await runtime.signToken('guofu-cdi-investigator', {
        claims: { iat: Math.floor(Date.now() / 1000) + 60 },
      }),
      await runtime.signToken('guofu-cdi-investigator', {
        claims: { nbf: Math.floor(Date.now() / 1000) + 60 },
      }),
      await runtime.signToken('guofu-cdi-investigator', { kid: null }),
    ];
    for (const bearer of refused) {
      for (const [method, path] of [
        ['GET', '/cases'],
        ['GET', `/cases/${guofu}`],
        ['POST', `/cases/${guofu}/actions`],
        ['POST', '/cases'],
        ['GET', '/stats'],
      ] as const) {
        const answer = await call(method, path, {
          ...(bearer === undefined ? {} : { bearer }),
          body: method === 'POST' ? {} : undefined,
        });
        expect(answer.status, `${method} ${path}`).toBe(401);
      }
    }
  });
});

describe('one role and one body per caller, from the directory person the token names', () => {
  const withGroups = (
    person: string,
    groups: readonly string[] | undefined,
    claims: Record<string, unknown> = {},
  ) => runtime.signToken(person, { claims: { 'cognito:groups': groups, ...claims } });

  it('refuses an investigator in the admin group too: no other body’s case read, none transferred', async () => {
    const bearer = await withGroups('sanjiao-cdi-investigator', ['investigator', 'admin']);
    const before = (await call('GET', `/cases/${guofu}`, { as: 'city-cdi-admin' })).json.case;
    const read = await call('GET', `/cases/${guofu}`, { bearer });
    expect(read.status).toBe(403);
    expect(read.json.error).toEqual({ code: 'several-roles', message: expect.stringContaining('one role') });
    const moved = await call('POST', `/cases/${guofu}/actions`, {
      bearer,
      body: {
        action: 'transfer',
        expectedVersion: before.version,
        targetBodyId: 'sanjiao-cdi',
        note: '转办',
      },
    });
    expect(moved.status).toBe(403);
    const after = (await call('GET', `/cases/${guofu}`, { as: 'city-cdi-admin' })).json.case;
    expect(after).toMatchObject({ version: before.version, bodyId: 'guofu-cdi' });
  });

  it('refuses a supervisor in the admin group too: no reporter’s contact read', async () => {
    const bearer = await withGroups('sanjiao-cdi-supervisor', ['supervisor', 'admin']);
    const opened = await call('POST', `/cases/${guofu}/contact-views`, { bearer });
    expect(opened.status).toBe(403);
    expect(opened.text).not.toContain(PHONE);
    const history = (await call('GET', `/cases/${guofu}`, { as: 'city-cdi-admin' })).json.history;
    expect(history.some((h: { actor: string }) => h.actor === 'sanjiao-cdi-supervisor')).toBe(false);
  });

  it('answers 200 only to the person’s own role, and 403 in the error shape to every other list of groups', async () => {
    const groups = ['investigator', 'supervisor', 'admin', 'auditor', 'auditor,admin'];
    const lists: (string[] | undefined)[] = [
      undefined, // Cognito leaves the claim out for a user in no group
      [],
      ...groups.map((g) => [g]),
      ...groups.flatMap((a, i) => groups.slice(i + 1).map((b) => [a, b])),
    ];
    for (const person of ['guofu-cdi-investigator', 'city-cdi-admin']) {
      const role = person.endsWith('admin') ? 'admin' : 'investigator';
      const answers = await Promise.all(
        lists.map(async (list) => ({
          list,
          answer: await call('GET', '/cases', { bearer: await withGroups(person, list) }),
        })),
      );
      for (const { list, answer } of answers) {
        const label = `${person} ${JSON.stringify(list)}`;
        if (list?.length === 1 && list[0] === role) {
          expect(answer.status, label).toBe(200);
          continue;
        }
        expect(answer.status, label).toBe(403);
        expect(answer.json.error.code, label).toMatch(/^(several-roles|role-mismatch)$/);
        expect(answer.json.error.message, label).toEqual(expect.any(String));
      }
    }
  });

  it('refuses an account linked to no directory person, and takes the body from the directory alone', async () => {
    for (const personId of [undefined, 'someone-not-in-the-directory']) {
      const answer = await call('GET', '/cases', {
        bearer: await runtime.signToken('guofu-cdi-investigator', {
          claims: { 'custom:personId': personId },
        }),
      });
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toBe('account-not-linked');
    }
    // A stale custom:bodyId (the attribute that once decided the body) moves nobody to another body's cases.
    const stale = await runtime.signToken('guofu-cdi-investigator', {
      claims: { 'custom:bodyId': 'sanjiao-cdi' },
    });
    expect((await call('GET', `/cases/${sanjiao}`, { bearer: stale })).status).toBe(404);
    expect((await call('GET', `/cases/${guofu}`, { bearer: stale })).status).toBe(200);
  });
});

describe('who sees which case', () => {
  it('answers another body’s case exactly as a case that does not exist', async () => {
    const other = await call('GET', `/cases/${guofu}`, { as: 'sanjiao-cdi-investigator' });
    const missing = await call('GET', '/cases/HLW-00000-00000', { as: 'sanjiao-cdi-investigator' });
    expect(other.status).toBe(404);
    expect(other.json).toEqual(missing.json);
    const acting = await call('POST', `/cases/${guofu}/actions`, {
      as: 'sanjiao-cdi-investigator',
      body: { action: 'acknowledge', expectedVersion: 1 },
    });
    expect(acting.status).toBe(404);
    expect(acting.json).toEqual(missing.json);
  });

  it('lists an investigator’s own body only, and a supervisor’s body and the bodies below it', async () => {
    const list = async (person: string) =>
      ((await call('GET', '/cases', { as: person })).json.cases as { reference: string }[]).map(
        (c) => c.reference,
      );
    expect(await list('guofu-cdi-investigator')).toEqual([guofu]);
    expect(await list('sanjiao-cdi-investigator')).toEqual([sanjiao]);
    expect(await list('guofu-cdi-supervisor')).toEqual([guofu]);
    expect((await list('district-cdi-supervisor')).sort()).toEqual([guofu, sanjiao, government].sort());
    expect(await list('city-cdi-investigator')).toEqual([]);
    expect(await call('GET', `/cases/${sanjiao}`, { as: 'district-cdi-supervisor' })).toMatchObject({
      status: 200,
    });
    expect(await call('GET', `/cases/${sanjiao}`, { as: 'guofu-cdi-supervisor' })).toMatchObject({
      status: 404,
    });
  });

  it('pages with an opaque cursor that cannot be altered or reused with other filters', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(
        'GET',
        `/cases?view=all&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { as: 'district-cdi-supervisor' },
      );
      expect(page.status).toBe(200);
      seen.push(...page.json.cases.map((c: { reference: string }) => c.reference));
      cursor = page.json.nextCursor;
      if (cursor !== undefined) {
        const tampered = `${cursor.slice(0, -2)}${cursor.endsWith('AA') ? 'BB' : 'AA'}`;
        expect(
          (
            await call('GET', `/cases?view=all&limit=1&cursor=${encodeURIComponent(tampered)}`, {
              as: 'district-cdi-supervisor',
            })
          ).status,
        ).toBe(400);
        expect(
          (
            await call('GET', `/cases?view=all&limit=1&status=triaged&cursor=${encodeURIComponent(cursor)}`, {
              as: 'district-cdi-supervisor',
            })
          ).status,
        ).toBe(400);
        expect(
          (
            await call('GET', `/cases?view=all&limit=1&cursor=${encodeURIComponent(cursor)}`, {
              as: 'guofu-cdi-supervisor',
            })
          ).status,
        ).toBe(400);
      }
    } while (cursor !== undefined);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    const received = await Promise.all(
      seen.map(
        async (r) => (await call('GET', `/cases/${r}`, { as: 'city-cdi-admin' })).json.case.receivedAt,
      ),
    );
    expect(received).toEqual([...received].sort().reverse());
  });

  it('filters by status, category, severity and overdue, and refuses unknown filters', async () => {
    const triaged = await call('GET', '/cases?status=triaged', { as: 'district-cdi-supervisor' });
    expect(triaged.json.cases.every((c: { status: string }) => c.status === 'triaged')).toBe(true);
    expect((await call('GET', '/cases?overdue=true', { as: 'district-cdi-supervisor' })).json.cases).toEqual(
      [],
    );
    expect((await call('GET', '/cases?status=lost', { as: 'district-cdi-supervisor' })).status).toBe(400);
    expect((await call('GET', '/cases?__proto__=x', { as: 'district-cdi-supervisor' })).status).toBe(400);
    expect((await call('GET', '/cases?sort=old', { as: 'district-cdi-supervisor' })).status).toBe(400);
  });
});

describe('roles', () => {
  it('an administrator reads but may not act or file', async () => {
    expect((await call('GET', '/cases', { as: 'city-cdi-admin' })).status).toBe(200);
    expect(
      (
        await call('POST', `/cases/${guofu}/actions`, {
          as: 'city-cdi-admin',
          body: { action: 'acknowledge', expectedVersion: 1 },
        })
      ).status,
    ).toBe(403);
    expect((await call('POST', '/cases', { as: 'city-cdi-admin', body: {} })).status).toBe(403);
  });

  it('only a supervisor opens the reporter’s contact, by an explicit POST written to the history first', async () => {
    // Reading a case never opens its contact: the old query parameter is refused, not obeyed.
    expect((await call('GET', `/cases/${guofu}?contact=true`, { as: 'guofu-cdi-supervisor' })).status).toBe(
      400,
    );
    expect(
      (await call('POST', `/cases/${guofu}/contact-views`, { as: 'guofu-cdi-investigator' })).status,
    ).toBe(403);
    // A supervisor of another body: the case is not theirs, and it answers as if it did not exist.
    expect(
      (await call('POST', `/cases/${guofu}/contact-views`, { as: 'sanjiao-cdi-supervisor' })).status,
    ).toBe(404);
    expect(
      (await call('POST', '/cases/HLW-00000-00000/contact-views', { as: 'guofu-cdi-supervisor' })).status,
    ).toBe(404);
    const opened = await call('POST', `/cases/${guofu}/contact-views`, { as: 'guofu-cdi-supervisor' });
    expect(opened.status).toBe(200);
    expect(opened.json.contact).toMatchObject({ name: '陈女士', phone: PHONE, email: EMAIL });
    const detail = (await call('GET', `/cases/${guofu}`, { as: 'guofu-cdi-supervisor' })).json;
    expect(detail.history[0]).toMatchObject({
      actor: 'guofu-cdi-supervisor',
      actorName: '陈建国',
      kind: 'contact-viewed',
    });
    // History names the directory person (never the account's UUID), and the answer gives their name.
    expect(detail.actors['guofu-cdi-supervisor']).toEqual({ name: '陈建国', bodyId: 'guofu-cdi' });
  });

  it('no other answer carries the contact, the sealed contact or a receipt code', async () => {
    const answers = [
      await call('GET', `/cases/${guofu}`, { as: 'guofu-cdi-investigator' }),
      await call('GET', `/cases/${guofu}`, { as: 'guofu-cdi-supervisor' }),
      await call('GET', '/cases', { as: 'guofu-cdi-investigator' }),
      await call('GET', '/cases', { as: 'city-cdi-admin' }),
      await call('GET', '/stats', { as: 'city-cdi-admin' }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      for (const secret of [PHONE, EMAIL, '陈女士', 'sealedContact', 'receiptCode', '"contact"', 'v1.']) {
        expect(answer.text).not.toContain(secret);
      }
    }
    expect(answers[0]?.json.case.hasContact).toBe(true);
    const listed = answers[2]?.json.cases[0];
    expect(Object.keys(listed)).not.toContain('complaint');
  });
});

describe('the lifecycle over HTTP', () => {
  it('of two writers on the same version, one succeeds and the other gets 409; nothing is lost or doubled', async () => {
    const start = (await call('GET', `/cases/${sanjiao}`, { as: 'sanjiao-cdi-investigator' })).json.case;
    const [a, b] = await Promise.all([
      call('POST', `/cases/${sanjiao}/actions`, {
        as: 'sanjiao-cdi-investigator',
        body: { action: 'acknowledge', expectedVersion: start.version, note: 'A' },
      }),
      call('POST', `/cases/${sanjiao}/actions`, {
        as: 'sanjiao-cdi-supervisor',
        body: { action: 'acknowledge', expectedVersion: start.version, note: 'B' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = (await call('GET', `/cases/${sanjiao}`, { as: 'sanjiao-cdi-investigator' })).json.case;
    expect(after.version).toBe(start.version + 1);
    const history = (await call('GET', `/cases/${sanjiao}`, { as: 'sanjiao-cdi-investigator' })).json.history;
    expect(history.filter((h: { kind: string }) => h.kind === 'acknowledged')).toHaveLength(1);
    expect(after.acknowledgedAt).toBeDefined();
    const loser = a.status === 409 ? a : b;
    expect(loser.json.error.code).toBe('stale-version');
  });

  it('answers an action not allowed now with 422 and the allowed ones, and changes nothing', async () => {
    const before = (await call('GET', `/cases/${guofu}`, { as: 'guofu-cdi-investigator' })).json.case;
    const refused = await call('POST', `/cases/${guofu}/actions`, {
      as: 'guofu-cdi-investigator',
      body: { action: 'close', expectedVersion: before.version },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({
      code: 'action-not-allowed',
      allowed: ['acknowledge', 'transfer', 'merge', 'return', 'ask'],
    });
    expect((await call('GET', `/cases/${guofu}`, { as: 'guofu-cdi-investigator' })).json.case.version).toBe(
      before.version,
    );
    const reopen = await call('POST', `/cases/${guofu}/actions`, {
      as: 'guofu-cdi-investigator',
      body: { action: 'reopen', expectedVersion: before.version, note: 'x' },
    });
    expect(reopen.status).toBe(403);
    const bad = await call('POST', `/cases/${guofu}/actions`, {
      as: 'guofu-cdi-investigator',
      body: { action: 'acknowledge', expectedVersion: before.version, extra: 1 },
    });
    expect(bad.status).toBe(400);
  });

  it('walks a case to substantiated with two sanctions and closes it; the reporter sees the progress', async () => {
    const act = async (action: string, extra: Record<string, unknown> = {}) => {
      const version = (await call('GET', `/cases/${guofu}`, { as: 'guofu-cdi-investigator' })).json.case
        .version;
      const answer = await call('POST', `/cases/${guofu}/actions`, {
        as: 'guofu-cdi-investigator',
        body: { action, expectedVersion: version, ...extra },
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      return answer.json;
    };
    await act('acknowledge');
    await act('verify');
    const done = await act('substantiate', {
      findings: '经调查，窗口工作人员索要好处费属实。',
      sanctions: [
        { person: '郭扶国土所窗口工作人员刘某', kinds: ['admonition_talk'] },
        { person: '郭扶国土所所长', kinds: ['notified_criticism'] },
      ],
    });
    expect(done.case).toMatchObject({ status: 'substantiated', outcome: 'substantiated' });
    expect(done.case.findings).toBe('经调查，窗口工作人员索要好处费属实。');
    expect(done.case.sanctionDetails).toHaveLength(2);
    expect(done.allowedActions).toEqual(['close']);
    // The figures come from the daily aggregates, which the projector counts seconds after the commit.
    await expect
      .poll(async () => (await call('GET', '/stats', { as: 'guofu-cdi-investigator' })).json.total, {
        timeout: 20_000,
      })
      .toMatchObject({
        peopleHeldAccountable: 2,
        sanctions: { admonition_talk: 1, notified_criticism: 1 },
        verified: { total: 1, onTime: 1 },
      });
    const stats = await call('GET', '/stats', { as: 'guofu-cdi-investigator' });
    expect(stats.json.byBody.map((b: { bodyId: string }) => b.bodyId)).toEqual(['guofu-cdi']);
    await act('close');
    const publicView = await call('POST', `/complaints/${guofu}/status`, {
      body: { receiptCode: receipts.get(guofu) },
    });
    expect(publicView.json.status).toBe('sanctioned');
    expect(publicView.json.milestones.map((m: { milestone: string }) => m.milestone)).toEqual([
      'received',
      'assigned',
      'under-verification',
      'verified',
      'closed',
    ]);
    expect(publicView.text).not.toContain('刘某');
    expect(publicView.text).not.toContain('guofu-cdi-investigator');
  });

  it('refuses a transfer to an implicated body with 422 naming the rule, and allows one to a free body', async () => {
    const record = (await call('GET', `/cases/${government}`, { as: 'district-cdi-supervisor' })).json;
    expect(record.case.bodyId).toBe('district-cdi');
    expect(record.transferTargets.map((t: { id: string }) => t.id)).not.toContain('guofu-cdi');
    const refused = await call('POST', `/cases/${government}/actions`, {
      as: 'district-cdi-supervisor',
      body: {
        action: 'transfer',
        expectedVersion: record.case.version,
        targetBodyId: 'guofu-cdi',
        note: '属地处理',
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({
      code: 'conflict-of-interest',
      rule: 'route.conflict.leadership',
      bodyId: 'guofu-cdi',
    });
    const moved = await call('POST', `/cases/${government}/actions`, {
      as: 'district-cdi-supervisor',
      body: {
        action: 'transfer',
        expectedVersion: record.case.version,
        targetBodyId: 'city-cdi',
        note: '涉及镇领导，报市纪委',
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.case).toMatchObject({ bodyId: 'city-cdi', status: 'triaged' });
    expect((await call('GET', `/cases/${government}`, { as: 'district-cdi-supervisor' })).status).toBe(404);
    expect((await call('GET', `/cases/${government}`, { as: 'city-cdi-investigator' })).status).toBe(200);
  });
});

describe('inspection findings', () => {
  it('go through the queue, the worker and triage as a case of channel inspection', async () => {
    const filed = await call('POST', '/cases', {
      as: 'gunan-cdi-investigator',
      body: {
        unit: '三角镇便民服务中心',
        observed: '暗访发现窗口工作人员上班时间玩手机，群众排队无人理会，态度冷漠。',
        observedAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
    });
    expect(filed.status).toBe(202);
    expect(filed.json.reference).toMatch(/^HLI-/);
    const found = await triagedCase(filed.json.reference);
    expect(found.case).toMatchObject({
      channel: 'inspection',
      status: 'triaged',
      bodyId: 'sanjiao-cdi',
      inspection: { inspectorId: 'gunan-cdi-investigator', inspectorBodyId: 'gunan-cdi' },
    });
  });

  it('refuses a finding without what was observed, from the future, or with unknown fields', async () => {
    for (const body of [
      { unit: '三角镇便民服务中心', observedAt: new Date().toISOString() },
      {
        unit: '三角镇便民服务中心',
        observed: '暗访发现窗口无人值守，群众等候很久。',
        observedAt: '2099-01-01T00:00:00Z',
      },
      {
        unit: '三角镇便民服务中心',
        observed: '暗访发现窗口无人值守，群众等候很久。',
        observedAt: new Date().toISOString(),
        reporter: 'x',
      },
    ]) {
      const answer = await call('POST', '/cases', { as: 'gunan-cdi-investigator', body });
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe('invalid-request');
    }
  });
});

describe('statistics', () => {
  it('refuses a period that is backwards, too long or malformed', async () => {
    for (const query of [
      'from=2026-12-01&to=2026-11-01',
      'from=2024-01-01&to=2026-01-01',
      'from=yesterday',
    ]) {
      expect((await call('GET', `/stats?${query}`, { as: 'city-cdi-admin' })).status).toBe(400);
    }
  });
});
