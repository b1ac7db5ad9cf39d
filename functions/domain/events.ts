// Everything that happens to a case is an event of its own item under the case's key: each kind declared once here
// (whether it moves the head, its words in both languages, what the reporter sees of it). The history, the console,
// the statistics and the status page read events through these declarations; a kind added here without its words or
// its public meaning does not compile, and aggregates.ts must say how it counts.
import * as z from 'zod/mini';
import './zod-locale.ts';
import {
  CASE_STATUSES,
  type Case,
  type CaseStatus,
  OUTCOMES,
  type SanctionSummary,
  SanctionSummarySchema,
} from './case.ts';
import { CHANNELS, type Language } from './complaint.ts';
import { REFERENCE_PATTERN } from './reference.ts';
import { CategorySchema, SeveritySchema } from './triage/model.ts';

/** Events that move the head from one version to the next: each is the record of one committed transition. */
export const TRANSITION_KINDS = [
  'opened',
  'acknowledged',
  'verification-started',
  'substantiated',
  'unfounded',
  'closed',
  'reopened',
  'transferred',
  'merged',
  'unmerged',
  'manually-triaged',
  'assigned',
  'returned',
  'extension-requested',
  'extension-granted',
  'extension-refused',
  'supervised',
  // The reporter's side (reporter/follow-up.ts): a question through the receipt code and its answer, what the
  // reporter adds on their own (补充情况), their rating of the outcome and a supervisor's answer to a 不满意.
  'question-asked',
  'question-answered',
  'information-added',
  'rated',
  'rating-answered',
] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/** Events that record something without moving the head: many writers append them at once, none rewrites another's. */
export const SIDE_KINDS = [
  'contact-viewed',
  'notified',
  'note',
  'evidence-added',
  'evidence-refused',
  'evidence-viewed',
  'contact-deleted',
] as const;
export type SideKind = (typeof SIDE_KINDS)[number];

export type EventKind = TransitionKind | SideKind;

/** What a reporter is told a transition meant, on the status page; `null` keeps it inside the office. */
export type PublicMilestone =
  | 'received'
  | 'assigned'
  | 'under-verification'
  | 'verified'
  | 'closed-unfounded'
  | 'closed'
  | 'merged';

interface KindDeclaration {
  readonly words: Readonly<Record<Language, string>>;
  readonly public: PublicMilestone | null;
}

export const EVENT_KINDS: Readonly<Record<EventKind, KindDeclaration>> = {
  opened: { words: { 'zh-CN': '收到举报', en: 'received' }, public: 'received' },
  acknowledged: { words: { 'zh-CN': '签收受理', en: 'acknowledged' }, public: null },
  'verification-started': {
    words: { 'zh-CN': '开始核查', en: 'verification started' },
    public: 'under-verification',
  },
  substantiated: { words: { 'zh-CN': '核查属实', en: 'substantiated' }, public: 'verified' },
  unfounded: { words: { 'zh-CN': '核查不实', en: 'unfounded' }, public: 'closed-unfounded' },
  closed: { words: { 'zh-CN': '办结', en: 'closed' }, public: 'closed' },
  reopened: { words: { 'zh-CN': '重新核查', en: 'reopened' }, public: 'under-verification' },
  transferred: { words: { 'zh-CN': '转办', en: 'transferred' }, public: null },
  merged: { words: { 'zh-CN': '并案', en: 'merged' }, public: 'merged' },
  unmerged: { words: { 'zh-CN': '撤销并案', en: 'unmerged' }, public: 'assigned' },
  'manually-triaged': { words: { 'zh-CN': '人工分派', en: 'triaged by hand' }, public: 'assigned' },
  assigned: { words: { 'zh-CN': '指定承办人', en: 'assigned' }, public: null },
  returned: { words: { 'zh-CN': '退单', en: 'returned for rerouting' }, public: null },
  'extension-requested': { words: { 'zh-CN': '申请延期', en: 'extension requested' }, public: null },
  'extension-granted': { words: { 'zh-CN': '批准延期', en: 'extension granted' }, public: null },
  'extension-refused': { words: { 'zh-CN': '不予延期', en: 'extension refused' }, public: null },
  supervised: { words: { 'zh-CN': '督办', en: 'supervision mark' }, public: null },
  'question-asked': { words: { 'zh-CN': '向举报人提问', en: 'question to the reporter' }, public: null },
  'question-answered': { words: { 'zh-CN': '举报人回复', en: 'reporter answered' }, public: null },
  'information-added': {
    words: { 'zh-CN': '举报人补充情况', en: 'reporter added information' },
    public: null,
  },
  rated: { words: { 'zh-CN': '举报人评价', en: 'reporter rated the outcome' }, public: null },
  'rating-answered': { words: { 'zh-CN': '答复举报人', en: 'answer to the reporter' }, public: null },
  'contact-viewed': { words: { 'zh-CN': '查看举报人联系方式', en: 'contact details viewed' }, public: null },
  notified: { words: { 'zh-CN': '发送通知', en: 'notified' }, public: null },
  note: { words: { 'zh-CN': '内部备注', en: 'internal note' }, public: null },
  'evidence-added': { words: { 'zh-CN': '收到证据材料', en: 'evidence added' }, public: null },
  'evidence-refused': { words: { 'zh-CN': '证据材料未通过检查', en: 'evidence refused' }, public: null },
  'evidence-viewed': { words: { 'zh-CN': '查看证据材料', en: 'evidence viewed' }, public: null },
  'contact-deleted': {
    words: { 'zh-CN': '联系方式已按保存期限删除', en: 'contact details deleted (retention)' },
    public: null,
  },
};

export const isTransitionKind = (kind: string): kind is TransitionKind =>
  (TRANSITION_KINDS as readonly string[]).includes(kind);

