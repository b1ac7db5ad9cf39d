// Removes what would identify a reporter from an image without decoding a pixel: EXIF (GPS, camera serial, owner),
// XMP, IPTC, comments, embedded second images (MPF) and whatever trails the image, by keeping only the parts a
// viewer needs. Lossless and bounded: the compressed data is copied as it is, so no image bomb is ever expanded here.

/** The image could not be read as its type says: it is refused rather than kept half-understood. */
export class UnreadableImageError extends Error {
  override readonly name = 'UnreadableImageError';
}

export interface CleanedImage {
  readonly bytes: Uint8Array;
  /** What was taken out, for the record ('exif', 'xmp', 'iptc', 'comment', 'embedded-image', 'trailer', …). */
  readonly removed: readonly string[];
}

const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, from + length));

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// ---- JPEG ----------------------------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const APP14 = 0xee;
const COM = 0xfe;

/** Segments a decoder needs: tables, frame headers, restart intervals; the rest is metadata. */
function jpegSegmentNeeded(marker: number): boolean {
  if (marker >= 0xc0 && marker <= 0xcf) return true; // SOFn, DHT (C4), JPG (C8), DAC (CC)
  return marker === 0xdb || marker === 0xdd || marker === 0xdc; // DQT, DRI, DNL
}

function jpegMetadataName(marker: number, payload: Uint8Array): string {
  if (marker === APP1) {
    if (ascii(payload, 0, 6) === 'Exif\0\0') return 'exif';
    if (ascii(payload, 0, 4) === 'http') return 'xmp';
    return 'app1';
  }
  if (marker === APP2 && ascii(payload, 0, 4) === 'MPF\0') return 'embedded-image';
  if (marker === APP13) return 'iptc';
  if (marker === COM) return 'comment';
  if (marker === APP0) return 'jfif-thumbnail';
  return `app${marker - APP0}`;
}

/** The EXIF orientation (1–8) of an `Exif\0\0` payload, if it has one: a photo taken sideways stays upright. */
export function exifOrientation(payload: Uint8Array): number | undefined {
  const tiff = 6;
  if (payload.length < tiff + 8) return undefined;
  const order = ascii(payload, tiff, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const little = order === 'II';
  const u16 = (at: number) => (at + 2 <= payload.length ? view.getUint16(at, little) : undefined);
  const u32 = (at: number) => (at + 4 <= payload.length ? view.getUint32(at, little) : undefined);
  const ifd0 = u32(tiff + 4);
  if (ifd0 === undefined) return undefined;
  const count = u16(tiff + ifd0);
  if (count === undefined) return undefined;
  for (let i = 0; i < Math.min(count, 512); i++) {
    const entry = tiff + ifd0 + 2 + i * 12;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3) {
      const value = u16(entry + 8);
      return value !== undefined && value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 segment holding an EXIF block with the orientation and nothing else. */
function orientationSegment(orientation: number): Uint8Array {
  // 'Exif\0\0', then TIFF big-endian: header, IFD0 with one SHORT entry (0x0112), no next IFD.
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff, 0, 0, 0, 0];
  const length = payload.length + 2;
  return Uint8Array.from([0xff, APP1, length >> 8, length & 0xff, ...payload]);
}

/** Where the entropy-coded data after a scan header ends: the next marker that is not a restart or a stuffed 0xFF. */
function entropyEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1] as number;
    if (next === 0x00 || next === 0xff || (next >= 0xd0 && next <= 0xd7)) continue;
    return i;
  }
  throw new UnreadableImageError('the JPEG ends inside its image data');
}

