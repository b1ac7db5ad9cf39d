// What arrives on the evidence queue: S3's notification of an upload (ObjectCreated), S3's test message when the
// notification is configured, or, in a deployment that scans for malware, GuardDuty's scan result for an upload
// (through EventBridge). Each becomes the same notice: this object of this bucket is ready to be checked.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import type { ScanVerdict } from './inspection.ts';

export interface UploadNotice {
  readonly bucket: string;
  readonly key: string;
  /** When the upload happened (S3's event time, or the scan's): the file's events are keyed by it. */
  readonly at: string;
  /** GuardDuty's verdict, when this notice is a scan result. */
  readonly scan?: ScanVerdict;
}

const S3EventSchema = /* @__PURE__ */ (() =>
  z.object({
    Records: z.array(
      z.object({
        eventSource: z.literal('aws:s3'),
        eventName: z.string(),
        eventTime: z.iso.datetime(),
        s3: z.object({
          bucket: z.object({ name: z.string().check(z.minLength(3), z.maxLength(63)) }),
          object: z.object({ key: z.string().check(z.minLength(1), z.maxLength(1024)) }),
        }),
      }),
    ),
  }))();

const TestEventSchema = /* @__PURE__ */ (() => z.object({ Event: z.literal('s3:TestEvent') }))();

const ScanResultSchema = /* @__PURE__ */ (() =>
  z.object({
    source: z.literal('aws.guardduty'),
    'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
    time: z.iso.datetime(),
    detail: z.object({
      s3ObjectDetails: z.object({
        bucketName: z.string().check(z.minLength(3), z.maxLength(63)),
        objectKey: z.string().check(z.minLength(1), z.maxLength(1024)),
      }),
      scanResultDetails: z.object({
        scanResultStatus: z.enum([
          'NO_THREATS_FOUND',
          'THREATS_FOUND',
          'UNSUPPORTED',
          'ACCESS_DENIED',
          'FAILED',
        ]),
      }),
    }),
  }))();

/** S3 writes keys in notifications URL-encoded, with `+` for a space. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/** The notices a queue message carries; a test message carries none. Anything else throws (the record fails). */
export function uploadNotices(body: unknown): UploadNotice[] {
  if (TestEventSchema.safeParse(body).success) return [];
  const scan = ScanResultSchema.safeParse(body);
  if (scan.success) {
    const { detail, time } = scan.data;
    return [
      {
        bucket: detail.s3ObjectDetails.bucketName,
        key: detail.s3ObjectDetails.objectKey,
        at: new Date(time).toISOString(),
        scan: detail.scanResultDetails.scanResultStatus,
      },
    ];
  }
  const { Records } = S3EventSchema.parse(body);
  return Records.filter((record) => record.eventName.startsWith('ObjectCreated:')).map((record) => ({
    bucket: record.s3.bucket.name,
    key: decodeKey(record.s3.object.key),
    at: new Date(record.eventTime).toISOString(),
  }));
}
