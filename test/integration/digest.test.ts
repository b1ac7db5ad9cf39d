// The morning digest on the emulators: at the office's digest time on a working day each investigator and
// supervisor with something to do gets one email, whatever the number of runs; a run after a failed send sends only
// what is missing; before the digest time and on a rest day nothing is read or sent.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directory } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import { caseReference, deriveReferenceKeys } from '#domain/reference.ts';
import { type Emulator, startSes } from '#local/emulators.ts';
import { sesEmails } from '#local/sms-outbox.ts';
import { type EmulatedAws, seedCaseItems, useEmulatedAws } from '../support/emulated-aws.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

const keys = deriveReferenceKeys('test-master-key-for-references-only');
let aws: EmulatedAws;
let ses: Emulator;
const started: TestFunction[] = [];

/** A digest function whose "now" is `at` (it runs on from there). */
async function digestAt(at: string, sesEndpoint = ses.endpoint): Promise<TestFunction> {
  const origin = Date.now();
  const fn = await startFunction('staff-digest', aws, {
    endpoints: { SES: sesEndpoint },
    settings: {
      HOTLINE_CLOCK_SPEED: '1',
      HOTLINE_CLOCK_ORIGIN: String(origin),
      HOTLINE_CLOCK_START: String(Date.parse(at)),
      AWS_MAX_ATTEMPTS: '1',
    },
  });
  started.push(fn);
  return fn;
}

const emailOf = (personId: string) =>
  directory.bodies.flatMap((b) => b.people).find((p) => p.id === personId)?.email ?? '';

async function seed(overrides: Partial<Case>): Promise<string> {
  const reference = caseReference('web', randomUUID(), keys);
  await seedCaseItems(aws, {
    reference,
    channel: 'web',
    status: 'triaged',
    language: 'zh-CN',
    anonymous: true,
    complaint: {},
    receivedAt: '2026-03-09T02:00:00.000Z',
    acknowledgeDueAt: '2026-03-10T16:00:00.000Z',
    verificationDueAt: '2026-03-12T02:00:00.000Z',
    createdAt: '2026-03-09T02:00:00.000Z',
    updatedAt: '2026-03-09T02:00:00.000Z',
    version: 1,
    milestonesNotified: [],
    category: 'obstruction',
    severity: 'normal',
    bodyId: 'gunan-cdi',
    ...overrides,
  });
  return reference;
}

let overdueCase: string;
let unsigned: string;

beforeAll(async () => {
  aws = await useEmulatedAws();
  ses = await startSes();
  // Wednesday 11 March 2026: one case of 顾南 is past its verification deadline and has its investigator; one has
  // nobody signed for it yet and is due tomorrow.
  overdueCase = await seed({
    status: 'acknowledged',
    acknowledgedAt: '2026-03-09T03:00:00.000Z',
    assigneeId: 'gunan-cdi-investigator',
    verificationDueAt: '2026-03-10T02:00:00.000Z',
  });
  unsigned = await seed({ verificationDueAt: '2026-03-12T02:00:00.000Z', acknowledgeDueAt: undefined });
});
afterAll(async () => {
  await Promise.all([...started.map((fn) => fn.stop()), ses.stop()]);
});

const digestsTo = async (personId: string) =>
  (await sesEmails(ses.endpoint)).filter((e) => e.to === emailOf(personId));

describe('the morning digest', () => {
  it('reads and sends nothing before the digest time or on a rest day', async () => {
    // 07:30 in the district (UTC+8), then Saturday at 09:00.
    for (const at of ['2026-03-10T23:30:00.000Z', '2026-03-14T01:00:00.000Z']) {
      const fn = await digestAt(at);
      expect(await fn.invoke({})).toEqual({ sent: 0, failed: 0, skipped: 'not-digest-time' });
    }
    expect(await sesEmails(ses.endpoint)).toEqual([]);
  });

  it('sends each person one digest a day, and a failed one on the next run alone', async () => {
    // Nothing listens on port 9: every email of this run fails, and is recorded as failed.
    const broken = await digestAt('2026-03-11T00:05:00.000Z', 'http://127.0.0.1:9');
    const first = (await broken.invoke({})) as { sent: number; failed: number };
    expect(first.sent).toBe(0);
    expect(first.failed).toBeGreaterThanOrEqual(2);
    expect(await sesEmails(ses.endpoint)).toEqual([]);

    const working = await digestAt('2026-03-11T00:20:00.000Z');
    const second = (await working.invoke({})) as { sent: number; failed: number };
    expect(second).toEqual({ sent: first.failed, failed: 0 });

    const investigator = await digestsTo('gunan-cdi-investigator');
    expect(investigator).toHaveLength(1);
    expect(investigator[0]?.text).toContain(overdueCase);
    expect(investigator[0]?.text).toContain(unsigned);
    const supervisor = await digestsTo('gunan-cdi-supervisor');
    expect(supervisor).toHaveLength(1);
    expect(supervisor[0]?.text).toContain(overdueCase);
    // References and links only: nothing of a complaint or a reporter.
    for (const email of await sesEmails(ses.endpoint)) expect(email.text).not.toMatch(/@|description/);

    // Every later run that day finds the day done and reads nothing; the next working day starts again.
    expect(await working.invoke({})).toEqual({ sent: 0, failed: 0, skipped: 'done' });
    const later = await digestAt('2026-03-11T08:00:00.000Z');
    expect(await later.invoke({})).toEqual({ sent: 0, failed: 0, skipped: 'done' });
    expect(await digestsTo('gunan-cdi-investigator')).toHaveLength(1);
    const tomorrow = await digestAt('2026-03-12T00:01:00.000Z');
    expect(((await tomorrow.invoke({})) as { sent: number }).sent).toBeGreaterThanOrEqual(2);
    expect(await digestsTo('gunan-cdi-investigator')).toHaveLength(2);
  });
});
