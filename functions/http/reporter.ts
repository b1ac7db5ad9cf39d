// What the reporter's routes share: the receipt code checked exactly as the status route always did (a wrong code
// and an unknown reference get the same 404, nothing is written, and every wrong code is counted for the guessing
// alarm), and the status answer they all give: the public status, its milestones and the reporter's side of the case.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { findCase, transitionsOf } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { filesOf } from '#adapters/evidence-records.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { reporterPolicy } from '#config/reporter.ts';
import { type Case, publicStatusOf } from '#domain/case.ts';
import { publicMilestones } from '#domain/events.ts';
import { filesForReporter } from '#domain/evidence/record.ts';
import { deriveReferenceKeys, REFERENCE_PATTERN, receiptMatches } from '#domain/reference.ts';
import { reporterView } from '#domain/reporter/follow-up.ts';
import { logger, metrics } from '../observability.ts';
import { HttpError, type HttpResult, json } from './responses.ts';

// One answer for an unknown reference and a wrong code, so nobody can learn which references exist.
export const receiptNotFound = () =>
  new HttpError(
    404,
    'not-found',
    '受理编号或查询码不正确 / No case matches this reference and receipt code.',
  );

/**
 * The reference of the path, if the receipt code is its own; else the one 404. No lockout: the right code is never
 * refused because of someone else's guesses, and a refused request writes nothing. Guessing is made infeasible by
 * the code's 53 bits against the API's rate limit (README), and a campaign shows as this metric's alarm.
 */
export async function reporterReference(
  pathParameters: Record<string, string | undefined> | undefined,
  receiptCode: string,
): Promise<string> {
  const reference = (pathParameters?.reference ?? '').toUpperCase();
  if (!REFERENCE_PATTERN.test(reference)) throw receiptNotFound();
  if (!receiptMatches(reference, receiptCode, deriveReferenceKeys(await masterSecret()))) {
    metrics.addMetric('ReceiptCodeRejected', MetricUnit.Count, 1);
    logger.warn('wrong receipt code', { reference });
    throw receiptNotFound();
  }
  return reference;
}

/**
 * What the reporter sees: the public status and the public milestones of its transitions, nothing inside the office,
 * nobody's name; the questions for them and their answers, what they added, the outcome and its rating. A merged case
 * says so and follows the outcome of the case it was merged into, without naming it.
 */
export async function statusAnswer(
  reference: string,
  record: Case | undefined,
  statusCode = 200,
): Promise<HttpResult> {
  // The files the reporter sent (never the office's), checked or refused, even while the complaint is queued.
  if (record === undefined) {
    const evidence = filesForReporter(await filesOf(reference));
    // The code is valid, so the complaint was accepted: it is still on its way from the queue.
    return json(statusCode, { reference, status: 'pending', milestones: [], evidence });
  }
  const [transitions, followed, files] = await Promise.all([
    transitionsOf(reference),
    record.status === 'merged' && record.mergedInto !== undefined ? findCase(record.mergedInto) : undefined,
    filesOf(reference),
  ]);
  return json(statusCode, {
    reference,
    status: publicStatusOf(record),
    receivedAt: record.receivedAt,
    verificationDueAt: record.verificationDueAt,
    milestones: publicMilestones(transitions),
    evidence: filesForReporter(files),
    ...reporterView(record, transitions, {
      now: systemClock(),
      policy: reporterPolicy,
      followed,
      followedStatus: followed === undefined ? undefined : publicStatusOf(followed),
    }),
  });
}
