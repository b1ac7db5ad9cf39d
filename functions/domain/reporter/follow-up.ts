// The reporter's side of a case, through the receipt code alone: answering an investigator's question, adding what
// they remembered later (补充情况), rating the outcome once per conclusion. Each is a transition of the case (its own
// event, with who and when), so the history, the projector's counts and the status page all read the same record.
// Nothing about the reporter's network or device is ever part of one.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { type Case, type Outcome, RATINGS, type Rating } from '../case.ts';
import { DAY_MS } from '../clock.ts';
import type { Calendar } from '../deadlines/calendar.ts';
import type { DeadlineConfig } from '../deadlines/config.ts';
import type { StoredEvent, Transition } from '../events.ts';
import { transition } from '../lifecycle/actions.ts';
import { wellFormedText } from '../unicode.ts';
import type { ReporterPolicy } from './policy.ts';

/** The actor of every event the reporter makes: never a name, an address or anything about their device. */
export const REPORTER_ACTOR = 'reporter';

/** The longest answer, addition and rating comment a reporter may write (characters). */
export const REPORTER_TEXT_LIMITS = { answer: 2000, addition: 2000, comment: 500 } as const;

const text = (max: number) =>
  z.pipe(
    z.transform((v) => (typeof v === 'string' ? wellFormedText(v) : v)),
    z.string().check(z.trim(), z.minLength(1), z.maxLength(max)),
  );
const receiptCode = () => z.string({ error: 'give the receipt code' }).check(z.maxLength(64));

export const AnswerRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    receiptCode: receiptCode(),
    /** The question's id, as the status page shows it. */
    question: z.coerce.number().check(z.int(), z.positive(), z.lte(1_000_000)),
    text: text(REPORTER_TEXT_LIMITS.answer),
  }))();

export const AdditionRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({ receiptCode: receiptCode(), text: text(REPORTER_TEXT_LIMITS.addition) }))();

export const RatingRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    receiptCode: receiptCode(),
    rating: z.enum(RATINGS),
    comment: z.optional(
      z.pipe(
        z.transform((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v)),
        z.optional(text(REPORTER_TEXT_LIMITS.comment)),
      ),
    ),
  }))();

export type FollowUpRefusal =
  | 'question-not-open'
  | 'case-not-open'
  | 'rating-not-open'
  | 'already-rated'
  | 'not-registered-yet';

/** What the reporter asked for cannot be done in the case's present state (409): nothing is written. */
export class FollowUpRefusedError extends Error {
  override readonly name = 'FollowUpRefusedError';
  readonly code: FollowUpRefusal;
  constructor(code: FollowUpRefusal, message: string) {
    super(message);
    this.code = code;
  }
}

export interface FollowUpContext {
  readonly now: Date;
  readonly calendar: Calendar;
  readonly deadlines: DeadlineConfig;
}

const asReporter = (context: FollowUpContext) => ({ ...context, caller: { id: REPORTER_ACTOR } });

/**
 * The reporter may still write to the case (answer, add information): while it is being worked towards a conclusion.
 * Once concluded, their say is the rating (and a 不满意 may have it reopened); closed and merged cases take nothing.
 */
const BEING_WORKED: ReadonlySet<Case['status']> = new Set([
  'received',
  'triaged',
  'acknowledged',
  'verifying',
]);
export const acceptsInformation = (record: Pick<Case, 'status'>): boolean => BEING_WORKED.has(record.status);

export function answerQuestion(
  record: Case,
  question: number,
  answer: string,
  context: FollowUpContext,
): Transition {
  if (!acceptsInformation(record)) {
    throw new FollowUpRefusedError(
      'case-not-open',
      '案件已核查完毕，无法再答复 / The case is no longer being verified.',
    );
  }
  if (!(record.openQuestions ?? []).includes(question)) {
    throw new FollowUpRefusedError(
      'question-not-open',
      '该问题已答复或不存在 / That question is answered already or does not exist.',
    );
  }
  const still = (record.openQuestions ?? []).filter((id) => id !== question);
  return transition(
    record,
    asReporter(context),
    'question-answered',
    still.length === 0 ? {} : { openQuestions: still },
    { details: { question, answer }, ...(still.length === 0 ? { remove: ['openQuestions'] } : {}) },
  );
}

