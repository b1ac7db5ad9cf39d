// What evidence the hotline takes: the types, the limits, the object keys (never a person in them) and the names of
// files as people send them. Pure: the handlers and the checker ask it, the adapters carry out its answers.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { REFERENCE_PATTERN } from '../reference.ts';
import { wellFormedText } from '../unicode.ts';

/** The documented limits (README, "Evidence"). */
export const EVIDENCE_LIMITS = {
  /** Bytes per file, enforced by the upload policy itself: S3 refuses a larger body before it is stored. */
  maxBytes: 20 * 1024 * 1024,
  /** Files per request for upload slots (a complaint's form takes up to this many at once). */
  filesPerRequest: 10,
  /** Upload slots a reporter may be given over a case's life, at filing and later. */
  reporterFilesPerCase: 30,
  /** Upload slots the office may be given for one case. */
  staffFilesPerCase: 200,
  /** How long an upload slot's policy is valid. */
  uploadWindowSeconds: 5 * 60,
  /** How long a link to view a file works. */
  viewLinkSeconds: 5 * 60,
  /** Pixels of an image, read from its header before anything decodes it: more is an image bomb. */
  maxImagePixels: 64_000_000,
  /** Characters of a file's name as shown. */
  nameMaxLength: 200,
} as const;

/** What a file is to the office: its family decides how it is checked and cleaned. */
export type EvidenceFamily = 'image' | 'document' | 'audio';

/** The types kept, as stored and served (the type found in the bytes, never the one a client declared). */
export const EVIDENCE_TYPES = {
  'image/jpeg': { family: 'image', extensions: ['jpg', 'jpeg', 'jfif'] },
  'image/png': { family: 'image', extensions: ['png'] },
  'image/webp': { family: 'image', extensions: ['webp'] },
  'image/heic': { family: 'image', extensions: ['heic', 'heif'] },
  'application/pdf': { family: 'document', extensions: ['pdf'] },
  'audio/mp4': { family: 'audio', extensions: ['m4a', 'mp4a'] },
  'audio/mpeg': { family: 'audio', extensions: ['mp3'] },
  'audio/amr': { family: 'audio', extensions: ['amr'] },
  'audio/aac': { family: 'audio', extensions: ['aac'] },
  'audio/wav': { family: 'audio', extensions: ['wav'] },
} as const satisfies Record<string, { family: EvidenceFamily; extensions: readonly string[] }>;
export type EvidenceType = keyof typeof EVIDENCE_TYPES;

export const isEvidenceType = (type: string): type is EvidenceType => Object.hasOwn(EVIDENCE_TYPES, type);

/** Other names browsers and phones give the same types. */
const TYPE_ALIASES: Readonly<Record<string, EvidenceType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'image/heif': 'image/heic',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/mp3': 'audio/mpeg',
  'audio/x-mp3': 'audio/mpeg',
  'audio/x-aac': 'audio/aac',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/amr-wb': 'audio/amr',
};

/** Types that say nothing: the name's extension decides then. */
const UNSAID_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * The declared type a slot pins, from what the client says and the file's name: a known type or alias, or, when the
 * browser said nothing (it often knows no AMR), the extension's. Undefined: not a type the hotline takes.
 */
export function declaredType(type: string | undefined, name: string): EvidenceType | undefined {
  const said = (type ?? '').trim().toLowerCase().split(';')[0]?.trim() ?? '';
  if (isEvidenceType(said)) return said;
  const alias = TYPE_ALIASES[said];
  if (alias !== undefined) return alias;
  if (!UNSAID_TYPES.has(said)) return undefined;
  const extension = name.toLowerCase().match(/\.([a-z0-9]{1,5})$/)?.[1];
  if (extension === undefined) return undefined;
  return (Object.keys(EVIDENCE_TYPES) as EvidenceType[]).find((t) =>
    (EVIDENCE_TYPES[t].extensions as readonly string[]).includes(extension),
  );
}

/**
 * The type a file's bytes show (as `file-type` names it), mapped to the type kept; undefined when the hotline does
 * not take it. An MP4 container holding a recording is kept as audio when the uploader declared audio: Android's
 * recorders write `.m4a` files with a video brand.
 */
export function storedTypeOf(detectedMime: string, declared: EvidenceType): EvidenceType | undefined {
  if (detectedMime === 'image/apng') return 'image/png';
  if (detectedMime === 'image/heif') return 'image/heic';
  if (detectedMime === 'video/mp4' || detectedMime === 'audio/x-m4a' || detectedMime === 'video/quicktime')
    return detectedMime === 'audio/x-m4a' || EVIDENCE_TYPES[declared].family === 'audio'
      ? 'audio/mp4'
      : undefined;
  if (detectedMime === 'audio/x-wav' || detectedMime === 'audio/vnd.wave') return 'audio/wav';
  if (detectedMime === 'audio/amr-wb') return 'audio/amr';
  return isEvidenceType(detectedMime) ? detectedMime : undefined;
}

