// The morning digest: one email per person each working morning with what needs them today — for an investigator
// the cases they have that are overdue or due today and the body's cases nobody has signed for yet; for a supervisor
// the body's overdue cases, extensions waiting for a decision, supervision marks falling due and cases flagged for
// review. It replaces a message per milestone; only what must not wait is still sent at once (deadlines/clocks.ts
// `toldAtOnce`). References and links only: never complaint text, never a reporter.
import type { Language } from '../complaint.ts';
import { type Calendar, localDay } from '../deadlines/calendar.ts';
import { runningDeadline } from '../lifecycle/overdue.ts';
import type { CaseSummary } from '../lifecycle/summary.ts';

export interface DigestPerson {
  readonly id: string;
  readonly name: string;
  readonly role: 'investigator' | 'supervisor' | 'admin';
}

export interface DigestSection {
  readonly title: Readonly<Record<Language, string>>;
  readonly references: readonly string[];
}

export interface Digest {
  readonly subject: string;
  readonly text: string;
  readonly sections: readonly DigestSection[];
}

const SECTION = {
  overdue: { 'zh-CN': '已逾期', en: 'overdue' },
  dueToday: { 'zh-CN': '今日到期', en: 'due today' },
  toSignFor: { 'zh-CN': '待签收（尚无承办人）', en: 'waiting for someone to sign for them' },
  extensions: { 'zh-CN': '待审批的延期申请', en: 'extensions to decide' },
  supervision: { 'zh-CN': '督办今日到期', en: 'supervision marks due today' },
  review: { 'zh-CN': '待复核分派', en: 'flagged for review' },
} as const;

/** What one person's digest holds, or nothing when nothing needs them today. */
export function digestFor(
  person: DigestPerson,
  cases: readonly CaseSummary[],
  now: Date,
  calendar: Calendar,
  consoleUrl: string,
): Digest | undefined {
  const today = localDay(now, calendar);
  const deadlineOf = (c: CaseSummary) => runningDeadline(c);
  const isOverdue = (c: CaseSummary) => {
    const due = deadlineOf(c);
    return due !== undefined && Date.parse(due) < now.getTime();
  };
  const isDueToday = (c: CaseSummary) => {
    const due = deadlineOf(c);
    return due !== undefined && !isOverdue(c) && localDay(new Date(due), calendar) === today;
  };
  const refs = (list: readonly CaseSummary[]) => list.map((c) => c.reference);
  const sections: DigestSection[] = [];
  const add = (title: DigestSection['title'], list: readonly CaseSummary[]) => {
    if (list.length > 0) sections.push({ title, references: refs(list) });
  };
  if (person.role === 'investigator') {
    const mine = cases.filter((c) => c.assigneeId === person.id);
    add(SECTION.overdue, mine.filter(isOverdue));
    add(SECTION.dueToday, mine.filter(isDueToday));
    add(
      SECTION.toSignFor,
      cases.filter((c) => c.assigneeId === undefined && c.status === 'triaged'),
    );
  } else if (person.role === 'supervisor') {
    add(SECTION.overdue, cases.filter(isOverdue));
    add(
      SECTION.extensions,
      cases.filter((c) => c.extension !== undefined),
    );
    add(
      SECTION.supervision,
      cases.filter(
        (c) => c.supervision !== undefined && localDay(new Date(c.supervision.dueAt), calendar) <= today,
      ),
    );
    add(
      SECTION.review,
      cases.filter((c) => c.needsReview === true),
    );
    add(
      SECTION.toSignFor,
      cases.filter((c) => c.assigneeId === undefined && c.status === 'triaged'),
    );
  }
  if (sections.length === 0) return undefined;
  const count = (title: DigestSection['title']) =>
    sections.find((s) => s.title === title)?.references.length ?? 0;
  const subject = `【每日待办】${today}：逾期${count(SECTION.overdue)}件，今日到期${count(SECTION.dueToday)}件 / Today's cases`;
  const lines = [
    `${person.name}，您好：`,
    '',
    ...sections.flatMap((section) => [
      `${section.title['zh-CN']} (${section.title.en})：${section.references.length}件`,
      ...section.references.slice(0, 30).map((r) => `  ${r}  ${consoleUrl}/#/cases/${encodeURIComponent(r)}`),
      ...(section.references.length > 30 ? [`  ……及另外${section.references.length - 30}件`] : []),
      '',
    ]),
    `全部案件 / All cases: ${consoleUrl}/#/cases`,
  ];
  return { subject, text: lines.join('\n'), sections };
}