export function addInformation(record: Case, addition: string, context: FollowUpContext): Transition {
  if (!acceptsInformation(record)) {
    throw new FollowUpRefusedError(
      'case-not-open',
      '案件已核查完毕，无法再补充 / The case is no longer being verified.',
    );
  }
  return transition(record, asReporter(context), 'information-added', {}, { details: { text: addition } });
}

/** Until when the present conclusion may be rated, if it may be rated at all (concluded, not merged away). */
export function ratingOpenUntil(
  record: Pick<Case, 'status' | 'concludedAt' | 'conclusionVersion'>,
  policy: ReporterPolicy,
): string | undefined {
  if (record.concludedAt === undefined || record.conclusionVersion === undefined) return undefined;
  if (!['substantiated', 'unfounded', 'closed'].includes(record.status)) return undefined;
  return new Date(Date.parse(record.concludedAt) + policy.rating.windowDays * DAY_MS).toISOString();
}

export function rateOutcome(
  record: Case,
  rating: Rating,
  comment: string | undefined,
  context: FollowUpContext & { readonly policy: ReporterPolicy },
): Transition {
  const until = ratingOpenUntil(record, context.policy);
  if (until === undefined || context.now.toISOString() > until) {
    throw new FollowUpRefusedError(
      'rating-not-open',
      '目前无法评价：案件尚无办理结果或评价期已过 / There is no outcome to rate now.',
    );
  }
  const conclusionVersion = record.conclusionVersion as number;
  if (record.rating?.conclusionVersion === conclusionVersion) {
    throw new FollowUpRefusedError(
      'already-rated',
      '您已评价过此办理结果 / You have rated this outcome already.',
    );
  }
  return transition(
    record,
    asReporter(context),
    'rated',
    {
      rating: { value: rating, at: context.now.toISOString(), conclusionVersion },
      ...(rating === 'dissatisfied' ? { dissatisfied: true } : {}),
    },
    { details: { rating, conclusionVersion, ...(comment === undefined ? {} : { comment }) } },
  );
}

/** One exchange with the reporter, oldest first, as the record holds it (who asked, the reporter's words). */
export interface ReporterThread {
  readonly questions: readonly {
    readonly id: number;
    readonly askedAt: string;
    readonly askedBy: string;
    readonly question: string;
    readonly answer?: { readonly text: string; readonly at: string };
  }[];
  readonly additions: readonly { readonly at: string; readonly text: string }[];
  readonly ratings: readonly {
    readonly at: string;
    readonly rating: Rating;
    readonly comment?: string;
    readonly conclusionVersion: number;
  }[];
  readonly replies: readonly { readonly at: string; readonly by: string; readonly text: string }[];
}

const textOf = (details: Readonly<Record<string, unknown>> | undefined, key: string): string | undefined =>
  typeof details?.[key] === 'string' ? (details[key] as string) : undefined;

