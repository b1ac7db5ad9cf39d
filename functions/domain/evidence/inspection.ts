// The checks an upload passes before anyone sees it, in order: a malware scan's verdict (when the deployment scans),
// its size, its real type from its bytes, an image's pixel count from its header (an image bomb is refused before
// anything decodes it), a PDF's active content, and then the cleaning of its metadata. What reads the bytes (the type
// detector, the header reader) runs in the checker; the decisions are here.
import { AUDIO_CLEANERS } from './clean-audio.ts';
import { cleanHeic } from './clean-heic.ts';
import { IMAGE_CLEANERS, UnreadableImageError } from './clean-image.ts';
import { inspectPdf } from './pdf.ts';
import { EVIDENCE_LIMITS, EVIDENCE_TYPES, type EvidenceType, storedTypeOf } from './policy.ts';

export const REFUSALS = [
  'empty',
  'too-large',
  'type-unknown',
  'type-not-allowed',
  'image-too-many-pixels',
  'image-unreadable',
  'audio-unreadable',
  'pdf-active-content',
  'pdf-encrypted',
  'pdf-unreadable',
  'malware',
  'not-scanned',
] as const;
export type Refusal = (typeof REFUSALS)[number];

/** Why a file was refused, in both languages: the reporter reads it on the status page. */
export const REFUSAL_WORDS: Readonly<Record<Refusal, { readonly 'zh-CN': string; readonly en: string }>> = {
  empty: { 'zh-CN': '文件为空', en: 'the file is empty' },
  'too-large': { 'zh-CN': '文件超过 20 MB', en: 'the file is over 20 MB' },
  'type-unknown': { 'zh-CN': '无法识别文件类型', en: 'the file type could not be recognised' },
  'type-not-allowed': { 'zh-CN': '不接受此类文件', en: 'files of this type are not accepted' },
  'image-too-many-pixels': { 'zh-CN': '图片像素过多', en: 'the image has too many pixels' },
  'image-unreadable': { 'zh-CN': '图片已损坏', en: 'the image is damaged' },
  'audio-unreadable': { 'zh-CN': '录音已损坏', en: 'the recording is damaged' },
  'pdf-active-content': { 'zh-CN': 'PDF 含有脚本或附件', en: 'the PDF contains scripts or attachments' },
  'pdf-encrypted': { 'zh-CN': 'PDF 已加密', en: 'the PDF is encrypted' },
  'pdf-unreadable': { 'zh-CN': 'PDF 已损坏', en: 'the PDF is damaged' },
  malware: { 'zh-CN': '检测到恶意软件', en: 'malware was found' },
  'not-scanned': { 'zh-CN': '病毒扫描未完成', en: 'the malware scan could not be completed' },
};

/** GuardDuty's verdict on an object (its `GuardDutyMalwareScanStatus` tag), when the deployment scans. */
export type ScanVerdict = 'NO_THREATS_FOUND' | 'THREATS_FOUND' | 'UNSUPPORTED' | 'ACCESS_DENIED' | 'FAILED';

export interface UploadFacts {
  readonly bytes: Uint8Array;
  /** The type the upload's slot pinned. */
  readonly declared: EvidenceType;
  /** The type its bytes show (file-type's MIME), if any. */
  readonly detected: string | undefined;
  /** Read from an image's header only; 'unreadable' when the header cannot be read. */
  readonly dimensions?: { readonly width: number; readonly height: number } | 'unreadable';
  /** Undefined when the deployment does not scan. */
  readonly scan?: ScanVerdict | undefined;
}

export type Inspection =
  | {
      readonly ok: true;
      readonly type: EvidenceType;
      /** The bytes to keep: cleaned of metadata. */
      readonly bytes: Uint8Array;
      readonly removed: readonly string[];
      readonly width?: number;
      readonly height?: number;
    }
  | { readonly ok: false; readonly reason: Refusal; readonly detected?: string; readonly found?: string };

export function inspectUpload(facts: UploadFacts): Inspection {
  const detected = facts.detected === undefined ? {} : { detected: facts.detected };
  if (facts.scan !== undefined && facts.scan !== 'NO_THREATS_FOUND') {
    return { ok: false, reason: facts.scan === 'THREATS_FOUND' ? 'malware' : 'not-scanned', ...detected };
  }
  if (facts.bytes.length === 0) return { ok: false, reason: 'empty' };
  if (facts.bytes.length > EVIDENCE_LIMITS.maxBytes) return { ok: false, reason: 'too-large' };
  if (facts.detected === undefined) return { ok: false, reason: 'type-unknown' };
  const type = storedTypeOf(facts.detected, facts.declared);
  if (type === undefined) return { ok: false, reason: 'type-not-allowed', ...detected };
  const family = EVIDENCE_TYPES[type].family;
  if (family === 'document') {
    const verdict = inspectPdf(facts.bytes);
    if (!verdict.ok) return { ...verdict, ...detected };
    return { ok: true, type, bytes: facts.bytes, removed: [] };
  }
  if (family === 'audio') {
    const cleaner = AUDIO_CLEANERS[type];
    try {
      const cleaned = cleaner === undefined ? { bytes: facts.bytes, removed: [] } : cleaner(facts.bytes);
      return { ok: true, type, bytes: cleaned.bytes, removed: cleaned.removed };
    } catch (error) {
      if (error instanceof RangeError) return { ok: false, reason: 'audio-unreadable', ...detected };
      throw error;
    }
  }
  const dimensions = facts.dimensions;
  if (
    dimensions === undefined ||
    dimensions === 'unreadable' ||
    dimensions.width < 1 ||
    dimensions.height < 1
  ) {
    return { ok: false, reason: 'image-unreadable', ...detected };
  }
  if (dimensions.width * dimensions.height > EVIDENCE_LIMITS.maxImagePixels) {
    return { ok: false, reason: 'image-too-many-pixels', ...detected };
  }
  try {
    const cleaned = type === 'image/heic' ? cleanHeic(facts.bytes) : IMAGE_CLEANERS[type]?.(facts.bytes);
    if (cleaned === undefined) return { ok: false, reason: 'type-not-allowed', ...detected };
    return { ok: true, type, bytes: cleaned.bytes, removed: cleaned.removed, ...dimensions };
  } catch (error) {
    // A header that points past the end is a damaged (or hostile) file, never a reason to fail the batch.
    if (error instanceof UnreadableImageError || error instanceof RangeError)
      return { ok: false, reason: 'image-unreadable', ...detected };
    throw error;
  }
}
