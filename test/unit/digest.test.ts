// A message per milestone becomes a morning digest: what is told at once (overdue, escalations above the body, a
// reporter's conclusion), who hears of it (the person who has the case first), and what one person's digest holds.
import { describe, expect, it } from 'vitest';
import { deadlineCalendar as cn, deadlineConfig, directory } from '#config/office.ts';
import { toldAtOnce } from '#domain/deadlines/clocks.ts';
import type { CaseSummary } from '#domain/lifecycle/summary.ts';
import { digestFor } from '#domain/notifications/digest.ts';
import type { NotifyJob } from '#domain/notifications/job.ts';
import { staffRecipients } from '#domain/notifications/recipients.ts';

const beijing = (day: string, time = '00:00') => new Date(`${day}T${time}:00+08:00`).toISOString();
const now = new Date(beijing('2026-12-08', '08:05')); // a Tuesday morning

let n = 0;
function summary(extra: Partial<CaseSummary>): CaseSummary {
  n++;
  return {
    reference: `HLW-00000-${String(n).padStart(5, '0')}`,
    status: 'acknowledged',
    channel: 'web',
    receivedAt: beijing('2026-12-05'),
    verificationDueAt: beijing('2026-12-08', '18:00'),
    updatedAt: beijing('2026-12-05'),
    bodyId: 'guofu-cdi',
    ...extra,
  };
}

describe('what is told at once', () => {
  it('an overdue notice always; reminders never; escalations from the body above', () => {
    expect(toldAtOnce({ kind: 'overdue', level: 0 }, deadlineConfig)).toBe(true);
    expect(toldAtOnce({ kind: 'reminder', level: 0 }, deadlineConfig)).toBe(false);
    expect(toldAtOnce({ kind: 'escalation', level: 0 }, deadlineConfig)).toBe(false);
    expect(toldAtOnce({ kind: 'escalation', level: 1 }, deadlineConfig)).toBe(true);
  });
});

describe('who hears of a milestone', () => {
  const job = (kind: NotifyJob['kind'], level = 0): NotifyJob => ({
    reference: 'HLW-00000-00001',
    milestone: `verification:${kind}`,
    kind,
    level,
    at: beijing('2026-12-08'),
  });
  it('a reminder goes to the person who has the case, else to the body’s investigators', () => {
    expect(
      staffRecipients(job('reminder'), 'guofu-cdi', directory, 'guofu-cdi-supervisor').map((p) => p.id),
    ).toEqual(['guofu-cdi-supervisor']);
    expect(staffRecipients(job('reminder'), 'guofu-cdi', directory).map((p) => p.id)).toEqual([
      'guofu-cdi-investigator',
    ]);
  });
  it('an overdue notice to that person and the body’s supervisors; an escalation to the supervisors above', () => {
    expect(
      staffRecipients(job('overdue'), 'guofu-cdi', directory, 'guofu-cdi-investigator').map((p) => p.id),
    ).toEqual(['guofu-cdi-investigator', 'guofu-cdi-supervisor']);
    expect(staffRecipients(job('escalation', 1), 'guofu-cdi', directory).map((p) => p.id)).toEqual([
      'district-cdi-supervisor',
    ]);
  });
});

describe('a morning digest', () => {
  const overdue = summary({
    assigneeId: 'guofu-cdi-investigator',
    verificationDueAt: beijing('2026-12-07', '18:00'),
  });
  const today = summary({ assigneeId: 'guofu-cdi-investigator' });
  const tomorrow = summary({
    assigneeId: 'guofu-cdi-investigator',
    verificationDueAt: beijing('2026-12-09', '18:00'),
  });
  const someoneElses = summary({
    assigneeId: 'guofu-cdi-supervisor',
    verificationDueAt: beijing('2026-12-07'),
  });
  const nobodys = summary({ status: 'triaged' });
  const extension = summary({
    assigneeId: 'guofu-cdi-investigator',
    verificationDueAt: beijing('2026-12-10'),
    extension: {
      until: beijing('2026-12-20'),
      requestedBy: 'guofu-cdi-investigator',
      requestedAt: beijing('2026-12-07'),
    },
  });
  const cases = [overdue, today, tomorrow, someoneElses, nobodys, extension];
  const investigator = { id: 'guofu-cdi-investigator', name: '刘晓峰', role: 'investigator' as const };
  const supervisor = { id: 'guofu-cdi-supervisor', name: '陈建国', role: 'supervisor' as const };

  it('gives an investigator their overdue cases, those due today, and the body’s cases nobody has signed for', () => {
    const digest = digestFor(investigator, cases, now, cn, 'https://hotline.example/console');
    expect(digest?.sections.map((s) => [s.title.en, s.references])).toEqual([
      ['overdue', [overdue.reference]],
      ['due today', [today.reference]],
      ['waiting for someone to sign for them', [nobodys.reference]],
    ]);
    expect(digest?.subject).toContain('逾期1件');
    expect(digest?.text).toContain(`https://hotline.example/console/#/cases/${today.reference}`);
  });

  it('gives a supervisor the body’s overdue cases and the extensions waiting for a decision', () => {
    const digest = digestFor(supervisor, cases, now, cn, 'https://hotline.example/console');
    expect([...(digest?.sections.find((s) => s.title.en === 'overdue')?.references ?? [])].sort()).toEqual(
      [overdue.reference, someoneElses.reference].sort(),
    );
    expect(digest?.sections.find((s) => s.title.en === 'extensions to decide')?.references).toEqual([
      extension.reference,
    ]);
  });

  it('sends nothing to someone nothing needs today', () => {
    expect(digestFor(investigator, [tomorrow], now, cn, 'https://hotline.example/console')).toBeUndefined();
  });
});
