// HEIC/HEIF (ISO base media file format): EXIF and XMP are items of the file's `meta` box, located by `iloc`. Their
// bytes are overwritten with zeros where they lie, so no offset in the file moves and no pixel is decoded; a reader
// then finds an empty block where the GPS, the serial number and the owner were. Orientation lives in the image's
// own properties (irot/imir), not in EXIF, so the photo stays upright.
import { type CleanedImage, UnreadableImageError } from './clean-image.ts';

interface Box {
  readonly type: string;
  /** Where its content starts (after the header) and where the box ends. */
  readonly start: number;
  readonly end: number;
}

function boxesIn(bytes: Uint8Array, view: DataView, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) throw new UnreadableImageError('a box is cut off');
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < header || at + size > to) throw new UnreadableImageError('a box runs past its parent');
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    boxes.push({ type, start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

function readUint(view: DataView, at: number, size: number): number {
  switch (size) {
    case 0:
      return 0;
    case 4:
      return view.getUint32(at);
    case 8:
      return Number(view.getBigUint64(at));
    default:
      throw new UnreadableImageError(`field size ${size} in iloc`);
  }
}

function cString(bytes: Uint8Array, from: number, to: number): { text: string; next: number } {
  let end = from;
  while (end < to && bytes[end] !== 0) end++;
  return { text: String.fromCharCode(...bytes.subarray(from, end)), next: end + 1 };
}

/** Item ids of the EXIF and XMP items, from `iinf`. */
function metadataItems(bytes: Uint8Array, view: DataView, iinf: Box): Map<number, string> {
  const version = bytes[iinf.start] as number;
  const entriesAt = iinf.start + 4 + (version === 0 ? 2 : 4);
  const found = new Map<number, string>();
  for (const infe of boxesIn(bytes, view, entriesAt, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const infeVersion = bytes[infe.start] as number;
    if (infeVersion < 2) continue;
    let at = infe.start + 4;
    const id = infeVersion === 2 ? view.getUint16(at) : view.getUint32(at);
    at += (infeVersion === 2 ? 2 : 4) + 2;
    const itemType = String.fromCharCode(...bytes.subarray(at, at + 4));
    at += 4;
    if (itemType === 'Exif') {
      found.set(id, 'exif');
    } else if (itemType === 'mime') {
      const name = cString(bytes, at, infe.end);
      const contentType = cString(bytes, name.next, infe.end).text.toLowerCase();
      if (contentType.includes('rdf+xml') || contentType.includes('xmp')) found.set(id, 'xmp');
    }
  }
  return found;
}

/** Overwrites each extent of the wanted items with zeros; answers what it cleared. */
function clearItems(
  bytes: Uint8Array,
  view: DataView,
  iloc: Box,
  wanted: ReadonlyMap<number, string>,
  idat: Box | undefined,
): Set<string> {
  const version = bytes[iloc.start] as number;
  let at = iloc.start + 4;
  const sizes = view.getUint16(at);
  at += 2;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 0xf;
  const baseOffsetSize = (sizes >> 4) & 0xf;
  const indexSize = version === 1 || version === 2 ? sizes & 0xf : 0;
  const count = version < 2 ? view.getUint16(at) : view.getUint32(at);
  at += version < 2 ? 2 : 4;
  const cleared = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (at > iloc.end) throw new UnreadableImageError('iloc is cut off');
    const id = version < 2 ? view.getUint16(at) : view.getUint32(at);
    at += version < 2 ? 2 : 4;
    let method = 0;
    if (version === 1 || version === 2) {
      method = view.getUint16(at) & 0xf;
      at += 2;
    }
    at += 2; // data_reference_index
    const base = readUint(view, at, baseOffsetSize);
    at += baseOffsetSize;
    const extents = view.getUint16(at);
    at += 2;
    for (let e = 0; e < extents; e++) {
      at += indexSize;
      const offset = readUint(view, at, offsetSize);
      at += offsetSize;
      const length = readUint(view, at, lengthSize);
      at += lengthSize;
      const what = wanted.get(id);
      if (what === undefined) continue;
      if (method === 2) throw new UnreadableImageError('metadata built from other items');
      const origin = method === 1 ? (idat?.start ?? Number.NaN) : 0;
      const from = origin + base + offset;
      const to = length === 0 ? (method === 1 ? (idat?.end ?? Number.NaN) : bytes.length) : from + length;
      if (!Number.isFinite(from) || !Number.isFinite(to) || from < 0 || to > bytes.length || to < from) {
        throw new UnreadableImageError('metadata outside the file');
      }
      bytes.fill(0, from, to);
      cleared.add(what);
    }
  }
  return cleared;
}

export function cleanHeic(original: Uint8Array): CleanedImage {
  const bytes = original.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const top = boxesIn(bytes, view, 0, bytes.length);
  if (top[0]?.type !== 'ftyp') throw new UnreadableImageError('not an ISO media file');
  const meta = top.find((b) => b.type === 'meta');
  if (meta === undefined) throw new UnreadableImageError('the HEIC has no meta box');
  const children = boxesIn(bytes, view, meta.start + 4, meta.end);
  const iinf = children.find((b) => b.type === 'iinf');
  const iloc = children.find((b) => b.type === 'iloc');
  if (iinf === undefined || iloc === undefined) throw new UnreadableImageError('the HEIC has no item table');
  const wanted = metadataItems(bytes, view, iinf);
  const cleared =
    wanted.size === 0
      ? new Set<string>()
      : clearItems(
          bytes,
          view,
          iloc,
          wanted,
          children.find((b) => b.type === 'idat'),
        );
  return { bytes, removed: [...cleared].sort() };
}