/**
 * What statistics need of a case before and after a transition: enough to count the transition again with a new
 * rule (`npm run rebuild:aggregates`) from the event alone.
 */
export const SnapshotSchema = /* @__PURE__ */ (() =>
  z.object({
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    receivedAt: z.string(),
    bodyId: z.optional(z.string()),
    unitId: z.optional(z.nullable(z.string())),
    category: z.optional(CategorySchema),
    severity: z.optional(SeveritySchema),
    acknowledgeDueAt: z.optional(z.string()),
    verificationDueAt: z.string(),
    acknowledgedAt: z.optional(z.string()),
    concludedAt: z.optional(z.string()),
    outcome: z.optional(z.enum(OUTCOMES)),
    sanctions: z.optional(SanctionSummarySchema),
  }))();
export interface Snapshot {
  readonly status: CaseStatus;
  readonly channel: Case['channel'];
  readonly receivedAt: string;
  readonly bodyId?: string;
  readonly unitId?: string | null;
  readonly category?: NonNullable<Case['category']>;
  readonly severity?: NonNullable<Case['severity']>;
  readonly acknowledgeDueAt?: string;
  readonly verificationDueAt: string;
  readonly acknowledgedAt?: string;
  readonly concludedAt?: string;
  readonly outcome?: NonNullable<Case['outcome']>;
  readonly sanctions?: SanctionSummary;
}

export function snapshotOf(record: Case): Snapshot {
  const keep = <K extends keyof Snapshot>(key: K): Partial<Snapshot> =>
    record[key as keyof Case] === undefined ? {} : { [key]: record[key as keyof Case] };
  return {
    status: record.status,
    channel: record.channel,
    receivedAt: record.receivedAt,
    verificationDueAt: record.verificationDueAt,
    ...keep('bodyId'),
    ...keep('unitId'),
    ...keep('category'),
    ...keep('severity'),
    ...keep('acknowledgeDueAt'),
    ...keep('acknowledgedAt'),
    ...keep('concludedAt'),
    ...keep('outcome'),
    ...keep('sanctions'),
  };
}

/** One transition: the event that records it and the head it leads to (version + 1). */
export interface TransitionEvent {
  readonly reference: string;
  readonly kind: TransitionKind;
  readonly at: string;
  readonly actor: string;
  readonly note?: string;
  /** The head version this transition made. */
  readonly version: number;
  readonly before?: Snapshot;
  readonly after: Snapshot;
  /** What the kind records besides (findings, sanctions, a target body…); the complaint itself for `opened`. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface SideEvent {
  readonly reference: string;
  readonly kind: SideKind;
  readonly at: string;
  readonly actor: string;
  readonly note?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type CaseEvent = TransitionEvent | SideEvent;

/** The next head and the event that records the step. */
export interface Transition {
  readonly next: Case;
  readonly event: TransitionEvent;
}

/** An event as stored, read tolerantly: the history shows what it can of a kind a newer version added. */
export const StoredEventSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    kind: z.string().check(z.minLength(1), z.maxLength(40)),
    at: z.iso.datetime(),
    actor: z.string().check(z.maxLength(128)),
    note: z.optional(z.string()),
    version: z.optional(z.number()),
    details: z.optional(z.record(z.string(), z.unknown())),
  }))();
export type StoredEvent = z.infer<typeof StoredEventSchema>;

/** The milestones a reporter sees of a case's transitions (oldest first): nothing inside the office, no actor. */
export function publicMilestones(
  events: readonly (Pick<StoredEvent, 'kind' | 'at'> & { readonly after?: unknown })[],
): { at: string; milestone: PublicMilestone }[] {
  return events.flatMap((event) => {
    const declared = (EVENT_KINDS as Record<string, KindDeclaration | undefined>)[event.kind];
    const milestone = declared?.public ?? null;
    if (milestone === null) return [];
    // The opening of a case triage routed is both its receipt and its assignment.
    const routed =
      event.kind === 'opened' && (event.after as { status?: unknown } | undefined)?.status === 'triaged';
    return routed
      ? [
          { at: event.at, milestone },
          { at: event.at, milestone: 'assigned' as const },
        ]
      : [{ at: event.at, milestone }];
  });
}

/** The words of a kind in a language; a kind this version does not know shows as its name. */
export function wordsOf(kind: string): Readonly<Record<Language, string>> {
  return (
    (EVENT_KINDS as Record<string, KindDeclaration | undefined>)[kind]?.words ?? { 'zh-CN': kind, en: kind }
  );
}

export const TRANSITION_MESSAGE_KIND = 'hotline.transition.v1';

/**
 * A transition as queued for the projector before it commits: the event itself (so a crash after the commit never
 * loses it) and its key. The projector counts it only if the head says it committed.
 */
export const TransitionMessageSchema = /* @__PURE__ */ (() =>
  z.object({
    kind: z.literal(TRANSITION_MESSAGE_KIND),
    sk: z.string().check(z.regex(/^T#/), z.maxLength(80)),
    event: z.looseObject({
      reference: z.string().check(z.regex(REFERENCE_PATTERN)),
      kind: z.enum(TRANSITION_KINDS),
      at: z.iso.datetime(),
      actor: z.string().check(z.maxLength(128)),
      note: z.optional(z.string()),
      version: z.number().check(z.int(), z.positive()),
      before: z.optional(SnapshotSchema),
      after: SnapshotSchema,
      details: z.optional(z.record(z.string(), z.unknown())),
    }),
  }))();
export interface TransitionMessage {
  readonly kind: typeof TRANSITION_MESSAGE_KIND;
  readonly sk: string;
  readonly event: TransitionEvent;
}
