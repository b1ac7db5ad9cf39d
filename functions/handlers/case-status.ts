// POST /complaints/{reference}/status: the public status of a case, for whoever holds its receipt code.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { findCase, transitionsOf } from '#adapters/case-store.ts';
import { filesOf } from '#adapters/evidence-records.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { publicStatusOf } from '#domain/case.ts';
import { publicMilestones } from '#domain/events.ts';
import { filesForReporter } from '#domain/evidence/record.ts';
import { deriveReferenceKeys, REFERENCE_PATTERN, receiptMatches } from '#domain/reference.ts';
import { httpApi } from '../http/api.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

const StatusRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    receiptCode: z.string({ error: 'give the receipt code' }).check(z.maxLength(64)),
  }))();

// One answer for an unknown reference and a wrong code, so nobody can learn which references exist.
const notFound = () =>
  new HttpError(
    404,
    'not-found',
    '受理编号或查询码不正确 / No case matches this reference and receipt code.',
  );

export const handler = httpApi(async (event) => {
  const { receiptCode } = StatusRequestSchema.parse(event.body ?? {});
  const reference = (event.pathParameters?.reference ?? '').toUpperCase();
  if (!REFERENCE_PATTERN.test(reference)) throw notFound();

  // No lockout: the right code is never refused because of someone else's guesses, and a refused lookup writes
  // nothing. Guessing is made infeasible by the code's 53 bits against the API's rate limit (README), and a
  // guessing campaign shows as this metric's alarm.
  if (!receiptMatches(reference, receiptCode, deriveReferenceKeys(await masterSecret()))) {
    metrics.addMetric('ReceiptCodeRejected', MetricUnit.Count, 1);
    logger.warn('wrong receipt code', { reference });
    throw notFound();
  }

  metrics.addMetric('StatusLookup', MetricUnit.Count, 1);
  // The files the reporter sent (never the office's), checked or refused, even while the complaint is queued.
  const [record, files] = await Promise.all([findCase(reference), filesOf(reference)]);
  const evidence = filesForReporter(files);
  if (record === undefined) {
    // The code is valid, so the complaint was accepted: it is still on its way from the queue.
    return json(200, { reference, status: 'pending', milestones: [], evidence });
  }
  // What the reporter sees: the public status and the public milestones of its transitions, nothing inside.
  const transitions = await transitionsOf(reference);
  return json(200, {
    reference,
    status: publicStatusOf(record),
    receivedAt: record.receivedAt,
    verificationDueAt: record.verificationDueAt,
    milestones: publicMilestones(transitions),
    evidence,
  });
});