export function cleanJpeg(bytes: Uint8Array): CleanedImage {
  if (bytes[0] !== 0xff || bytes[1] !== SOI) throw new UnreadableImageError('not a JPEG');
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  const removed = new Set<string>();
  let orientation: number | undefined;
  let headerDone = false;
  let sawFrame = false;
  let sawScan = false;
  let at = 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (;;) {
    if (at >= bytes.length) throw new UnreadableImageError('the JPEG has no end');
    if (bytes[at] !== 0xff) throw new UnreadableImageError(`no marker at ${at}`);
    let marker = bytes[at + 1] as number;
    while (marker === 0xff && at + 2 < bytes.length) marker = bytes[++at + 1] as number;
    if (marker === EOI) {
      kept.push(Uint8Array.of(0xff, EOI));
      if (at + 2 < bytes.length) removed.add('trailer');
      break;
    }
    if (marker === SOI || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      throw new UnreadableImageError(`unexpected marker ${marker.toString(16)}`);
    }
    if (at + 4 > bytes.length) throw new UnreadableImageError('the JPEG is cut off');
    const length = view.getUint16(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new UnreadableImageError('a JPEG segment runs past the end');
    const payload = bytes.subarray(at + 4, end);
    const segment = bytes.subarray(at, end);
    // The orientation goes back in right after the JFIF header (or the SOI), before the first table.
    const placeOrientation = () => {
      if (headerDone) return;
      headerDone = true;
      if (orientation !== undefined && orientation !== 1) kept.push(orientationSegment(orientation));
    };
    if (marker === SOS) {
      if (!sawFrame) throw new UnreadableImageError('a scan before any frame header');
      placeOrientation();
      sawScan = true;
      const dataEnd = entropyEnd(bytes, end);
      kept.push(bytes.subarray(at, dataEnd));
      at = dataEnd;
      continue;
    }
    if (marker === APP0 && ascii(payload, 0, 5) === 'JFIF\0') {
      kept.push(segment);
    } else if (marker === APP2 && ascii(payload, 0, 12) === 'ICC_PROFILE\0') {
      // Colours as the camera meant them; a colour profile names a colour space, not a person or a device.
      kept.push(segment);
    } else if (marker === APP14 && ascii(payload, 0, 5) === 'Adobe') {
      kept.push(segment); // how the colour channels are encoded: needed to decode CMYK images correctly
    } else if (jpegSegmentNeeded(marker)) {
      placeOrientation();
      if (marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) sawFrame = true;
      kept.push(segment);
    } else {
      if (marker === APP1 && ascii(payload, 0, 6) === 'Exif\0\0') orientation ??= exifOrientation(payload);
      removed.add(jpegMetadataName(marker, payload));
    }
    at = end;
  }
  if (!sawScan) throw new UnreadableImageError('the JPEG has no image data');
  return { bytes: concat(kept), removed: [...removed].sort() };
}

// ---- PNG -----------------------------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Chunks that describe pixels and colour; text, time stamps, EXIF, signatures and unknown chunks are dropped. */
const PNG_KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'cHRM',
  'gAMA',
  'iCCP',
  'sBIT',
  'sRGB',
  'cICP',
  'mDCV',
  'cLLI',
  'bKGD',
  'hIST',
  'pHYs',
  'sPLT',
  'acTL',
  'fcTL',
  'fdAT',
]);

const PNG_NAMES: Readonly<Record<string, string>> = {
  tEXt: 'text',
  zTXt: 'text',
  iTXt: 'text',
  eXIf: 'exif',
  tIME: 'time',
  dSIG: 'signature',
};

export function cleanPng(bytes: Uint8Array): CleanedImage {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new UnreadableImageError('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  const removed = new Set<string>();
  let at = 8;
  let ended = false;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length || !/^[A-Za-z]{4}$/.test(type))
      throw new UnreadableImageError('a PNG chunk is cut off');
    if (PNG_KEPT.has(type)) kept.push(bytes.subarray(at, end));
    else if (type[0] === type[0]?.toUpperCase())
      throw new UnreadableImageError(`unknown critical chunk ${type}`);
    else removed.add(PNG_NAMES[type] ?? type);
    at = end;
    if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!ended) throw new UnreadableImageError('the PNG has no end');
  if (at < bytes.length) removed.add('trailer');
  return { bytes: concat(kept), removed: [...removed].sort() };
}

// ---- WebP ----------------------------------------------------------------------------------------------------

const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

export function cleanWebp(bytes: Uint8Array): CleanedImage {
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP')
    throw new UnreadableImageError('not a WebP');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const riffEnd = Math.min(bytes.length, 8 + view.getUint32(4, true));
  const kept: Uint8Array[] = [];
  const removed = new Set<string>();
  let at = 12;
  while (at + 8 <= riffEnd) {
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > riffEnd) throw new UnreadableImageError('a WebP chunk is cut off');
    if (WEBP_KEPT.has(type)) {
      const chunk = bytes.slice(at, Math.min(end, riffEnd));
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = (chunk[8] as number) & ~(VP8X_EXIF | VP8X_XMP);
      kept.push(chunk);
    } else {
      removed.add(type === 'EXIF' ? 'exif' : type === 'XMP ' ? 'xmp' : type.trim());
    }
    at = end;
  }
  if (!kept.some((c) => ['VP8 ', 'VP8L', 'ANMF'].includes(ascii(c, 0, 4)))) {
    throw new UnreadableImageError('the WebP has no image data');
  }
  if (riffEnd < bytes.length) removed.add('trailer');
  const body = concat(kept);
  const header = new Uint8Array(12);
  header.set([0x52, 0x49, 0x46, 0x46]);
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  header.set([0x57, 0x45, 0x42, 0x50], 8);
  return { bytes: concat([header, body]), removed: [...removed].sort() };
}

/** The cleaner of each image type the hotline keeps; HEIC has its own (clean-heic.ts). */
export const IMAGE_CLEANERS: Readonly<Record<string, (bytes: Uint8Array) => CleanedImage>> = {
  'image/jpeg': cleanJpeg,
  'image/png': cleanPng,
  'image/webp': cleanWebp,
};
