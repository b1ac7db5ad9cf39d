// An investigator's working day over HTTP on the local runtime: a supervisor assigns a case, an investigator signs
// for another, asks for more time and gets it, a supervisor marks a case for supervision, a case is returned and
// routed again, a note is added; "my cases", the searches and the CSV export answer from the indexes; the morning
// digest goes out once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

let runtime: LocalRuntime;

async function call(method: string, path: string, as: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await runtime.signToken(as)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: each call reads the answer of its own route.
  let json: any = {};
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, text, json, headers: response.headers };
}

async function complain(description: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${runtime.url}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ description, ...extra }),
  });
  expect(response.status).toBe(202);
  const { reference } = (await response.json()) as { reference: string };
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await call('GET', `/cases/${reference}`, 'city-cdi-admin')).status === 200) return reference;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${reference} was never written`);
}

const act = async (reference: string, as: string, body: Record<string, unknown>) => {
  const version = (await call('GET', `/cases/${reference}`, as)).json.case.version;
  return call('POST', `/cases/${reference}/actions`, as, { expectedVersion: version, ...body });
};

let first: string;
let second: string;

beforeAll(async () => {
  runtime = await startTestRuntime({ resourcePrefix: 'workday' });
  first = await complain('三角镇便民服务中心的窗口人员一直推诿，说材料不全，让我跑了五趟。', {
    subjectUnit: '三角镇便民服务中心',
    officialName: '赵德明',
  });
  second = await complain('三角镇便民服务中心办理医保的窗口，工作人员上班时间玩手机，不理排队的群众。', {
    subjectUnit: '三角镇便民服务中心',
  });
});
afterAll(async () => {
  await runtime?.stop();
});

describe("an investigator's working day", () => {
  it('a supervisor assigns; an investigator signs for a case by acknowledging it; "my cases" lists them', async () => {
    const assigned = await act(first, 'sanjiao-cdi-supervisor', {
      action: 'assign',
      assigneeId: 'sanjiao-cdi-investigator',
    });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json.case.assigneeId).toBe('sanjiao-cdi-investigator');
    expect(assigned.json.assignable.map((p: { id: string }) => p.id)).toContain('sanjiao-cdi-investigator');
    // Someone of another body is no assignee.
    const wrong = await act(second, 'sanjiao-cdi-supervisor', {
      action: 'assign',
      assigneeId: 'guofu-cdi-investigator',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.fields.assigneeId).toMatch(/not an investigator/);
    const signed = await act(second, 'sanjiao-cdi-investigator', { action: 'acknowledge' });
    expect(signed.json.case).toMatchObject({
      status: 'acknowledged',
      assigneeId: 'sanjiao-cdi-investigator',
    });
    const mine = await call('GET', '/cases?assignee=me', 'sanjiao-cdi-investigator');
    expect(mine.json.cases.map((c: { reference: string }) => c.reference).sort()).toEqual(
      [first, second].sort(),
    );
    expect(
      mine.json.cases.every((c: { assigneeId: string }) => c.assigneeId === 'sanjiao-cdi-investigator'),
    ).toBe(true);
    // Nobody else's "my cases" holds them.
    expect((await call('GET', '/cases?assignee=me', 'sanjiao-cdi-supervisor')).json.cases).toEqual([]);
  });

  it('an extension asked, then granted by a supervisor, moves the verification deadline and is counted', async () => {
    const before = (await call('GET', `/cases/${second}`, 'sanjiao-cdi-investigator')).json.case;
    const until = new Date(Date.parse(before.verificationDueAt) + 5 * 86_400_000).toISOString();
    const asked = await act(second, 'sanjiao-cdi-investigator', {
      action: 'request-extension',
      extendUntil: until,
      note: '需调取三个月的监控录像',
    });
    expect(asked.status, asked.text).toBe(200);
    expect(asked.json.case.extension).toMatchObject({ until, requestedBy: 'sanjiao-cdi-investigator' });
    expect(asked.json.allowedActions).not.toContain('grant-extension');
    // An investigator may not decide it.
    expect((await act(second, 'sanjiao-cdi-investigator', { action: 'grant-extension' })).status).toBe(403);
    const granted = await act(second, 'sanjiao-cdi-supervisor', { action: 'grant-extension', note: '同意' });
    expect(granted.json.case).toMatchObject({ verificationDueAt: until, extensionsGranted: 1 });
    expect(granted.json.clocks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clock: 'verification', dueAt: until, overdue: false }),
      ]),
    );
    await expect
      .poll(async () => (await call('GET', '/stats', 'sanjiao-cdi-supervisor')).json.total?.extensions, {
        timeout: 20_000,
      })
      .toEqual({ requested: 1, granted: 1, refused: 0 });
  });

  it('a supervision mark shows in the list and can be filtered on; a note is the body’s, never the reporter’s', async () => {
    const dueAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const marked = await act(first, 'sanjiao-cdi-supervisor', {
      action: 'supervise',
      superviseBy: dueAt,
      note: '群众反映强烈',
    });
    expect(marked.json.case.supervision).toMatchObject({ by: 'sanjiao-cdi-supervisor', dueAt });
    const supervised = await call('GET', '/cases?supervised=true', 'sanjiao-cdi-investigator');
    expect(supervised.json.cases.map((c: { reference: string }) => c.reference)).toEqual([first]);
    expect(supervised.json.cases[0].supervision.dueAt).toBe(dueAt);
    const note = await call('POST', `/cases/${first}/notes`, 'sanjiao-cdi-investigator', {
      text: '已电话联系窗口负责人',
    });
    expect(note.status).toBe(201);
    expect(note.json).toMatchObject({ kind: 'note', note: '已电话联系窗口负责人', actorName: '郑海波' });
    const history = (await call('GET', `/cases/${first}`, 'sanjiao-cdi-investigator')).json.history;
    expect(history[0]).toMatchObject({ kind: 'note', words: { 'zh-CN': '内部备注', en: 'internal note' } });
    // Another body's investigator may not even see the case to write on it.
    expect(
      (await call('POST', `/cases/${first}/notes`, 'guofu-cdi-investigator', { text: 'x' })).status,
    ).toBe(404);
    expect(
      (await call('POST', `/cases/${first}/notes`, 'sanjiao-cdi-investigator', { text: '' })).status,
    ).toBe(400);
  });

  it('a case returned goes back to be routed by hand, and a supervisor of the default body routes it again', async () => {
    const third = await complain('三角镇便民服务中心的人收了我两百块钱才给盖章，太黑了。', {
      subjectUnit: '三角镇便民服务中心',
    });
    const owner = (await call('GET', `/cases/${third}`, 'city-cdi-admin')).json.case.bodyId;
    const returned = await act(third, `${owner}-investigator`, { action: 'return', note: '不属本机关管辖' });
    expect(returned.status, returned.text).toBe(200);
    // Out of that body's sight, into the manual-triage queue of the default body's supervisors.
    expect((await call('GET', `/cases/${third}`, `${owner}-investigator`)).status).toBe(404);
    const waiting = await call('GET', `/cases/${third}`, 'district-cdi-supervisor');
    expect(waiting.json.case).toMatchObject({
      status: 'received',
      needsManualTriage: true,
      returnedFrom: owner,
    });
    const routed = await act(third, 'district-cdi-supervisor', {
      action: 'triage',
      triage: {
        category: 'solicitation',
        severity: 'high',
        bodyId: 'sanjiao-cdi',
        unitId: 'sanjiao-government',
      },
    });
    expect(routed.status, routed.text).toBe(422);
    expect(routed.json.error.code).toBe('conflict-of-interest');
    const rerouted = await act(third, 'district-cdi-supervisor', {
      action: 'triage',
      triage: {
        category: 'solicitation',
        severity: 'high',
        bodyId: 'district-cdi',
        unitId: 'sanjiao-government',
      },
    });
    expect(rerouted.json.case).toMatchObject({ status: 'triaged', bodyId: 'district-cdi' });
  });

  it('finds cases by reference, by official however written, and by the words of the complaint', async () => {
    const byReference = await call(
      'GET',
      `/cases?reference=${first.toLowerCase()}`,
      'sanjiao-cdi-investigator',
    );
    expect(byReference.json.cases.map((c: { reference: string }) => c.reference)).toEqual([first]);
    const byOfficial = await call(
      'GET',
      `/cases?official=${encodeURIComponent(' 趙德明 ')}`,
      'sanjiao-cdi-investigator',
    );
    expect(byOfficial.json.cases.map((c: { reference: string }) => c.reference)).toEqual([first]);
    // A body that does not have the case finds nothing, and learns nothing.
    expect(
      (await call('GET', `/cases?official=${encodeURIComponent('赵德明')}`, 'guofu-cdi-investigator')).json
        .cases,
    ).toEqual([]);
    const byWords = await call(
      'GET',
      `/cases?text=${encodeURIComponent('玩手机')}`,
      'sanjiao-cdi-investigator',
    );
    expect(byWords.json.cases.map((c: { reference: string }) => c.reference)).toEqual([second]);
    expect(byWords.json.searched).toBeGreaterThan(0);
  });

  it('lists one body of the caller’s scope (a statistics row’s cases); a body outside it lists nothing', async () => {
    const mine = await call('GET', '/cases?view=all&body=sanjiao-cdi', 'city-cdi-admin');
    expect(mine.status, mine.text).toBe(200);
    const references = mine.json.cases.map((c: { reference: string }) => c.reference);
    expect(references).toEqual(expect.arrayContaining([first, second]));
    expect(new Set(mine.json.cases.map((c: { bodyId: string }) => c.bodyId))).toEqual(
      new Set(['sanjiao-cdi']),
    );
    const other = await call('GET', '/cases?view=all&body=gunan-cdi', 'city-cdi-admin');
    expect(other.status, other.text).toBe(200);
    expect(other.json.cases.map((c: { reference: string }) => c.reference)).not.toContain(first);
    // Another body's list, asked for by an investigator of this one: nothing, as for a case of another body.
    const outside = await call('GET', '/cases?view=all&body=gunan-cdi', 'sanjiao-cdi-investigator');
    expect(outside.status, outside.text).toBe(200);
    expect(outside.json.cases).toEqual([]);
    for (const bad of ['__proto__', 'GUNAN', '%E0%A4%A']) {
      const refused = await call('GET', `/cases?body=${bad}`, 'city-cdi-admin');
      expect(refused.status, bad).toBe(400);
      expect(refused.json.error.code).toBeTruthy();
    }
  });

  it('exports the filtered list as CSV: the office’s report, no contact details', async () => {
    const csv = await call('GET', '/cases?format=csv&view=all', 'sanjiao-cdi-supervisor');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('受理编号 reference');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
    ).toEqual([first, second].sort());
    // Names, not ids: the unit as the directory calls it, the body, the assignee.
    expect(csv.text).toContain('三角镇公共服务中心,三角镇纪委,郑海波');
    expect(csv.text).not.toMatch(/@|1380013|description/);
  });
});
