// The words of each notification, in Simplified Chinese (the default) and English. A template sees only the facts
// below (reference, category, severity, deadline, a link): no complaint text, no reporter name, phone or email
// can reach a message, because none is ever given to it.
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Language } from '../complaint.ts';
import type { ClockName } from '../deadlines/config.ts';
import { CATEGORY_NAMES } from '../triage/category-names.ts';
import type { Category, Severity } from '../triage/model.ts';
import type { NotificationKind } from './job.ts';

export interface NotificationFacts {
  readonly kind: NotificationKind;
  readonly reference: string;
  readonly category?: Category | undefined;
  readonly severity?: Severity | undefined;
  readonly clock?: ClockName | undefined;
  /** The deadline the message is about, if any. */
  readonly dueAt?: string | undefined;
  /** The name of the body the case is assigned to (staff messages). */
  readonly bodyName?: string | undefined;
  /** Repeat number of an escalation. */
  readonly repeat?: number | undefined;
  /** The outcome a reporter is told (conclusion). */
  readonly outcome?: 'substantiated' | 'unfounded' | undefined;
  /** The reporter's complaint was merged into the case whose outcome they are told. */
  readonly merged?: boolean | undefined;
  /** Staff: the case in the console; reporters: the status page. */
  readonly link: string;
  readonly timeZone: string;
  /** Minutes east of UTC when the calendar's offset is fixed (see calendar.ts). */
  readonly utcOffsetMinutes?: number | undefined;
}

export interface RenderedNotification {
  readonly subject: string;
  readonly text: string;
  /** Short enough for one or two SMS segments. */
  readonly sms: string;
}

type Words = Record<Language, string>;

/** The console's and the public page's names for the categories (one table: triage/category-names.ts). */
const CATEGORY: Record<Category, Words> = /* @__PURE__ */ (() =>
  Object.fromEntries(
    Object.entries(CATEGORY_NAMES).map(([category, name]) => [category, { 'zh-CN': name.zh, en: name.en }]),
  ) as Record<Category, Words>)();

const SEVERITY: Record<Severity, Words> = {
  critical: { 'zh-CN': '特别严重', en: 'critical' },
  high: { 'zh-CN': '严重', en: 'high' },
  normal: { 'zh-CN': '一般', en: 'normal' },
  low: { 'zh-CN': '轻微', en: 'low' },
};

const CLOCK: Record<ClockName, Words> = {
  acknowledge: { 'zh-CN': '受理确认', en: 'acknowledgement' },
  verification: { 'zh-CN': '核查', en: 'verification' },
  reporterFeedback: { 'zh-CN': '向举报人反馈', en: 'feedback to the reporter' },
};

const UNKNOWN: Words = { 'zh-CN': '待定', en: 'not yet set' };

function deadline(facts: NotificationFacts, language: Language): string {
  if (facts.dueAt === undefined) return UNKNOWN[language];
  const at = new Date(facts.dueAt).getTime();
  if (facts.utcOffsetMinutes !== undefined) {
    // A fixed offset: the wall-clock time is plain arithmetic, without the time-zone database.
    const wall = new Date(at + facts.utcOffsetMinutes * 60_000).toISOString();
    return `${wall.slice(0, 10)} ${wall.slice(11, 16)} (${facts.timeZone})`;
  }
  return `${format(new TZDate(at, facts.timeZone), 'yyyy-MM-dd HH:mm')} (${facts.timeZone})`;
}

function staffLines(facts: NotificationFacts, language: Language): string[] {
  const category = facts.category === undefined ? UNKNOWN[language] : CATEGORY[facts.category][language];
  const severity = facts.severity === undefined ? UNKNOWN[language] : SEVERITY[facts.severity][language];
  const due = deadline(facts, language);
  return language === 'zh-CN'
    ? [
        `案件编号：${facts.reference}`,
        `类别：${category}`,
        `严重程度：${severity}`,
        ...(facts.bodyName === undefined ? [] : [`承办机关：${facts.bodyName}`]),
        ...(facts.clock === undefined ? [] : [`期限（${CLOCK[facts.clock][language]}）：${due}`]),
        `查看案件：${facts.link}`,
      ]
    : [
        `Case reference: ${facts.reference}`,
        `Category: ${category}`,
        `Severity: ${severity}`,
        ...(facts.bodyName === undefined ? [] : [`Assigned to: ${facts.bodyName}`]),
        ...(facts.clock === undefined ? [] : [`Deadline (${CLOCK[facts.clock][language]}): ${due}`]),
        `Open the case: ${facts.link}`,
      ];
}

