// Evidence over HTTP on the local runtime, as in AWS: upload slots (presigned POST policies) from the routes, uploads
// straight to the S3 emulator, which enforces each policy and notifies the evidence queue, the checker fed by the
// runtime's poller, then the office's list, its short links and every view recorded; the reporter's own list.
import { createHash } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { pdf, phonePhoto, postUpload, type Slot, windowsExecutable } from '#support/evidence.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

let runtime: LocalRuntime;
let s3: S3Client;
let reference: string;
let receiptCode: string;
const tokens = new Map<string, string>();

async function call(method: string, path: string, options: { as?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.as !== undefined) {
    let token = tokens.get(options.as);
    if (token === undefined) {
      token = await runtime.signToken(options.as);
      tokens.set(options.as, token);
    }
    headers.authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the answer shape of the route it calls.
  return { status: response.status, text, json: (text === '' ? {} : JSON.parse(text)) as any };
}

const reporterSlots = (files: unknown[], code = receiptCode, ref = reference) =>
  call('POST', `/complaints/${ref}/evidence`, { body: { receiptCode: code, files } });

const statusOf = async () =>
  (await call('POST', `/complaints/${reference}/status`, { body: { receiptCode } })).json;

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`never: ${what}`);
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: runtime.evidenceBucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

