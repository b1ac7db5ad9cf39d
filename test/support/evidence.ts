// Files as people send them, built in the tests: a phone photo (a real JPEG, encoded by jpeg-js) carrying EXIF with
// GPS, the camera's serial number and its owner's name; a Windows executable named .jpg; PDFs with and without
// JavaScript. And a browser's upload: a multipart/form-data POST of a slot's fields and the file.
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';

/** A TIFF (EXIF) block, big-endian: IFD0 (Make, Model, Artist, Orientation, pointers), Exif IFD, GPS IFD. */
function exifBlock(options: { orientation: number }): Uint8Array {
  type Entry = { tag: number; type: 2 | 3 | 4 | 5; values: number[] | string };
  const ascii = (text: string) => `${text}\0`;
  const ifd0: Entry[] = [
    { tag: 0x010f, type: 2, values: ascii('PhoneMaker') },
    { tag: 0x0110, type: 2, values: ascii('Phone X12') },
    { tag: 0x0112, type: 3, values: [options.orientation] },
    { tag: 0x013b, type: 2, values: ascii('Zhang San') }, // Artist: the owner
    { tag: 0x8769, type: 4, values: [0] }, // Exif IFD pointer, filled in below
    { tag: 0x8825, type: 4, values: [0] }, // GPS IFD pointer
  ];
  const exif: Entry[] = [
    { tag: 0xa430, type: 2, values: ascii('Zhang San') }, // CameraOwnerName
    { tag: 0xa431, type: 2, values: ascii('SN-4471-0099-1234') }, // BodySerialNumber
  ];
  const gps: Entry[] = [
    { tag: 0x0001, type: 2, values: ascii('N') },
    { tag: 0x0002, type: 5, values: [29, 1, 33, 1, 3000, 100] }, // 29° 33' 30"
    { tag: 0x0003, type: 2, values: ascii('E') },
    { tag: 0x0004, type: 5, values: [106, 1, 33, 1, 1200, 100] }, // 106° 33' 12"
  ];
  const size = (e: Entry) =>
    e.type === 2
      ? (e.values as string).length
      : e.type === 3
        ? 2 * e.values.length
        : 4 * (e.type === 5 ? 2 : 1) * (e.values.length / (e.type === 5 ? 2 : 1));
  const ifdLength = (entries: Entry[]) =>
    2 + entries.length * 12 + 4 + entries.reduce((n, e) => n + (size(e) > 4 ? size(e) : 0), 0);
  const ifd0At = 8;
  const exifAt = ifd0At + ifdLength(ifd0);
  const gpsAt = exifAt + ifdLength(exif);
  (ifd0[4] as Entry).values = [exifAt];
  (ifd0[5] as Entry).values = [gpsAt];
  const out = new Uint8Array(gpsAt + ifdLength(gps));
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
  const writeIfd = (at: number, entries: Entry[]) => {
    view.setUint16(at, entries.length);
    let data = at + 2 + entries.length * 12 + 4;
    entries.forEach((e, i) => {
      const p = at + 2 + i * 12;
      view.setUint16(p, e.tag);
      view.setUint16(p + 2, e.type);
      const count =
        e.type === 2 ? (e.values as string).length : e.type === 5 ? e.values.length / 2 : e.values.length;
      view.setUint32(p + 4, count);
      const bytes = size(e);
      const target = bytes > 4 ? data : p + 8;
      if (bytes > 4) view.setUint32(p + 8, data);
      if (e.type === 2) out.set(Buffer.from(e.values as string, 'latin1'), target);
      else if (e.type === 3)
        for (const [j, v] of (e.values as number[]).entries()) view.setUint16(target + 2 * j, v);
      else for (const [j, v] of (e.values as number[]).entries()) view.setUint32(target + 4 * j, v);
      if (bytes > 4) data += bytes;
    });
    view.setUint32(at + 2 + entries.length * 12, 0);
  };
  writeIfd(ifd0At, ifd0);
  writeIfd(exifAt, exif);
  writeIfd(gpsAt, gps);
  return out;
}

function segment(marker: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  out.set(payload, 4);
  return out;
}

/**
 * A phone photo: a real JPEG of `width` × `height` noisy pixels (noise keeps the file large, as a photo is), with an
 * EXIF block (GPS, serial number, owner), an XMP packet with the owner, a comment, and bytes trailing the image.
 */
export function phonePhoto(
  width = 64,
  height = 48,
  options: { orientation?: number; seed?: number } = {},
): Buffer {
  let seed = options.seed ?? 7;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[i] = i % 4 === 3 ? 255 : (seed >> 16) & 0xff;
  }
  const plain = jpeg.encode({ data, width, height }, 92).data;
  const exif = segment(
    0xe1,
    Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifBlock({ orientation: options.orientation ?? 6 })]),
  );
  const xmp = segment(
    0xe1,
    Buffer.from(
      'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Zhang San"/></rdf:RDF></x:xmpmeta>',
      'latin1',
    ),
  );
  const comment = segment(0xfe, Buffer.from('taken by Zhang San', 'latin1'));
  // jpeg-js writes SOI then JFIF APP0: the metadata goes right after them, as a camera puts it.
  const app0End = 2 + 2 + ((plain[4] as number) << 8) + (plain[5] as number);
  return Buffer.concat([
    plain.subarray(0, app0End),
    exif,
    xmp,
    comment,
    plain.subarray(app0End),
    Buffer.from('TRAILER: owner Zhang San', 'latin1'),
  ]);
}

/** A Windows executable (MZ header, PE signature) as someone might rename it to photo.jpg. */
export function windowsExecutable(): Buffer {
  const exe = Buffer.alloc(1024);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  exe.writeUInt16LE(0x014c, 0x84);
  return exe;
}

/** A one-page PDF; with `javascript`, an OpenAction that runs a script, optionally hidden in an object stream. */
export function pdf(options: { javascript?: 'plain' | 'hex-name' | 'object-stream' } = {}): Buffer {
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let extra = '';
  if (options.javascript === 'plain')
    objects[0] = '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>';
  if (options.javascript === 'hex-name')
    objects[0] = '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>';
  if (options.javascript === 'object-stream') {
    const inner = deflateSync(Buffer.from('4 0 << /S /JavaScript /JS (app.alert(1)) >>', 'latin1'));
    extra = `5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${inner.length} >>\nstream\n${inner.toString('latin1')}\nendstream\nendobj\n`;
  }
  const body = objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join('') + extra;
  return Buffer.from(`%PDF-1.7\n${body}trailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

export interface Slot {
  readonly fileId: string;
  readonly url: string;
  readonly fields: Record<string, string>;
}

/** What a browser does with a slot: every field, then the file, as multipart/form-data. */
export async function postUpload(
  slot: Slot,
  file: Uint8Array,
  options: { fields?: Record<string, string>; filename?: string; origin?: string } = {},
): Promise<{ status: number; body: string; headers: Headers }> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...slot.fields, ...options.fields })) form.append(name, value);
  form.append('file', new Blob([file]), options.filename ?? 'upload.bin');
  const answer = await fetch(slot.url, {
    method: 'POST',
    body: form,
    ...(options.origin === undefined ? {} : { headers: { origin: options.origin } }),
  });
  return { status: answer.status, body: await answer.text(), headers: answer.headers };
}
