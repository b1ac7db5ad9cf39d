// POST /complaints/{reference}/evidence: upload slots for the reporter's files, at filing (right after the 202) or
// later while the case is open, for whoever holds the receipt code. A wrong code gets the status route's answer.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { isOpen } from '#domain/case.ts';
import { FilesRequestShape, REPORTER_ACTOR } from '#domain/evidence/policy.ts';
import { deriveReferenceKeys, REFERENCE_PATTERN, receiptMatches } from '#domain/reference.ts';
import { httpApi } from '../http/api.ts';
import { issueUploads, UPLOAD_ANSWER_NOTE } from '../http/evidence.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

const ReporterUploadsSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    receiptCode: z.string({ error: 'give the receipt code' }).check(z.maxLength(64)),
    ...FilesRequestShape,
  }))();

// The status route's answer, word for word: nobody learns which references exist.
const notFound = () =>
  new HttpError(
    404,
    'not-found',
    '受理编号或查询码不正确 / No case matches this reference and receipt code.',
  );

export const handler = httpApi(async (event) => {
  const { receiptCode, files } = ReporterUploadsSchema.parse(event.body ?? {});
  const reference = (event.pathParameters?.reference ?? '').toUpperCase();
  if (!REFERENCE_PATTERN.test(reference)) throw notFound();
  if (!receiptMatches(reference, receiptCode, deriveReferenceKeys(await masterSecret()))) {
    metrics.addMetric('ReceiptCodeRejected', MetricUnit.Count, 1);
    logger.warn('wrong receipt code', { reference });
    throw notFound();
  }
  logger.appendKeys({ reference });
  // A valid code whose case is not written yet was just filed: its files are welcome. A finished case takes no more.
  const record = await findCase(reference);
  if (record !== undefined && !isOpen(record.status)) {
    throw new HttpError(
      409,
      'case-closed',
      '案件已办结，不再接收材料 / This case is closed and takes no more files.',
    );
  }
  const uploads = await issueUploads(
    reference,
    files,
    { origin: 'reporter', by: REPORTER_ACTOR },
    systemClock(),
  );
  metrics.addMetric('EvidenceSlotsIssued', MetricUnit.Count, uploads.length);
  return json(201, { reference, uploads, ...UPLOAD_ANSWER_NOTE });
});