/** The reporter's view of one file, once the checker has decided on it. */
const decided = (fileId: string) =>
  until(`file ${fileId} checked`, async () =>
    (await statusOf()).evidence?.find((f: { fileId: string }) => f.fileId === fileId),
  );

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  runtime = await startTestRuntime();
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: runtime.endpoints.s3,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const filed = await fetch(`${runtime.url}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      description: '郭扶镇国土所窗口工作人员说要“意思一下”才给办证，手写了一张收费条，我拍了照片。',
      subjectUnit: '郭扶国土所',
    }),
  });
  ({ reference, receiptCode } = (await filed.json()) as { reference: string; receiptCode: string });
  await until('the case is written', async () =>
    (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-investigator' })).status === 200
      ? true
      : undefined,
  );
  // Twenty-odd functions warm up on a shared 2-core machine.
}, 180_000);
afterAll(async () => {
  s3?.destroy();
  await runtime?.stop();
});

const photo = phonePhoto(320, 240);
const document = pdf();

describe('upload slots', () => {
  it('gives the holder of the receipt code one policy per file, keyed by case and a random id only', async () => {
    const answer = await reporterSlots([
      { name: '张三的收费条.jpg', type: 'image/jpeg', size: photo.length },
      { name: 'receipt.pdf', type: 'application/pdf', size: document.length },
    ]);
    expect(answer.status).toBe(201);
    expect(answer.json.uploads).toHaveLength(2);
    expect(answer.json.maxBytes).toBe(20 * 1024 * 1024);
    for (const slot of answer.json.uploads) {
      expect(slot.fields.key).toMatch(new RegExp(`^uploads/${reference}/[0-9a-f]{32}$`));
      expect(slot.fields.key).not.toMatch(/张三|receipt/);
      expect(slot.url.startsWith(runtime.endpoints.s3)).toBe(true);
    }
    expect(answer.json.uploads[0].fields['Content-Type']).toBe('image/jpeg');
  });

  it('answers a wrong receipt code as the status page does, and refuses what the hotline does not take', async () => {
    const wrong = await reporterSlots([{ name: 'a.jpg', type: 'image/jpeg', size: 10 }], '0000000000000000');
    expect(wrong.status).toBe(404);
    const zip = await reporterSlots([
      { name: 'a.jpg', type: 'image/jpeg', size: 10 },
      { name: 'all.zip', type: 'application/zip', size: 10 },
    ]);
    expect(zip.status).toBe(400);
    expect(zip.json.error.fields).toHaveProperty(['files.1.type']);
    const huge = await reporterSlots([{ name: 'a.jpg', type: 'image/jpeg', size: 20 * 1024 * 1024 + 1 }]);
    expect(huge.status).toBe(400);
    const many = await reporterSlots(
      Array.from({ length: 11 }, (_, i) => ({ name: `${i}.jpg`, type: 'image/jpeg', size: 10 })),
    );
    expect(many.status).toBe(400);
  });

  it('gives investigators of the body slots for their own files; another body gets 404', async () => {
    const mine = await call('POST', `/cases/${reference}/evidence`, {
      as: 'guofu-cdi-investigator',
      body: { files: [{ name: 'finding.jpg', type: 'image/jpeg', size: photo.length }] },
    });
    expect(mine.status).toBe(201);
    const theirs = await call('POST', `/cases/${reference}/evidence`, {
      as: 'sanjiao-cdi-investigator',
      body: { files: [{ name: 'finding.jpg', type: 'image/jpeg', size: photo.length }] },
    });
    expect(theirs.status).toBe(404);
    const upload = await postUpload(mine.json.uploads[0] as Slot, phonePhoto(64, 48, { seed: 3 }));
    expect(upload.status).toBe(204);
    const fileId = mine.json.uploads[0].fileId;
    const listed = await until('the office file is listed', async () => {
      const files = (await call('GET', `/cases/${reference}/evidence`, { as: 'guofu-cdi-investigator' })).json
        .files;
      return files.find((f: { fileId: string }) => f.fileId === fileId);
    });
    expect(listed).toMatchObject({ origin: 'office', by: 'guofu-cdi-investigator', type: 'image/jpeg' });
    // The reporter's list holds only what the reporter sent.
    expect(((await statusOf()).evidence ?? []).some((f: { fileId: string }) => f.fileId === fileId)).toBe(
      false,
    );
  });
});

describe('the policy, enforced by S3 itself', () => {
  async function freshSlot(size = photo.length): Promise<Slot> {
    const answer = await reporterSlots([{ name: 'photo.jpg', type: 'image/jpeg', size }]);
    expect(answer.status).toBe(201);
    return answer.json.uploads[0];
  }

  it('refuses a file over the size limit, and stores nothing', async () => {
    const slot = await freshSlot();
    const answer = await postUpload(slot, new Uint8Array(20 * 1024 * 1024 + 1));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('EntityTooLarge');
    expect(await exists(slot.fields.key as string)).toBe(false);
  });

  it('refuses another key, another type and an extra field', async () => {
    const slot = await freshSlot();
    const otherKey = await postUpload(slot, photo, {
      fields: { key: `uploads/${reference}/${'0'.repeat(32)}` },
    });
    expect(otherKey.status).toBe(403);
    const otherType = await postUpload(slot, photo, { fields: { 'Content-Type': 'text/html' } });
    expect(otherType.status).toBe(403);
    const extra = await postUpload(slot, photo, {
      fields: { 'x-amz-meta-origin': 'office', acl: 'public-read' },
    });
    expect(extra.status).toBe(403);
    expect(await exists(slot.fields.key as string)).toBe(false);
    expect(await exists(`uploads/${reference}/${'0'.repeat(32)}`)).toBe(false);
  });

  it('refuses a policy after it expires', async () => {
    const slot = await freshSlot();
    runtime.advanceStorageClock(6 * 60);
    try {
      const late = await postUpload(slot, photo);
      expect(late.status).toBe(403);
      expect(late.body).toContain('Policy expired');
    } finally {
      runtime.advanceStorageClock(-6 * 60);
    }
  });

  it("lets the citizen pages connect to the bucket's origin and no other", async () => {
    for (const path of ['/', '/status']) {
      const policy = (await fetch(`${runtime.url}${path}`)).headers.get('content-security-policy');
      expect(policy).toContain(`; connect-src 'self' ${runtime.endpoints.s3}`);
    }
    const script = await fetch(`${runtime.url}/assets/evidence-upload.js`);
    expect(script.status).toBe(200);
  });

  it('refuses anonymous reads and listing of the bucket', async () => {
    const bucket = `${runtime.endpoints.s3}/${runtime.evidenceBucket}`;
    expect((await fetch(`${bucket}/`)).status).toBe(403);
    expect((await fetch(`${bucket}/evidence/${reference}/${'0'.repeat(32)}`)).status).toBe(403);
  });
});

describe('checked before anyone sees it, and every view recorded', () => {
  let photoId: string;
  let pdfId: string;
  let exeSlot: Slot;

  beforeAll(async () => {
    const answer = await reporterSlots([
      { name: '收费条.jpg', type: 'image/jpeg', size: photo.length },
      { name: 'receipt.pdf', type: 'application/pdf', size: document.length },
      { name: 'photo2.jpg', type: 'image/jpeg', size: 1024 },
    ]);
    const [photoSlot, pdfSlot, exe] = answer.json.uploads as Slot[];
    photoId = (photoSlot as Slot).fileId;
    pdfId = (pdfSlot as Slot).fileId;
    exeSlot = exe as Slot;
    expect((await postUpload(photoSlot as Slot, photo)).status).toBe(204);
    expect((await postUpload(pdfSlot as Slot, document)).status).toBe(204);
    expect((await postUpload(exeSlot, windowsExecutable(), { filename: 'photo2.jpg' })).status).toBe(204);
  });

  it('refuses an executable named .jpg and deletes it; the reporter sees why', async () => {
    const file = await decided(exeSlot.fileId);
    expect(file).toMatchObject({ state: 'refused', reason: 'type-not-allowed' });
    expect(file.reasonWords.en).toBe('files of this type are not accepted');
    // The checker deletes the upload last, after the file's record and its event: a moment after the status shows it.
    await expect.poll(() => exists(exeSlot.fields.key as string)).toBe(false);
    expect(await exists(`evidence/${reference}/${exeSlot.fileId}`)).toBe(false);
    const office = (await call('GET', `/cases/${reference}/evidence`, { as: 'guofu-cdi-investigator' })).json;
    expect(office.files.some((f: { fileId: string }) => f.fileId === exeSlot.fileId)).toBe(false);
    expect(
      (
        await call('POST', `/cases/${reference}/evidence/${exeSlot.fileId}/views`, {
          as: 'guofu-cdi-investigator',
        })
      ).status,
    ).toBe(404);
  });

  it('lists the checked files with their SHA-256, type and size, and records the check as an event', async () => {
    expect(await decided(photoId)).toMatchObject({ state: 'checked', type: 'image/jpeg' });
    expect(await decided(pdfId)).toMatchObject({ state: 'checked', type: 'application/pdf' });
    const { files } = (await call('GET', `/cases/${reference}/evidence`, { as: 'guofu-cdi-investigator' }))
      .json;
    const listed = files.find((f: { fileId: string }) => f.fileId === pdfId);
    expect(listed).toMatchObject({
      name: 'receipt.pdf',
      type: 'application/pdf',
      size: document.length,
      sha256: sha256(document),
      origin: 'reporter',
      by: 'reporter',
      byName: null,
    });
    const history = (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-investigator' })).json.history;
    const added = history.find(
      (h: { kind: string; details?: { fileId?: string } }) =>
        h.kind === 'evidence-added' && h.details?.fileId === photoId,
    );
    expect(added.details).toMatchObject({
      type: 'image/jpeg',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(history.some((h: { kind: string }) => h.kind === 'evidence-refused')).toBe(true);
    // Uploads are gone once checked (deleted last, after the record and the event): only the cleaned copy is kept.
    await expect.poll(() => exists(`uploads/${reference}/${photoId}`)).toBe(false);
  });

  it('gives the body a short download link to the cleaned photo: no GPS, no serial, no owner', async () => {
    const view = await call('POST', `/cases/${reference}/evidence/${photoId}/views`, {
      as: 'guofu-cdi-investigator',
    });
    expect(view.status).toBe(201);
    expect(Date.parse(view.json.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000 + 5000);
    const download = await fetch(view.json.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; /);
    const kept = new Uint8Array(await download.arrayBuffer());
    const { files } = (await call('GET', `/cases/${reference}/evidence`, { as: 'guofu-cdi-investigator' }))
      .json;
    expect(files.find((f: { fileId: string }) => f.fileId === photoId).sha256).toBe(sha256(kept));
    const metadata = await exifr.parse(Buffer.from(kept), { gps: true, exif: true, xmp: true, tiff: true });
    expect(metadata?.latitude).toBeUndefined();
    expect(metadata?.SerialNumber).toBeUndefined();
    expect(metadata?.OwnerName).toBeUndefined();
    expect(Buffer.from(kept).toString('latin1')).not.toContain('Zhang San');

    // The link stops working once it expires.
    runtime.advanceStorageClock(5 * 60 + 1);
    try {
      expect((await fetch(view.json.url)).status).toBe(403);
    } finally {
      runtime.advanceStorageClock(-(5 * 60 + 1));
    }
    const history = (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-investigator' })).json.history;
    expect(history[0]).toMatchObject({
      kind: 'evidence-viewed',
      actor: 'guofu-cdi-investigator',
      details: { fileId: photoId },
    });
  });

  it("answers another body's investigator 404, for the list and for a view, and records nothing", async () => {
    const before = (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-investigator' })).json.history
      .length;
    expect(
      (await call('GET', `/cases/${reference}/evidence`, { as: 'sanjiao-cdi-investigator' })).status,
    ).toBe(404);
    expect(
      (
        await call('POST', `/cases/${reference}/evidence/${photoId}/views`, {
          as: 'sanjiao-cdi-investigator',
        })
      ).status,
    ).toBe(404);
    const after = (await call('GET', `/cases/${reference}`, { as: 'guofu-cdi-investigator' })).json.history
      .length;
    expect(after).toBe(before);
  });

  it("shows the reporter the files they sent, never the office's, and no links", async () => {
    const { evidence } = await statusOf();
    expect(evidence.map((f: { fileId: string }) => f.fileId)).toEqual(
      expect.arrayContaining([photoId, pdfId, exeSlot.fileId]),
    );
    expect(evidence.every((f: Record<string, unknown>) => f.url === undefined && f.by === undefined)).toBe(
      true,
    );
  });
});

describe('a closed case', () => {
  it('takes no more files from the reporter', async () => {
    const response = await fetch(`${runtime.url}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        description: '郭扶国土所窗口的人收了两百元才盖章，没有给收据。',
        subjectUnit: '郭扶国土所',
      }),
    });
    const filed = (await response.json()) as { reference: string; receiptCode: string };
    const ask = () =>
      reporterSlots(
        [{ name: 'later.jpg', type: 'image/jpeg', size: 10 }],
        filed.receiptCode,
        filed.reference,
      );
    // Just filed (the case not yet written by the worker): its files are welcome.
    expect((await ask()).status).toBe(201);
    await until('the case is written', async () =>
      (await call('GET', `/cases/${filed.reference}`, { as: 'guofu-cdi-investigator' })).status === 200
        ? true
        : undefined,
    );
    const act = async (action: string, extra: Record<string, unknown> = {}) => {
      const version = (await call('GET', `/cases/${filed.reference}`, { as: 'guofu-cdi-investigator' })).json
        .case.version;
      const answer = await call('POST', `/cases/${filed.reference}/actions`, {
        as: 'guofu-cdi-investigator',
        body: { action, expectedVersion: version, ...extra },
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    };
    await act('acknowledge');
    expect((await ask()).status).toBe(201);
    await act('verify');
    await act('substantiate', {
      findings: '经调查，窗口工作人员收受好处费属实。',
      sanctions: [{ person: '郭扶国土所窗口工作人员', kinds: ['admonition_talk'] }],
    });
    await act('close');
    const refused = await ask();
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe('case-closed');
  }, 90_000);
});
