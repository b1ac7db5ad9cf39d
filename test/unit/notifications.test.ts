// What a notification job becomes: who hears of it, in which words (zh-CN and en), and that no complaint text,
// reporter name, phone or email ever reaches a message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import directoryFile from '#config/directory.json' with { type: 'json' };
import { deadlineCalendar as calendar, deadlineConfig as config } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import { deliveriesFor, staleReason } from '#domain/notifications/deliveries.ts';
import { type NotifyJob, NotifyJobSchema } from '#domain/notifications/job.ts';
import { noticesAtOpening } from '#domain/notifications/opening.ts';
import { renderNotification } from '#domain/notifications/templates.ts';
import { DirectorySchema } from '#domain/triage/directory.ts';

const directory = DirectorySchema.parse(directoryFile);
const RUNS = Number(process.env.HOTLINE_PROPERTY_RUNS ?? 1000);
const publicUrl = 'https://hotline.example';

function aCase(overrides: Partial<Case> = {}): Case {
  return {
    reference: 'HLW-ABCDE-FGHJK',
    channel: 'web',
    status: 'triaged',
    language: 'zh-CN',
    anonymous: false,
    complaint: { location: '郭扶国土所二楼窗口', officialName: '王某某' },
    hasContact: true,
    receivedAt: '2026-03-10T07:00:00.000Z',
    acknowledgeDueAt: '2026-03-11T16:00:00.000Z',
    verificationDueAt: '2026-03-13T07:00:00.000Z',
    createdAt: '2026-03-10T07:00:00.000Z',
    updatedAt: '2026-03-10T07:00:00.000Z',
    version: 1,
    milestonesNotified: [],
    category: 'solicitation',
    severity: 'high',
    bodyId: 'guofu-cdi',
    ...overrides,
  };
}

const job = (overrides: Partial<NotifyJob>): NotifyJob =>
  NotifyJobSchema.parse({
    reference: 'HLW-ABCDE-FGHJK',
    milestone: 'verification:overdue',
    kind: 'overdue',
    clock: 'verification',
    level: 0,
    dueAt: '2026-03-13T07:00:00.000Z',
    at: '2026-03-13T07:00:00.000Z',
    ...overrides,
  });

const context = { directory, config, calendar, publicUrl };

describe('recipients', () => {
  it('reminders go to the assigned body’s investigators by email', () => {
    const deliveries = deliveriesFor(
      job({ milestone: 'verification:remind-24h', kind: 'reminder' }),
      aCase(),
      context,
    );
    expect(deliveries.map((d) => `${d.recipient}/${d.channel}/${d.to}`)).toEqual([
      'guofu-cdi-investigator/email/investigator@guofu-cdi.example.org',
    ]);
  });

  it('overdue goes to its supervisors by email and SMS', () => {
    const deliveries = deliveriesFor(job({}), aCase(), context);
    expect(deliveries.map((d) => `${d.recipient}/${d.channel}/${d.to}`)).toEqual([
      'guofu-cdi-supervisor/email/supervisor@guofu-cdi.example.org',
      'guofu-cdi-supervisor/sms/+862355503102',
    ]);
    expect(new Set(deliveries.map((d) => d.key)).size).toBe(2);
  });

  it('repeat escalations climb the body tree and stop at its top', () => {
    const who = (level: number) =>
      deliveriesFor(
        job({ kind: 'escalation', milestone: `verification:escalate-${level + 2}`, level }),
        aCase(),
        context,
      )
        .filter((d) => d.channel === 'email')
        .map((d) => d.recipient);
    expect(who(0)).toEqual(['guofu-cdi-supervisor']);
    expect(who(1)).toEqual(['district-cdi-supervisor']);
    expect(who(2)).toEqual(['city-cdi-supervisor']);
    expect(who(5)).toEqual(['city-cdi-supervisor']);
  });

  it('an announcement goes to everyone of the body; a case waiting for triage belongs to the default body', () => {
    const announced = deliveriesFor(
      job({ kind: 'announcement', milestone: 'announce:serious' }),
      aCase(),
      context,
    );
    expect(new Set(announced.map((d) => d.recipient))).toEqual(
      new Set(['guofu-cdi-investigator', 'guofu-cdi-supervisor']),
    );
    const unrouted = deliveriesFor(
      job({ kind: 'reminder', milestone: 'verification:remind-4h' }),
      aCase({ bodyId: undefined }),
      context,
    );
    expect(unrouted.map((d) => d.recipient)).toEqual(['district-cdi-investigator']);
  });

  it('a reporter notice goes to the reporter’s own contact, and only with one', () => {
    const contact = { email: 'citizen@example.com', phone: '138 0013 8000' };
    const deliveries = deliveriesFor(
      job({ kind: 'reporter-acknowledgement', milestone: 'reporter:acknowledgement', clock: undefined }),
      aCase({ language: 'en' }),
      { ...context, contact },
    );
    expect(deliveries.map((d) => `${d.recipient}/${d.channel}/${d.to}`)).toEqual([
      'reporter/email/citizen@example.com',
      'reporter/sms/+8613800138000',
    ]);
    expect(deliveries[0]?.text).toContain('HLW-ABCDE-FGHJK');
    expect(deliveries[0]?.text).toContain(`${publicUrl}/status`);
    expect(
      deliveriesFor(
        job({ kind: 'reporter-acknowledgement', milestone: 'reporter:acknowledgement' }),
        aCase(),
        context,
      ),
    ).toEqual([]);
  });

  it('a job whose clock stopped since it was queued is stale', () => {
    expect(staleReason(job({}), aCase({ concludedAt: '2026-03-12T00:00:00.000Z' }))).toBe('clock stopped');
    expect(staleReason(job({}), aCase())).toBeUndefined();
    expect(
      staleReason(job({ kind: 'announcement', milestone: 'announce:serious' }), aCase({ status: 'closed' })),
    ).toBeUndefined();
  });
});

