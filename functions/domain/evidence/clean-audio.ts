// Recordings carry tags too: a phone's recorder names a file after the street it was made in (an MP4 `udta`/`meta`
// title or location), an MP3 may carry ID3 tags with the owner's name. Tags are removed without touching the sound:
// MP4 metadata boxes become `free` boxes of zeros (no offset moves), ID3 blocks are cut off MP3s, WAV `LIST` chunks
// become zeroed `JUNK`. AMR and AAC (ADTS) streams hold no tags.
import type { CleanedImage as Cleaned } from './clean-image.ts';

export type CleanedAudio = Cleaned;

const type4 = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
const FREE = [0x66, 0x72, 0x65, 0x65];

/** Metadata boxes inside `moov` and each `trak` become free space. */
function cleanMp4(original: Uint8Array): CleanedAudio {
  const bytes = original.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const removed = new Set<string>();
  const walk = (from: number, to: number, depth: number) => {
    let at = from;
    while (at + 8 <= to) {
      let size = view.getUint32(at);
      let header = 8;
      if (size === 1 && at + 16 <= to) {
        size = Number(view.getBigUint64(at + 8));
        header = 16;
      } else if (size === 0) {
        size = to - at;
      }
      if (size < header || at + size > to) return;
      const type = type4(bytes, at + 4);
      if (type === 'udta' || type === 'meta') {
        bytes.set(FREE, at + 4);
        bytes.fill(0, at + header, at + size);
        removed.add(type === 'udta' ? 'user-data' : 'metadata');
      } else if ((type === 'moov' || type === 'trak' || type === 'mdia') && depth < 4) {
        walk(at + header, at + size, depth + 1);
      }
      at += size;
    }
  };
  walk(0, bytes.length, 0);
  return { bytes, removed: [...removed].sort() };
}

/** ID3v2 at the start (its size is a syncsafe integer), ID3v1 (`TAG`, 128 bytes) at the end. */
function cleanMp3(bytes: Uint8Array): CleanedAudio {
  let start = 0;
  const removed: string[] = [];
  while (type4(bytes, start).startsWith('ID3') && start + 10 <= bytes.length) {
    const size =
      (((bytes[start + 6] as number) & 0x7f) << 21) |
      (((bytes[start + 7] as number) & 0x7f) << 14) |
      (((bytes[start + 8] as number) & 0x7f) << 7) |
      ((bytes[start + 9] as number) & 0x7f);
    const footer = ((bytes[start + 5] as number) & 0x10) !== 0 ? 10 : 0;
    start += 10 + size + footer;
    removed.push('id3v2');
  }
  let end = bytes.length;
  if (end - start >= 128 && type4(bytes, end - 128).startsWith('TAG')) {
    end -= 128;
    removed.push('id3v1');
  }
  return { bytes: bytes.slice(Math.min(start, end), end), removed: [...new Set(removed)] };
}

function cleanWav(original: Uint8Array): CleanedAudio {
  const bytes = original.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const removed = new Set<string>();
  let at = 12;
  while (at + 8 <= bytes.length) {
    const type = type4(bytes, at);
    const size = view.getUint32(at + 4, true);
    const end = Math.min(bytes.length, at + 8 + size);
    if (type === 'LIST' || type === 'id3 ' || type === 'ID3 ' || type === 'bext' || type === 'iXML') {
      bytes.set([0x4a, 0x55, 0x4e, 0x4b], at); // JUNK: a chunk every reader skips
      bytes.fill(0, at + 8, end);
      removed.add(type === 'LIST' ? 'info' : type.trim().toLowerCase());
    }
    at = at + 8 + size + (size % 2);
  }
  return { bytes, removed: [...removed].sort() };
}

export const AUDIO_CLEANERS: Readonly<Record<string, (bytes: Uint8Array) => CleanedAudio>> = {
  'audio/mp4': cleanMp4,
  'audio/mpeg': cleanMp3,
  'audio/wav': cleanWav,
  'audio/amr': (bytes) => ({ bytes, removed: [] }),
  'audio/aac': (bytes) => ({ bytes, removed: [] }),
};