// Bidirectional controls make "gpj.exe" read as "exe.jpg"; controls and separators have no place in a name.
const UNSAFE_IN_NAMES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** A file's name as shown and stored: no folders, no controls or direction overrides, bounded, never empty. */
export function safeFileName(name: string): string {
  const base = wellFormedText(name).normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base.replace(UNSAFE_IN_NAMES, '').replace(/\s+/g, ' ').trim();
  const bounded = [...cleaned].slice(0, EVIDENCE_LIMITS.nameMaxLength).join('');
  return bounded === '' || bounded === '.' || bounded === '..' ? 'file' : bounded;
}

/** `Content-Disposition` that always downloads, with the name in UTF-8 and a plain fallback for old clients. */
export function attachmentDisposition(name: string): string {
  const fallback = safeFileName(name).replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(safeFileName(name)).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file's id: random, 32 hex digits, given by the handler that issues its slot. */
export const FILE_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Where uploads land (checked, then moved) and where checked files live. Nothing about a person is in a key. */
export const UPLOAD_PREFIX = 'uploads/';
export const CHECKED_PREFIX = 'evidence/';

export const uploadKey = (reference: string, fileId: string): string =>
  `${UPLOAD_PREFIX}${reference}/${fileId}`;
export const checkedKey = (reference: string, fileId: string): string =>
  `${CHECKED_PREFIX}${reference}/${fileId}`;

/** The case and file an upload's key names, or undefined for any other key. */
export function parseUploadKey(key: string): { reference: string; fileId: string } | undefined {
  const [prefix, reference, fileId, ...rest] = key.split('/');
  if (`${prefix}/` !== UPLOAD_PREFIX || rest.length > 0) return undefined;
  if (reference === undefined || fileId === undefined) return undefined;
  if (!REFERENCE_PATTERN.test(reference) || !FILE_ID_PATTERN.test(fileId)) return undefined;
  return { reference, fileId };
}

/** Who gave a file: the reporter (through the receipt code), or a person of the office (by directory id). */
export type EvidenceOrigin = 'reporter' | 'office';

/** The actor a reporter's acts are recorded under: never anything that identifies them. */
export const REPORTER_ACTOR = 'reporter';

/** One file as a client asks for a slot for it. */
export const FileRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: z.string({ error: 'give the file name' }).check(z.minLength(1), z.maxLength(1024)),
    type: z.optional(z.string().check(z.maxLength(255))),
    size: z.number({ error: 'give the file size in bytes' }).check(
      z.int(),
      z.minimum(1, { error: 'the file is empty' }),
      z.maximum(EVIDENCE_LIMITS.maxBytes, {
        error: `at most ${EVIDENCE_LIMITS.maxBytes} bytes (20 MB) per file`,
      }),
    ),
  }))();

export const FilesRequestShape = /* @__PURE__ */ (() => ({
  files: z.array(FileRequestSchema).check(
    z.minLength(1, { error: 'name at least one file' }),
    z.maxLength(EVIDENCE_LIMITS.filesPerRequest, {
      error: `at most ${EVIDENCE_LIMITS.filesPerRequest} files at once`,
    }),
  ),
}))();

/** What a slot is for, once its request is checked. */
export interface SlotRequest {
  readonly name: string;
  readonly type: EvidenceType;
  readonly size: number;
}

/** Files whose type the hotline does not take, by their index in the request: `files.2.type` → the problem. */
export class FileTypeNotAllowedError extends Error {
  override readonly name = 'FileTypeNotAllowedError';
  readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super('file type not allowed');
    this.fields = fields;
  }
}

export const ALLOWED_TYPES_TEXT =
  'JPEG, PNG, WebP or HEIC images, PDF documents, or M4A, MP3, AMR, AAC or WAV recordings';

/** The slots asked for, each with the type it pins; refuses the whole request if any file is not one we take. */
export function slotRequests(
  files: readonly { readonly name: string; readonly type?: string | undefined; readonly size: number }[],
): SlotRequest[] {
  const refused: Record<string, string> = {};
  const slots = files.map((file, i) => {
    const type = declaredType(file.type, file.name);
    if (type === undefined) refused[`files.${i}.type`] = `not accepted: send ${ALLOWED_TYPES_TEXT}`;
    return { name: safeFileName(file.name), type: type ?? 'application/pdf', size: file.size };
  });
  if (Object.keys(refused).length > 0) throw new FileTypeNotAllowedError(refused);
  return slots;
}
