// POST /complaints/{reference}/status: the public status of a case, for whoever holds its receipt code, with the
// reporter's side of it: questions waiting for them, what they added, the outcome and whether it may be rated.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { findCase } from '#adapters/case-store.ts';
import { httpApi } from '../http/api.ts';
import { reporterReference, statusAnswer } from '../http/reporter.ts';
import { metrics } from '../observability.ts';

const StatusRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    receiptCode: z.string({ error: 'give the receipt code' }).check(z.maxLength(64)),
  }))();

export const handler = httpApi(async (event) => {
  const { receiptCode } = StatusRequestSchema.parse(event.body ?? {});
  const reference = await reporterReference(event.pathParameters, receiptCode);
  metrics.addMetric('StatusLookup', MetricUnit.Count, 1);
  return statusAnswer(reference, await findCase(reference));
});
