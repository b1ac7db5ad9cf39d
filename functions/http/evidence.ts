// What the evidence routes share: giving out upload slots (the types checked, the case's allowance taken, one
// policy per file), the refusals as HTTP answers, and a case's files as the office sees them.
import { randomBytes } from 'node:crypto';
import { takeSlots } from '#adapters/evidence-records.ts';
import { presignUpload, type UploadSlot } from '#adapters/evidence-store.ts';
import {
  EVIDENCE_LIMITS,
  type EvidenceOrigin,
  FileTypeNotAllowedError,
  slotRequests,
} from '#domain/evidence/policy.ts';
import { slotLimitOf } from '#domain/evidence/record.ts';
import { HttpError } from './responses.ts';

/** A file's id: 128 random bits, nothing else (the key holds no name, no date, no person). */
const newFileId = () => randomBytes(16).toString('hex');

/**
 * Upload slots for these files of this case: refused whole (400, nothing written) if a type is not one the hotline
 * takes, and (409, nothing given) if the case's allowance for this origin would be passed.
 */
export async function issueUploads(
  reference: string,
  files: readonly { readonly name: string; readonly type?: string | undefined; readonly size: number }[],
  who: { readonly origin: EvidenceOrigin; readonly by: string },
  now: Date,
): Promise<UploadSlot[]> {
  let slots: ReturnType<typeof slotRequests>;
  try {
    slots = slotRequests(files);
  } catch (error) {
    if (!(error instanceof FileTypeNotAllowedError)) throw error;
    throw new HttpError(
      400,
      'invalid-request',
      '部分文件类型不被接受 / Some files are of a type the hotline does not accept.',
      { fields: error.fields },
    );
  }
  if (!(await takeSlots(reference, who.origin, slots.length))) {
    const limit = slotLimitOf(who.origin);
    throw new HttpError(
      409,
      'too-many-files',
      `每个案件最多上传 ${limit} 个文件 / At most ${limit} files can be attached to one case.`,
    );
  }
  return Promise.all(slots.map((slot) => presignUpload(reference, newFileId(), slot, who, now)));
}

export const UPLOAD_ANSWER_NOTE = {
  maxBytes: EVIDENCE_LIMITS.maxBytes,
  /** How a browser uses a slot: a multipart/form-data POST to `url` with every field of `fields`, then `file`. */
  how: 'POST multipart/form-data to url: every field of fields first, the file last (field name "file")',
} as const;
