// The evidence bucket: upload policies (presigned POST) that pin a file's key, size and type; the checker's reads,
// writes and deletes; short links (presigned GET) that always download. Endpoint, region and credentials come from
// the SDK's standard configuration (AWS_ENDPOINT_URL_S3 on this machine), like every other client.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ScanVerdict } from '#domain/evidence/inspection.ts';
import {
  attachmentDisposition,
  checkedKey,
  EVIDENCE_LIMITS,
  type EvidenceOrigin,
  type SlotRequest,
  uploadKey,
} from '#domain/evidence/policy.ts';
import { evidenceBucket } from './environment.ts';

let client: S3Client | undefined;

/** Addressed by path on an emulator's IP endpoint (the SDK's own choice for an IP), by virtual host in AWS. */
export function s3Client(): S3Client {
  client ??= new S3Client({});
  return client;
}

/** What an uploaded object carries besides its bytes, pinned by its policy: names go in percent-encoded. */
export interface UploadMetadata {
  readonly name: string;
  readonly origin: EvidenceOrigin;
  readonly by: string;
  readonly declaredType: string;
}

const META = { name: 'name', origin: 'origin', by: 'by', declaredType: 'declared-type' } as const;

/** One upload slot: where to post, the form fields to send before the file, until when it is valid. */
export interface UploadSlot {
  readonly fileId: string;
  readonly name: string;
  readonly type: string;
  readonly maxBytes: number;
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly expiresAt: string;
}

export async function presignUpload(
  reference: string,
  fileId: string,
  slot: SlotRequest,
  who: { readonly origin: EvidenceOrigin; readonly by: string },
  now: Date,
): Promise<UploadSlot> {
  const metadata: Record<string, string> = {
    [`x-amz-meta-${META.name}`]: encodeURIComponent(slot.name),
    [`x-amz-meta-${META.origin}`]: who.origin,
    [`x-amz-meta-${META.by}`]: who.by,
    [`x-amz-meta-${META.declaredType}`]: slot.type,
  };
  const { url, fields } = await createPresignedPost(s3Client(), {
    Bucket: evidenceBucket(),
    Key: uploadKey(reference, fileId),
    // Every field is pinned (the library adds each as an exact condition, and the key): the browser can change
    // nothing but the file, and the file only within the size range.
    Conditions: [['content-length-range', 1, EVIDENCE_LIMITS.maxBytes]],
    Fields: { 'Content-Type': slot.type, ...metadata },
    Expires: EVIDENCE_LIMITS.uploadWindowSeconds,
  });
  return {
    fileId,
    name: slot.name,
    type: slot.type,
    maxBytes: EVIDENCE_LIMITS.maxBytes,
    url,
    fields,
    expiresAt: new Date(now.getTime() + EVIDENCE_LIMITS.uploadWindowSeconds * 1000).toISOString(),
  };
}

export interface Upload {
  readonly bytes: Uint8Array;
  readonly metadata: UploadMetadata;
}

/** An upload's bytes and metadata; undefined when it is gone (checked and removed already). */
export async function readUpload(key: string): Promise<Upload | undefined> {
  try {
    const answer = await s3Client().send(new GetObjectCommand({ Bucket: evidenceBucket(), Key: key }));
    const bytes = await answer.Body?.transformToByteArray();
    const meta = answer.Metadata ?? {};
    return {
      bytes: bytes ?? new Uint8Array(),
      metadata: {
        name: safeDecode(meta[META.name] ?? ''),
        origin: meta[META.origin] === 'office' ? 'office' : 'reporter',
        by: meta[META.by] ?? 'reporter',
        declaredType: meta[META.declaredType] ?? '',
      },
    };
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** GuardDuty's tag on a scanned object; undefined until it has scanned it. */
export async function scanVerdictOf(key: string): Promise<ScanVerdict | undefined> {
  const { TagSet = [] } = await s3Client().send(
    new GetObjectTaggingCommand({ Bucket: evidenceBucket(), Key: key }),
  );
  return TagSet.find((tag) => tag.Key === 'GuardDutyMalwareScanStatus')?.Value as ScanVerdict | undefined;
}

/** Keeps a checked (cleaned) file: served as what its bytes are, always as a download. */
export async function storeChecked(
  reference: string,
  fileId: string,
  file: { readonly bytes: Uint8Array; readonly type: string; readonly name: string },
): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({
      Bucket: evidenceBucket(),
      Key: checkedKey(reference, fileId),
      Body: file.bytes,
      ContentType: file.type,
      ContentDisposition: attachmentDisposition(file.name),
    }),
  );
}

export async function deleteUpload(key: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: evidenceBucket(), Key: key }));
}

/** A link that downloads a checked file for a few minutes, as the type its bytes are, never rendered as a page. */
export async function presignView(
  reference: string,
  fileId: string,
  file: { readonly name: string; readonly type: string },
): Promise<{ url: string; expiresAt: string }> {
  const url = await getSignedUrl(
    s3Client(),
    new GetObjectCommand({
      Bucket: evidenceBucket(),
      Key: checkedKey(reference, fileId),
      ResponseContentDisposition: attachmentDisposition(file.name),
      ResponseContentType: file.type,
      ResponseCacheControl: 'private, no-store',
    }),
    { expiresIn: EVIDENCE_LIMITS.viewLinkSeconds },
  );
  return { url, expiresAt: linkExpiry(url) };
}

/** When a presigned link stops working, from its own signing time: the signer's clock, not the functions'. */
function linkExpiry(url: string): string {
  const query = new URL(url).searchParams;
  const signed = (query.get('X-Amz-Date') ?? '').replace(
    /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
    '$1-$2-$3T$4:$5:$6Z',
  );
  return new Date(Date.parse(signed) + Number(query.get('X-Amz-Expires')) * 1000).toISOString();
}