describe('the words', () => {
  it('zh-CN and en carry the reference, category, severity, deadline in Beijing time and a console link', () => {
    const facts = {
      kind: 'overdue' as const,
      reference: 'HLW-ABCDE-FGHJK',
      category: 'solicitation' as const,
      severity: 'high' as const,
      clock: 'verification' as const,
      dueAt: '2026-03-13T07:00:00.000Z',
      bodyName: '郭扶镇纪委',
      link: `${publicUrl}/console/#/cases/HLW-ABCDE-FGHJK`,
      timeZone: 'Asia/Shanghai',
    };
    const zh = renderNotification(facts, 'zh-CN');
    expect(zh.subject).toBe('【逾期】案件HLW-ABCDE-FGHJK核查已超过期限');
    expect(zh.text).toContain('类别：吃拿卡要');
    expect(zh.text).toContain('严重程度：严重');
    expect(zh.text).toContain('2026-03-13 15:00 (Asia/Shanghai)');
    expect(zh.text).toContain(facts.link);
    const en = renderNotification(facts, 'en');
    expect(en.subject).toBe('Overdue: verification of case HLW-ABCDE-FGHJK is past its deadline');
    expect(en.text).toContain('Category: demanding money or favours');
    expect(en.text).toContain('Severity: high');
    expect(en.sms).toContain('due 2026-03-13 15:00');
    expect(zh.sms.length).toBeLessThan(140);
  });

  it('writes the deadline alike from a fixed offset and from the time-zone database', () => {
    const facts = {
      kind: 'overdue' as const,
      reference: 'HLW-ABCDE-FGHJK',
      clock: 'verification' as const,
      bodyName: '郭扶镇纪委',
      link: `${publicUrl}/console/#/cases/HLW-ABCDE-FGHJK`,
      timeZone: 'Asia/Shanghai',
    };
    for (const dueAt of [
      '2026-03-13T07:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2027-02-28T15:59:00.000Z',
    ]) {
      const fixed = renderNotification({ ...facts, dueAt, utcOffsetMinutes: 480 }, 'en');
      expect(fixed.text).toBe(renderNotification({ ...facts, dueAt }, 'en').text);
    }
    expect(
      renderNotification({ ...facts, dueAt: '2026-12-31T16:00:00.000Z', utcOffsetMinutes: 480 }, 'en').sms,
    ).toContain('due 2027-01-01 00:00');
  });

  it('tells a reporter the conclusion in plain words', () => {
    const contact = { email: 'citizen@example.com' };
    const conclusion = (status: Case['status']) =>
      deliveriesFor(
        job({ kind: 'reporter-conclusion', milestone: 'reporter:conclusion', clock: 'reporterFeedback' }),
        aCase({ status, language: 'zh-CN' }),
        { ...context, contact },
      )[0]?.text;
    expect(conclusion('substantiated')).toContain('问题属实');
    expect(conclusion('unfounded')).toContain('未能查实');
  });

  it('never carries complaint text, a reporter’s name, phone or email, or the receipt code', () => {
    // Marked so that a short random string cannot match a template's own words by chance.
    const printable = fc.string({ minLength: 1, maxLength: 40 }).map((s) => `«${s}»`);
    fc.assert(
      fc.property(
        printable,
        printable,
        fc.stringMatching(/^1[3-9][0-9]{9}$/),
        fc.emailAddress(),
        fc.constantFrom(
          ...([
            'reminder',
            'overdue',
            'escalation',
            'announcement',
            'reporter-acknowledgement',
            'reporter-conclusion',
          ] as const),
        ),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        (description, name, phone, email, kind, language) => {
          // Free text the head keeps (the place) and the official's name never reach a message.
          const record = aCase({ language, complaint: { location: description, officialName: name } });
          const deliveries = deliveriesFor(
            job({
              kind,
              milestone: kind.startsWith('reporter') ? `reporter:${kind.slice(9)}` : 'verification:x-1',
              level: 1,
            }),
            record,
            { ...context, contact: { name, phone, email } },
          );
          expect(deliveries.length).toBeGreaterThan(0);
          for (const delivery of deliveries) {
            for (const text of [delivery.subject, delivery.text]) {
              expect(text).not.toContain(description.trim());
              expect(text).not.toContain(name.trim());
              expect(text).not.toContain(phone);
              expect(text).not.toContain(email);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('at opening', () => {
  it('announces critical cases at once (the rest are in the morning digest), and acknowledges a reporter who can be reached', () => {
    const ids = (record: Case) => noticesAtOpening(record, config).map((j) => j.kind);
    expect(ids(aCase({ severity: 'critical' }))).toEqual(['announcement', 'reporter-acknowledgement']);
    expect(ids(aCase({ severity: 'high', hasContact: undefined }))).toEqual([]);
    expect(ids(aCase({ severity: 'normal', hasContact: undefined }))).toEqual([]);
  });

  it('sends an SMS to the number in E.164 form however it was written, and none to a number that is not one', () => {
    const smsTo = (phone: string) =>
      deliveriesFor(
        job({ kind: 'reporter-acknowledgement', milestone: 'reporter:acknowledgement', clock: undefined }),
        aCase(),
        { ...context, contact: { email: 'citizen@example.com', phone } },
      )
        .filter((delivery) => delivery.channel === 'sms')
        .map((delivery) => delivery.to);
    // `0086 138…` became +868613800138000 before the conversion was the library's.
    for (const phone of [
      '0086 138 0013 8000',
      '+86 138 0013 8000',
      '86-138 0013 8000',
      '＋８６ １３８ ００１３ ８０００',
    ])
      expect(smsTo(phone), phone).toEqual(['+8613800138000']);
    expect(smsTo('(023) 5550 1001')).toEqual(['+862355501001']);
    expect(smsTo('+852 9123 4567')).toEqual(['+85291234567']);
    // A contact sealed before numbers were checked at intake: the email still goes.
    for (const phone of ['138', '+44 (20) 7946-0000', 'call me']) expect(smsTo(phone), phone).toEqual([]);
  });

  it('sends staff SMS to the directory numbers in E.164 form', () => {
    const deliveries = deliveriesFor(job({ kind: 'overdue' }), aCase(), context).filter(
      (d) => d.channel === 'sms',
    );
    expect(deliveries.length).toBeGreaterThan(0);
    for (const delivery of deliveries) expect(delivery.to).toMatch(/^\+86[1-9]\d{9,10}$/);
  });
});
