// POST /complaints/{reference}/answers, /additions and /rating: the reporter, through the receipt code alone, answers
// a question, adds information (补充情况) or rates the outcome. Each is a transition of the case, committed like an
// investigator's action (queued for the projector, then the head moves on conditionally), retried on a concurrent
// change. A wrong code gets the status route's 404 and writes nothing; bad input and a request the case's state does
// not allow write nothing either; a case takes a few such requests an hour. Nothing about the reporter's network or
// device is recorded, nor logged.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { takeAllowance } from '#adapters/allowance.ts';
import { commit } from '#adapters/case-events.ts';
import { findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { ItemTooLargeError } from '#adapters/item-size.ts';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { reporterPolicy } from '#config/reporter.ts';
import type { Case } from '#domain/case.ts';
import type { Transition } from '#domain/events.ts';
import {
  AdditionRequestSchema,
  AnswerRequestSchema,
  addInformation,
  answerQuestion,
  FollowUpRefusedError,
  RatingRequestSchema,
  rateOutcome,
} from '#domain/reporter/follow-up.ts';
import { httpApi, type ParsedEvent } from '../http/api.ts';
import { reporterReference, statusAnswer } from '../http/reporter.ts';
import { errorBody, HttpError, type HttpResult, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

/** A concurrent change (an investigator's action) makes the reporter's commit stale: it is tried again on the new head. */
const ATTEMPTS = 4;

type Step = (record: Case, now: Date) => Transition;

/** What the request asks, parsed from the route and the body: the receipt code and the step it makes. */
function parse(event: ParsedEvent): { receiptCode: string; kind: string; step: Step } {
  const context = (now: Date) => ({ now, calendar: deadlineCalendar, deadlines: deadlineConfig });
  const route = event.rawPath.split('/').at(-1);
  switch (route) {
    case 'answers': {
      const request = AnswerRequestSchema.parse(event.body ?? {});
      return {
        receiptCode: request.receiptCode,
        kind: 'answer',
        step: (record, now) => answerQuestion(record, request.question, request.text, context(now)),
      };
    }
    case 'additions': {
      const request = AdditionRequestSchema.parse(event.body ?? {});
      return {
        receiptCode: request.receiptCode,
        kind: 'addition',
        step: (record, now) => addInformation(record, request.text, context(now)),
      };
    }
    case 'rating': {
      const request = RatingRequestSchema.parse(event.body ?? {});
      return {
        receiptCode: request.receiptCode,
        kind: 'rating',
        step: (record, now) =>
          rateOutcome(record, request.rating, request.comment, { ...context(now), policy: reporterPolicy }),
      };
    }
    default:
      throw new HttpError(404, 'not-found', 'There is no such route.');
  }
}

const refusal = (error: unknown): HttpResult | undefined => {
  if (error instanceof FollowUpRefusedError) return json(409, errorBody(error.code, error.message));
  if (error instanceof ItemTooLargeError) {
    return json(413, errorBody('record-too-large', 'This would make the case record larger than it may be.'));
  }
  return undefined;
};

export const handler = httpApi(async (event) => {
  const { receiptCode, kind, step } = parse(event);
  const reference = await reporterReference(event.pathParameters, receiptCode);
  logger.appendKeys({ reference });
  let record = await findCase(reference);
  if (record === undefined) {
    throw new HttpError(
      409,
      'not-registered-yet',
      '举报正在登记，请稍后再试 / The complaint is still being registered; try again in a minute.',
    );
  }
  try {
    // The state is checked before anything is counted: a refused request writes nothing.
    step(record, systemClock());
  } catch (error) {
    const answer = refusal(error);
    if (answer === undefined) throw error;
    return answer;
  }
  const allowed = await takeAllowance(
    { key: `reporter#${reference}`, limit: reporterPolicy.followUp.perCasePerHour, windowSeconds: 3600 },
    systemClock(),
  );
  if (!allowed) {
    metrics.addMetric('ReporterFollowUpRefused', MetricUnit.Count, 1);
    throw new HttpError(
      429,
      'too-many-messages',
      `这件举报每小时最多接收 ${reporterPolicy.followUp.perCasePerHour} 次答复、补充或评价，请稍后再试 / At most ${reporterPolicy.followUp.perCasePerHour} answers, additions or ratings an hour for one case; try again later.`,
      { headers: { 'retry-after': '3600' } },
    );
  }
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let transition: Transition;
    try {
      transition = step(record, systemClock());
    } catch (error) {
      const answer = refusal(error);
      if (answer === undefined) throw error;
      return answer;
    }
    if ((await commit(record, transition)) === 'committed') {
      metrics.addMetric(`ReporterFollowUp_${kind}`, MetricUnit.Count, 1);
      logger.info('reporter follow-up', { kind, version: transition.next.version });
      return statusAnswer(reference, (await findCase(reference)) ?? transition.next, 201);
    }
    const fresh = await findCase(reference);
    if (fresh === undefined) break;
    record = fresh;
  }
  throw new HttpError(
    503,
    'busy',
    '案件正在被更新，请稍后重试 / The case is being updated; please try again.',
    {
      headers: { 'retry-after': '5' },
    },
  );
});
