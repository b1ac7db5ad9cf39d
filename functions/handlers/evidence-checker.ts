// Evidence queue → each upload (S3's notification, or GuardDuty's scan result where the deployment scans): its real
// type read from its bytes, refused (and deleted) unless the hotline takes it, images checked for their pixel count
// from the header and stripped of metadata, PDFs refused with active content; the kept file stored beside the case
// and recorded (its item, then an event), and the upload deleted last, so a crash anywhere is repaired by the
// redelivery. Nothing is logged of a file but its case, id, type and verdict: a name may say who sent it.
import { createHash } from 'node:crypto';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { appendEvent } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { evidenceBucket, malwareScan } from '#adapters/environment.ts';
import { findFile, putFile } from '#adapters/evidence-records.ts';
import { deleteUpload, readUpload, scanVerdictOf, storeChecked } from '#adapters/evidence-store.ts';
import { inspectUpload } from '#domain/evidence/inspection.ts';
import { type UploadNotice, uploadNotices } from '#domain/evidence/notices.ts';
import { isEvidenceType, parseUploadKey } from '#domain/evidence/policy.ts';
import type { EvidenceFile } from '#domain/evidence/record.ts';
import { logger, metrics } from '../observability.ts';

const processor = new BatchProcessor(EventType.SQS);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Width and height from the header alone (the largest image of a file holding several), or 'unreadable'. */
function dimensionsOf(bytes: Uint8Array): { width: number; height: number } | 'unreadable' {
  try {
    const size = imageSize(bytes);
    const all = [size, ...(size.images ?? [])];
    const width = Math.max(...all.map((s) => s.width ?? 0));
    const height = Math.max(...all.map((s) => s.height ?? 0));
    return { width, height };
  } catch {
    return 'unreadable';
  }
}

/** The event that puts the file into the case's history, keyed by the file so a retry writes nothing new. */
async function recordEvent(file: EvidenceFile): Promise<void> {
  const checked = file.state === 'checked';
  await appendEvent(
    {
      reference: file.reference,
      kind: checked ? 'evidence-added' : 'evidence-refused',
      at: file.checkedAt,
      actor: file.by,
      details: {
        fileId: file.fileId,
        name: file.name,
        origin: file.origin,
        state: file.state,
        size: file.storedSize ?? file.size,
        originalSha256: file.originalSha256,
        ...(checked
          ? { type: file.type, sha256: file.sha256, removed: file.removed ?? [] }
          : { reason: file.reason, declaredType: file.declaredType, detected: file.detected ?? null }),
      },
    },
    `${checked ? 'F' : 'R'}|${file.fileId}`,
  );
}

async function check(notice: UploadNotice): Promise<void> {
  const named = parseUploadKey(notice.key);
  if (notice.bucket !== evidenceBucket() || named === undefined) {
    logger.warn('notice of an object that is not an upload; ignored', { bucket: notice.bucket });
    return;
  }
  const { reference, fileId } = named;
  logger.appendKeys({ reference });
  // Where GuardDuty scans, its result is the signal to check; S3's own notice would race the scan.
  if (malwareScan() === 'guardduty' && notice.scan === undefined) return;

  const done = await findFile(reference, fileId);
  if (done !== undefined) {
    // Recorded before: make sure of its event and that the upload is gone (a crash may have come between).
    await recordEvent(done);
    await deleteUpload(notice.key);
    return;
  }
  const upload = await readUpload(notice.key);
  if (upload === undefined) {
    logger.info('upload already gone', { fileId });
    return;
  }
  const scan = malwareScan() === 'guardduty' ? ((await scanVerdictOf(notice.key)) ?? notice.scan) : undefined;
  const declared = isEvidenceType(upload.metadata.declaredType)
    ? upload.metadata.declaredType
    : 'application/pdf';
  const detected = (await fileTypeFromBuffer(upload.bytes))?.mime;
  const inspection = inspectUpload({
    bytes: upload.bytes,
    declared,
    detected,
    scan,
    ...(detected?.startsWith('image/') ? { dimensions: dimensionsOf(upload.bytes) } : {}),
  });
  const common = {
    reference,
    fileId,
    name: upload.metadata.name,
    origin: upload.metadata.origin,
    by: upload.metadata.by,
    uploadedAt: notice.at,
    checkedAt: systemClock().toISOString(),
    declaredType: declared,
    size: upload.bytes.length,
    originalSha256: sha256(upload.bytes),
  } as const;
  let file: EvidenceFile;
  if (inspection.ok) {
    await storeChecked(reference, fileId, {
      bytes: inspection.bytes,
      type: inspection.type,
      name: common.name,
    });
    file = {
      ...common,
      state: 'checked',
      type: inspection.type,
      storedSize: inspection.bytes.length,
      sha256: sha256(inspection.bytes),
      removed: inspection.removed,
      ...(inspection.width === undefined ? {} : { width: inspection.width, height: inspection.height }),
    };
  } else {
    file = {
      ...common,
      state: 'refused',
      reason: inspection.reason,
      ...(inspection.detected === undefined ? {} : { detected: inspection.detected }),
    };
  }
  // Another delivery of the same notice may have recorded it meanwhile: its record stands, and its event.
  const recorded = (await putFile(file)) ? file : ((await findFile(reference, fileId)) ?? file);
  await recordEvent(recorded);
  await deleteUpload(notice.key);
  metrics.addMetric(
    recorded.state === 'checked' ? 'EvidenceChecked' : 'EvidenceRefused',
    MetricUnit.Count,
    1,
  );
  logger.info('evidence checked', {
    fileId,
    state: recorded.state,
    type: recorded.type ?? recorded.detected ?? null,
    reason: recorded.reason ?? null,
  });
}

async function checkRecord(record: SQSRecord): Promise<void> {
  for (const notice of uploadNotices(JSON.parse(record.body))) await check(notice);
}

export const handler = middy(async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, checkRecord, processor, { context }),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
