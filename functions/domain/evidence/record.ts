// A file of a case as the record keeps it (one item per file, written once by the checker), and what each reader
// is shown of it: investigators the files that passed their checks, a reporter the files they sent themselves.
import { REFUSAL_WORDS, type Refusal } from './inspection.ts';
import { EVIDENCE_LIMITS, type EvidenceOrigin, type EvidenceType } from './policy.ts';

export interface EvidenceFile {
  readonly reference: string;
  readonly fileId: string;
  readonly name: string;
  readonly origin: EvidenceOrigin;
  /** Who sent it: a directory person's id, or `reporter`. */
  readonly by: string;
  /** When it was uploaded (S3's event time) and when its checks ended. */
  readonly uploadedAt: string;
  readonly checkedAt: string;
  readonly state: 'checked' | 'refused';
  /** The type its slot pinned. */
  readonly declaredType: EvidenceType;
  /** The size of what was uploaded, and its SHA-256 (hex): the file as its sender had it. */
  readonly size: number;
  readonly originalSha256: string;
  /** Checked files: the type found in the bytes, and the kept (cleaned) file's size and SHA-256. */
  readonly type?: EvidenceType;
  readonly storedSize?: number;
  readonly sha256?: string;
  readonly width?: number;
  readonly height?: number;
  /** What cleaning took out ('exif', 'xmp', …). */
  readonly removed?: readonly string[];
  /** Refused files: why, and what the bytes were found to be. */
  readonly reason?: Refusal;
  readonly detected?: string;
}

/** How many upload slots one case may be given, by who asks. */
export const slotLimitOf = (origin: EvidenceOrigin): number =>
  origin === 'reporter' ? EVIDENCE_LIMITS.reporterFilesPerCase : EVIDENCE_LIMITS.staffFilesPerCase;

/** What investigators see of a case's files: only those that passed every check, oldest first. */
export function filesForOffice(files: readonly EvidenceFile[]) {
  return files
    .filter((file) => file.state === 'checked' && file.type !== undefined && file.sha256 !== undefined)
    .sort((a, b) => (a.uploadedAt < b.uploadedAt ? -1 : a.uploadedAt > b.uploadedAt ? 1 : 0))
    .map((file) => ({
      fileId: file.fileId,
      name: file.name,
      type: file.type as EvidenceType,
      size: file.storedSize ?? file.size,
      sha256: file.sha256 as string,
      originalSha256: file.originalSha256,
      uploadedAt: file.uploadedAt,
      checkedAt: file.checkedAt,
      origin: file.origin,
      by: file.by,
      ...(file.width === undefined ? {} : { width: file.width, height: file.height }),
      ...(file.removed === undefined || file.removed.length === 0 ? {} : { removed: file.removed }),
    }));
}

/** What a reporter sees: the files they sent, checked or refused (and why), never the office's files. */
export function filesForReporter(files: readonly EvidenceFile[]) {
  return files
    .filter((file) => file.origin === 'reporter')
    .sort((a, b) => (a.uploadedAt < b.uploadedAt ? -1 : a.uploadedAt > b.uploadedAt ? 1 : 0))
    .map((file) => ({
      fileId: file.fileId,
      name: file.name,
      size: file.size,
      uploadedAt: file.uploadedAt,
      state: file.state,
      ...(file.type === undefined ? {} : { type: file.type }),
      ...(file.reason === undefined ? {} : { reason: file.reason, reasonWords: REFUSAL_WORDS[file.reason] }),
    }));
}
