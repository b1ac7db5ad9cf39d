// The evidence checks on their own: the type by the bytes (an executable named .jpg, an archive), PDFs with scripts
// however hidden, an image bomb refused from its header, a phone photo's GPS, serial and owner removed, the object
// keys and the names people give files.
import { deflateSync } from 'node:zlib';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { inspectUpload } from '#domain/evidence/inspection.ts';
import { uploadNotices } from '#domain/evidence/notices.ts';
import {
  attachmentDisposition,
  declaredType,
  type EvidenceType,
  parseUploadKey,
  safeFileName,
  slotRequests,
  uploadKey,
} from '#domain/evidence/policy.ts';
import { pdf, phonePhoto, windowsExecutable } from '#support/evidence.ts';

/** What the checker does with an upload, with the same readers it uses. */
async function inspect(bytes: Uint8Array, declared: EvidenceType) {
  const detected = (await fileTypeFromBuffer(bytes))?.mime;
  let dimensions: { width: number; height: number } | 'unreadable' | undefined;
  if (detected?.startsWith('image/')) {
    try {
      const size = imageSize(bytes);
      dimensions = { width: size.width, height: size.height };
    } catch {
      dimensions = 'unreadable';
    }
  }
  return inspectUpload({ bytes, declared, detected, ...(dimensions === undefined ? {} : { dimensions }) });
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A PNG whose header claims width × height pixels, with a few hundred bytes of compressed zeros. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A JPEG whose frame header is rewritten to claim width × height (the scan data stays a small image's). */
function jpegClaiming(width: number, height: number): Buffer {
  const bytes = Buffer.from(phonePhoto(16, 16));
  for (let at = 2; at < bytes.length - 9; at++) {
    if (bytes[at] === 0xff && bytes[at + 1] === 0xc0) {
      bytes.writeUInt16BE(height, at + 5);
      bytes.writeUInt16BE(width, at + 7);
      return bytes;
    }
  }
  throw new Error('no frame header');
}

/** A ZIP archive holding one small file (stored, not compressed). */
function zipArchive(): Buffer {
  const name = Buffer.from('photo.jpg', 'latin1');
  const content = Buffer.from('not really a photo', 'latin1');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(content), 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(name.length, 26);
  return Buffer.concat([local, name, content]);
}

describe('the type is what the bytes say', () => {
  it('refuses a Windows executable named photo.jpg, whatever its slot declared', async () => {
    const verdict = await inspect(windowsExecutable(), 'image/jpeg');
    expect(verdict).toMatchObject({ ok: false, reason: 'type-not-allowed' });
    expect(verdict.ok === false && verdict.detected).toMatch(/msdownload|executable|dosexec/);
  });

  it('refuses an archive, which could hold anything', async () => {
    expect(await inspect(zipArchive(), 'image/jpeg')).toMatchObject({
      ok: false,
      reason: 'type-not-allowed',
      detected: 'application/zip',
    });
  });

  it('refuses bytes of no known type, and an empty file', async () => {
    expect(await inspect(Buffer.from('just some words'), 'application/pdf')).toMatchObject({
      ok: false,
      reason: 'type-unknown',
    });
    expect(await inspect(new Uint8Array(), 'image/jpeg')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('keeps a PDF declared as a photo as the PDF it is', async () => {
    expect(await inspect(pdf(), 'image/jpeg')).toMatchObject({ ok: true, type: 'application/pdf' });
  });
});

describe('PDFs', () => {
  it('keeps a plain PDF as sent', async () => {
    const plain = pdf();
    const verdict = await inspect(plain, 'application/pdf');
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && Buffer.from(verdict.bytes).equals(plain)).toBe(true);
  });

  it.each(['plain', 'hex-name', 'object-stream'] as const)(
    'refuses JavaScript written %s',
    async (javascript) => {
      expect(await inspect(pdf({ javascript }), 'application/pdf')).toMatchObject({
        ok: false,
        reason: 'pdf-active-content',
      });
    },
  );
});

describe('image bombs', () => {
  it('refuses a small PNG whose header claims 2.5 billion pixels, before decoding anything', async () => {
    const bomb = pngClaiming(50_000, 50_000);
    expect(bomb.length).toBeLessThan(2048);
    const before = process.memoryUsage().rss;
    expect(await inspect(bomb, 'image/png')).toMatchObject({ ok: false, reason: 'image-too-many-pixels' });
    // Decoding would need 2.5 GB; reading the header needs nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a JPEG whose frame claims 65,000 × 65,000 pixels', async () => {
    expect(await inspect(jpegClaiming(65_000, 65_000), 'image/jpeg')).toMatchObject({
      ok: false,
      reason: 'image-too-many-pixels',
    });
  });

  it('refuses an image whose header cannot be read', async () => {
    const broken = Buffer.from(phonePhoto(16, 16)).subarray(0, 40);
    expect(await inspect(broken, 'image/jpeg')).toMatchObject({ ok: false });
  });
});

describe("a phone photo's metadata", () => {
  it('carries GPS, serial and owner as sent (the fixture is what a phone makes)', async () => {
    const sent = await exifr.parse(phonePhoto(), { gps: true, exif: true, xmp: true });
    expect(sent.latitude).toBeCloseTo(29.558, 2);
    expect(sent.SerialNumber).toBe('SN-4471-0099-1234');
    expect(sent.Artist).toBe('Zhang San');
  });

  it('is removed: no EXIF but the orientation, no XMP, no comment, no trailer; the pixels are untouched', async () => {
    const sent = phonePhoto(64, 48, { orientation: 6 });
    const verdict = await inspect(sent, 'image/jpeg');
    if (!verdict.ok) throw new Error(`refused: ${verdict.reason}`);
    expect(verdict).toMatchObject({ type: 'image/jpeg', width: 64, height: 48 });
    expect(verdict.removed).toEqual(expect.arrayContaining(['exif', 'xmp', 'comment', 'trailer']));
    const kept = Buffer.from(verdict.bytes);
    const text = kept.toString('latin1');
    for (const trace of ['Zhang San', 'SN-4471', 'PhoneMaker', 'Phone X12', 'ns.adobe.com', 'TRAILER'])
      expect(text).not.toContain(trace);
    const read = await exifr.parse(kept, { gps: true, exif: true, xmp: true, tiff: true });
    expect(read?.latitude).toBeUndefined();
    expect(read?.GPSLatitude).toBeUndefined();
    expect(read?.SerialNumber).toBeUndefined();
    expect(read?.OwnerName).toBeUndefined();
    expect(read?.creator).toBeUndefined();
    expect(read?.Orientation).toBeDefined(); // a sideways photo stays upright
    expect(jpeg.decode(kept, { useTArray: true }).data).toEqual(jpeg.decode(sent, { useTArray: true }).data);
  });
});

describe('names and keys', () => {
  it('keys hold only the reference and a random id: no name, no person', () => {
    const key = uploadKey('HLW-2XK7P-9QRMV', 'a'.repeat(32));
    expect(key).toBe(`uploads/HLW-2XK7P-9QRMV/${'a'.repeat(32)}`);
    expect(parseUploadKey(key)).toEqual({ reference: 'HLW-2XK7P-9QRMV', fileId: 'a'.repeat(32) });
    for (const bad of [
      'evidence/HLW-2XK7P-9QRMV/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'uploads/HLW-2XK7P-9QRMV/zhang-san.jpg',
      'uploads/../evidence/x',
      `uploads/HLW-2XK7P-9QRMV/${'a'.repeat(32)}/extra`,
    ])
      expect(parseUploadKey(bad)).toBeUndefined();
  });

  it('cleans names: no folders, no direction overrides, always a download', () => {
    expect(safeFileName('C:\\Users\\zhang\\收据.jpg')).toBe('收据.jpg');
    expect(safeFileName('photo\u202egpj.exe')).toBe('photogpj.exe');
    expect(safeFileName('../..')).toBe('file');
    expect(attachmentDisposition('收据 "1".jpg')).toMatch(
      /^attachment; filename="[^"]*"; filename\*=UTF-8''/,
    );
  });

  it('takes the types of phones and recorders, and refuses the rest whole', () => {
    expect(declaredType('audio/x-m4a', 'rec.m4a')).toBe('audio/mp4');
    expect(declaredType('', 'voice.amr')).toBe('audio/amr');
    expect(declaredType('application/x-msdownload', 'photo.jpg')).toBeUndefined();
    expect(() =>
      slotRequests([
        { name: 'a.jpg', type: 'image/jpeg', size: 10 },
        { name: 'b.zip', type: 'application/zip', size: 10 },
      ]),
    ).toThrow(/not allowed/);
  });
});

describe('queue notices', () => {
  it("reads S3's notification (its key decoded) and ignores S3's test event", () => {
    expect(
      uploadNotices({
        Records: [
          {
            eventSource: 'aws:s3',
            eventName: 'ObjectCreated:Post',
            eventTime: '2026-12-07T04:00:00.000Z',
            s3: { bucket: { name: 'hotline-evidence' }, object: { key: 'uploads/HLW-1/a%20b+c' } },
          },
        ],
      }),
    ).toEqual([{ bucket: 'hotline-evidence', key: 'uploads/HLW-1/a b c', at: '2026-12-07T04:00:00.000Z' }]);
    expect(uploadNotices({ Service: 'Amazon S3', Event: 's3:TestEvent' })).toEqual([]);
    expect(
      uploadNotices({
        Records: [
          {
            eventSource: 'aws:s3',
            eventName: 'ObjectRemoved:Delete',
            eventTime: '2026-12-07T04:00:00.000Z',
            s3: { bucket: { name: 'hotline-evidence' }, object: { key: 'uploads/HLW-1/x' } },
          },
        ],
      }),
    ).toEqual([]);
    expect(() => uploadNotices({ something: 'else' })).toThrow();
  });
});

describe('with GuardDuty scanning (malwareScan=guardduty)', () => {
  it("reads GuardDuty's scan result from EventBridge as the notice to check", () => {
    expect(
      uploadNotices({
        source: 'aws.guardduty',
        'detail-type': 'GuardDuty Malware Protection Object Scan Result',
        time: '2026-12-07T04:00:05Z',
        detail: {
          s3ObjectDetails: { bucketName: 'hotline-evidence', objectKey: 'uploads/HLW-1/abc' },
          scanResultDetails: { scanResultStatus: 'THREATS_FOUND' },
        },
      }),
    ).toEqual([
      {
        bucket: 'hotline-evidence',
        key: 'uploads/HLW-1/abc',
        at: '2026-12-07T04:00:05.000Z',
        scan: 'THREATS_FOUND',
      },
    ]);
  });

  it('keeps only what the scan found clean: threats and failed scans are refused, whatever the bytes', async () => {
    const detected = (await fileTypeFromBuffer(pdf()))?.mime;
    const facts = { bytes: pdf(), declared: 'application/pdf' as const, detected };
    expect(inspectUpload({ ...facts, scan: 'THREATS_FOUND' })).toMatchObject({
      ok: false,
      reason: 'malware',
    });
    expect(inspectUpload({ ...facts, scan: 'FAILED' })).toMatchObject({ ok: false, reason: 'not-scanned' });
    expect(inspectUpload({ ...facts, scan: 'NO_THREATS_FOUND' })).toMatchObject({ ok: true });
  });
});