/** The headline of each kind: what happened, in a few words. */
function headline(facts: NotificationFacts, language: Language): string {
  const clock = facts.clock === undefined ? '' : CLOCK[facts.clock][language];
  const zh = language === 'zh-CN';
  switch (facts.kind) {
    case 'reminder':
      return zh
        ? `【提醒】案件${facts.reference}${clock}期限将至`
        : `Reminder: ${clock} of case ${facts.reference} is due soon`;
    case 'overdue':
      return zh
        ? `【逾期】案件${facts.reference}${clock}已超过期限`
        : `Overdue: ${clock} of case ${facts.reference} is past its deadline`;
    case 'escalation':
      return zh
        ? `【督办】案件${facts.reference}${clock}逾期未办（第${facts.repeat ?? 1}次督办）`
        : `Escalation ${facts.repeat ?? 1}: ${clock} of case ${facts.reference} is still overdue`;
    case 'announcement':
      return zh ? `【新案件】${facts.reference}：请立即处理` : `New case ${facts.reference}: act at once`;
    case 'reporter-acknowledgement':
      return zh
        ? `您的举报已受理，编号${facts.reference}`
        : `Your complaint was received: reference ${facts.reference}`;
    case 'reporter-conclusion':
      return zh
        ? `您的举报${facts.reference}已核查完毕`
        : `Your complaint ${facts.reference} has been verified`;
    case 'reporter-question':
      return zh
        ? `您的举报${facts.reference}有一个问题等待您答复`
        : `A question about your complaint ${facts.reference} is waiting for you`;
    case 'reporter-reply':
      return zh
        ? `您对举报${facts.reference}办理结果的评价已有答复`
        : `Your rating of the outcome of complaint ${facts.reference} has been answered`;
    case 'reporter-message-arrived':
      return zh
        ? `【举报人回复】案件${facts.reference}收到举报人的答复或补充情况`
        : `Reporter wrote: case ${facts.reference} has an answer or new information from its reporter`;
    case 'reporter-dissatisfied':
      return zh
        ? `【不满意】案件${facts.reference}的举报人对办理结果不满意`
        : `Not satisfied: the reporter of case ${facts.reference} is not satisfied with the outcome`;
  }
}

/** Kinds whose words are the reporter's: plain sentences, a link to the status page, never what anyone wrote. */
const REPORTER_WORDS: ReadonlySet<NotificationKind> = new Set([
  'reporter-acknowledgement',
  'reporter-conclusion',
  'reporter-question',
  'reporter-reply',
]);

function reporterText(facts: NotificationFacts, language: Language): string {
  const zh = language === 'zh-CN';
  // What waits is read on the status page, with the reference and the receipt code: no message carries either text.
  if (facts.kind === 'reporter-question') {
    return zh
      ? `办案人员就您的举报（编号${facts.reference}）向您提了一个问题。请在 ${facts.link} 输入受理编号和查询码查看并答复。为保护您的隐私，本消息不含问题内容。`
      : `The investigators have a question about your complaint (reference ${facts.reference}). Read and answer it at ${facts.link} with your reference and receipt code. For your privacy this message does not contain the question.`;
  }
  if (facts.kind === 'reporter-reply') {
    return zh
      ? `您对举报（编号${facts.reference}）办理结果的评价已有答复。请在 ${facts.link} 输入受理编号和查询码查看。`
      : `The office has answered your rating of the outcome of your complaint (reference ${facts.reference}). Read it at ${facts.link} with your reference and receipt code.`;
  }
  if (facts.kind === 'reporter-acknowledgement') {
    return zh
      ? `您的举报已收到并登记，编号为${facts.reference}。请妥善保存提交时获得的查询码，凭编号和查询码可在 ${facts.link} 查询办理进度。`
      : `We have received and registered your complaint under reference ${facts.reference}. Keep the receipt code you were given when you filed it: with the reference and that code you can follow the case at ${facts.link}.`;
  }
  const found =
    facts.outcome === 'substantiated'
      ? zh
        ? '经核查，您反映的问题属实，已依规依纪处理。'
        : 'We looked into what you reported and found it to be true; it is being dealt with under the rules.'
      : zh
        ? '经核查，您反映的问题未能查实。'
        : 'We looked into what you reported and could not establish that it happened.';
  const merged =
    facts.merged === true
      ? zh
        ? '您反映的问题已与另一件举报合并办理。'
        : 'What you reported was handled together with another complaint about the same matter. '
      : '';
  return zh
    ? `您的举报（编号${facts.reference}）已核查完毕。${merged}${found}感谢您的监督。详情可在 ${facts.link} 查询，并请对办理结果作出评价。`
    : `Your complaint (reference ${facts.reference}) has been verified. ${merged}${found} Thank you for speaking up. Details, and a question on whether the outcome satisfies you: ${facts.link}`;
}

export function renderNotification(facts: NotificationFacts, language: Language): RenderedNotification {
  const subject = headline(facts, language);
  if (REPORTER_WORDS.has(facts.kind)) {
    const text = reporterText(facts, language);
    return { subject, text, sms: text };
  }
  const lines = staffLines(facts, language);
  const due =
    facts.clock === undefined
      ? ''
      : language === 'zh-CN'
        ? `，期限${deadline(facts, language)}`
        : `, due ${deadline(facts, language)}`;
  return {
    subject,
    text: [subject, '', ...lines].join('\n'),
    sms: `${subject}${due}. ${facts.link}`,
  };
}