/** The reporter's thread of a case, from its transitions (any order). */
export function threadOf(transitions: readonly StoredEvent[]): ReporterThread {
  const events = [...transitions].sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
  const answers = new Map<number, { text: string; at: string }>();
  for (const event of events) {
    const answer = textOf(event.details, 'answer');
    if (event.kind === 'question-answered' && answer !== undefined)
      answers.set(Number(event.details?.question), { text: answer, at: event.at });
  }
  const questions: ReporterThread['questions'][number][] = [];
  const additions: ReporterThread['additions'][number][] = [];
  const ratings: ReporterThread['ratings'][number][] = [];
  const replies: ReporterThread['replies'][number][] = [];
  for (const event of events) {
    const details = event.details;
    switch (event.kind) {
      case 'question-asked': {
        const question = textOf(details, 'question');
        if (question === undefined || event.version === undefined) break;
        const answer = answers.get(event.version);
        questions.push({
          id: event.version,
          askedAt: event.at,
          askedBy: event.actor,
          question,
          ...(answer === undefined ? {} : { answer }),
        });
        break;
      }
      case 'information-added': {
        const added = textOf(details, 'text');
        if (added !== undefined) additions.push({ at: event.at, text: added });
        break;
      }
      case 'rated': {
        const rating = details?.rating as Rating;
        if (!RATINGS.includes(rating)) break;
        const comment = textOf(details, 'comment');
        ratings.push({
          at: event.at,
          rating,
          conclusionVersion: Number(details?.conclusionVersion),
          ...(comment === undefined ? {} : { comment }),
        });
        break;
      }
      case 'rating-answered': {
        const reply = textOf(details, 'reply');
        if (reply !== undefined) replies.push({ at: event.at, by: event.actor, text: reply });
        break;
      }
    }
  }
  return { questions, additions, ratings, replies };
}

/** What the reporter sees of the exchange and the outcome on the status page: their words and the office's, no one's name. */
export interface ReporterView {
  readonly questions: readonly {
    readonly id: number;
    readonly askedAt: string;
    readonly question: string;
    readonly open: boolean;
    readonly answer?: { readonly text: string; readonly at: string };
  }[];
  readonly additions: ReporterThread['additions'];
  /** The reporter may add information (补充情况) now. */
  readonly acceptsInformation: boolean;
  /** The outcome in plain words' terms: how the verification concluded (the followed case's, when merged). */
  readonly outcome?: {
    readonly result: Outcome;
    readonly concludedAt: string;
    readonly peopleHeldAccountable: number;
  };
  /** A merged case follows the case it was merged into, which is being handled (its reference is not given). */
  readonly merged?: { readonly followedStatus: string };
  readonly rating: {
    /** A rating is asked for now, until this time. */
    readonly openUntil?: string;
    readonly given?: { readonly rating: Rating; readonly at: string; readonly comment?: string };
    readonly replies: readonly { readonly at: string; readonly text: string }[];
  };
}

export function reporterView(
  record: Case,
  transitions: readonly StoredEvent[],
  context: {
    readonly now: Date;
    readonly policy: ReporterPolicy;
    /** The case a merged one was merged into, whose outcome it follows. */
    readonly followed?: Case | undefined;
    readonly followedStatus?: string | undefined;
  },
): ReporterView {
  const thread = threadOf(transitions);
  const open = new Set(acceptsInformation(record) ? (record.openQuestions ?? []) : []);
  const concluded = record.status === 'merged' ? context.followed : record;
  const until = record.status === 'merged' ? undefined : ratingOpenUntil(record, context.policy);
  const given =
    record.rating !== undefined && record.rating.conclusionVersion === record.conclusionVersion
      ? thread.ratings.findLast((r) => r.conclusionVersion === record.conclusionVersion)
      : undefined;
  const ratingOpen = until !== undefined && given === undefined && context.now.toISOString() <= until;
  return {
    questions: thread.questions.map(({ askedBy: _by, ...question }) => ({
      ...question,
      open: open.has(question.id),
    })),
    additions: thread.additions,
    acceptsInformation: acceptsInformation(record),
    ...(concluded?.outcome === undefined || concluded.concludedAt === undefined
      ? {}
      : {
          outcome: {
            result: concluded.outcome,
            concludedAt: concluded.concludedAt,
            peopleHeldAccountable: concluded.sanctions?.people ?? 0,
          },
        }),
    ...(record.status === 'merged'
      ? { merged: { followedStatus: context.followedStatus ?? 'triaged' } }
      : {}),
    rating: {
      ...(ratingOpen ? { openUntil: until } : {}),
      ...(given === undefined
        ? {}
        : {
            given: {
              rating: given.rating,
              at: given.at,
              ...(given.comment === undefined ? {} : { comment: given.comment }),
            },
          }),
      replies: thread.replies.map(({ by: _by, ...reply }) => reply),
    },
  };
}
