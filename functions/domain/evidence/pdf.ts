// Whether a PDF carries active content: JavaScript, a launch action, embedded files, rich media or XFA forms (which
// run scripts). Names are read as a PDF reader reads them (`/J#53` is `/JS`), in the file and inside its compressed
// streams (object streams hide whole dictionaries), with a bound on what inflating may produce.
import { inflateSync } from 'node:zlib';

export type PdfVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'pdf-active-content'; readonly found: string }
  | { readonly ok: false; readonly reason: 'pdf-encrypted' | 'pdf-unreadable' };

const ACTIVE_NAMES = ['JS', 'JavaScript', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA'];
const DELIMITER = String.raw`[\s/<>\[\]()%{}]`;
const ACTIVE = new RegExp(`/(${ACTIVE_NAMES.join('|')})(?=${DELIMITER}|$)`);
/** A name token: `/` and the regular characters after it. */
const NAME = /\/[^\s/<>[\]()%{}]*/g;

/** Everything inflated from one file: a decompression bomb stops here and the file is refused. */
const INFLATE_BUDGET_BYTES = 64 * 1024 * 1024;

/** The text with each name's `#xx` escapes decoded, as a reader compares names. */
function decodedNames(text: string): string {
  return text.replace(NAME, (name) =>
    name.includes('#')
      ? name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      : name,
  );
}

function activeName(text: string): string | undefined {
  return ACTIVE.exec(decodedNames(text))?.[1];
}

export function inspectPdf(bytes: Uint8Array): PdfVerdict {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!text.startsWith('%PDF-')) return { ok: false, reason: 'pdf-unreadable' };
  const found = activeName(text);
  if (found !== undefined) return { ok: false, reason: 'pdf-active-content', found };
  // Encrypted strings and streams cannot be read without the key: what they hold cannot be vouched for.
  if (/\/Encrypt(?=[\s/<>[\]()%{}])/.test(decodedNames(text))) return { ok: false, reason: 'pdf-encrypted' };
  let budget = INFLATE_BUDGET_BYTES;
  const streams = /<<((?:(?!>>\s*stream)[\s\S]){0,4096})>>\s*stream\r?\n/g;
  for (let match = streams.exec(text); match !== null; match = streams.exec(text)) {
    const dictionary = decodedNames(match[1] ?? '');
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) return { ok: false, reason: 'pdf-unreadable' };
    streams.lastIndex = end;
    const objectStream = /\/Type\s*\/ObjStm/.test(dictionary);
    if (!/\/FlateDecode/.test(dictionary)) continue;
    // Predictors reorder the inflated bytes: fine for images and cross-reference streams, never for objects.
    if (/\/DecodeParms/.test(dictionary)) {
      if (objectStream) return { ok: false, reason: 'pdf-unreadable' };
      continue;
    }
    let inflated: Buffer;
    try {
      inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
    } catch {
      // A stream that does not inflate is not read by a viewer either; an object stream must be readable.
      if (objectStream) return { ok: false, reason: 'pdf-unreadable' };
      continue;
    }
    budget -= inflated.length;
    if (budget <= 0) return { ok: false, reason: 'pdf-unreadable' };
    const inner = activeName(inflated.toString('latin1'));
    if (inner !== undefined) return { ok: false, reason: 'pdf-active-content', found: inner };
  }
  return { ok: true };
}
