// A reporter's evidence in a real browser (Debian's Chromium, driven by playwright-core) against the local runtime:
// a complaint filed with a phone photo carrying GPS EXIF, a PDF and an executable named .jpg; the photo kept without
// its GPS or serial, the executable refused and deleted, a file over the limit refused by the policy itself; the
// body's investigator downloads the photo through its link, another body's gets 404, the link dies when it expires,
// and each view is in the case's history.
import { readFile } from 'node:fs/promises';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { launchBrowser } from '#support/browser.ts';
import { pdf, phonePhoto, windowsExecutable } from '#support/evidence.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;
let s3: S3Client;
/** The complaint the first test files, followed by the second on the status page. */
let filed: { reference: string; receiptCode: string } | undefined;

beforeAll(async () => {
  runtime = await startTestRuntime();
  s3 = new S3Client({
    region: 'us-east-1',
    endpoint: runtime.endpoints.s3,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  s3?.destroy();
  await browser?.close();
  await runtime?.stop();
});

async function api(method: string, path: string, as: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await runtime.signToken(as)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the answer shape of the route it calls.
  return { status: response.status, json: (text === '' ? {} : JSON.parse(text)) as any };
}

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

describe('evidence from the browser', () => {
  it('files a complaint with a GPS-tagged photo, a PDF and a disguised executable; only clean files reach the body', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The refusals this test provokes (the oversize post, the expired link) are logged as failed loads; the rest is not.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text());
    });

    await page.goto(`${runtime.url}/`);
    await page.fill(
      '#description',
      '郭扶镇国土所窗口的人手写了一张“加急费两百元”的条子，我拍了照片，还有收据。',
    );
    await page.fill('#subjectUnit', '郭扶国土所');
    await page.setInputFiles('#evidence', [
      { name: '收费条.jpg', mimeType: 'image/jpeg', buffer: phonePhoto(640, 480) },
      { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: pdf() },
      { name: 'photo2.jpg', mimeType: 'image/jpeg', buffer: windowsExecutable() },
    ]);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#receipt:not([hidden])');
    const reference = ((await page.textContent('#receipt-reference')) ?? '').trim();
    const receiptCode = ((await page.textContent('#receipt-code')) ?? '').replace(/\s/g, '');
    filed = { reference, receiptCode };
    const progress = page.locator('#evidence-progress li');
    await page.locator('#evidence-progress li:not([data-state="uploading"])').nth(2).waitFor();
    expect(await progress.allTextContents(), errors.join('\n')).toEqual([
      expect.stringContaining('Uploaded'),
      expect.stringContaining('Uploaded'),
      expect.stringContaining('Uploaded'),
    ]);

    // The reporter's own list, once the checker has decided on every file.
    const status = async () =>
      (await (
        await fetch(`${runtime.url}/complaints/${reference}/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ receiptCode }),
        })
      ).json()) as { evidence: { fileId: string; name: string; state: string; reason?: string }[] };
    const files = await until('three files decided', async () => {
      const { evidence } = await status();
      return evidence.length === 3 && evidence.every((f) => f.state !== undefined) ? evidence : undefined;
    });
    const byName = (name: string) => files.find((f) => f.name === name);
    expect(byName('收费条.jpg')?.state).toBe('checked');
    expect(byName('receipt.pdf')?.state).toBe('checked');
    const exe = byName('photo2.jpg');
    expect(exe).toMatchObject({ state: 'refused', reason: 'type-not-allowed' });
    // The checker deletes the upload last, after the file's record and its event: a moment after the status shows it.
    await expect.poll(() => exists(`uploads/${reference}/${exe?.fileId}`)).toBe(false);
    expect(await exists(`evidence/${reference}/${exe?.fileId}`)).toBe(false);

    // A file over the limit, its slot asked for with a smaller size: the bucket's policy refuses it.
    // (A string: the page's module and File are the browser's, not this process's.)
    const oversize = (await page.evaluate(`(async () => {
      const { uploadEvidence } = await import('/assets/evidence-upload.js');
      const big = new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' });
      return uploadEvidence(${JSON.stringify(reference)}, ${JSON.stringify(receiptCode)}, [big], undefined, [1024]);
    })()`)) as { fileId: string; ok: boolean; code: string }[];
    expect(oversize).toEqual([expect.objectContaining({ ok: false, code: 'EntityTooLarge' })]);
    expect(await exists(`uploads/${reference}/${oversize[0]?.fileId}`)).toBe(false);

    // The body's investigator downloads the photo through its link, in the browser.
    const photo = byName('收费条.jpg');
    const view = await api(
      'POST',
      `/cases/${reference}/evidence/${photo?.fileId}/views`,
      'guofu-cdi-investigator',
    );
    expect(view.status).toBe(201);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(`(() => {
        const link = document.createElement('a');
        link.href = ${JSON.stringify(view.json.url)};
        document.body.append(link);
        link.click();
      })()`),
    ]);
    expect(download.suggestedFilename()).toBe('收费条.jpg');
    const kept = await readFile((await download.path()) as string);
    const metadata = await exifr.parse(kept, { gps: true, exif: true, xmp: true, tiff: true });
    expect(metadata?.latitude).toBeUndefined();
    expect(metadata?.GPSLatitude).toBeUndefined();
    expect(metadata?.SerialNumber).toBeUndefined();
    expect(kept.toString('latin1')).not.toContain('SN-4471');

    // Another body's investigator: the same 404 as for the case itself.
    expect(
      (await api('POST', `/cases/${reference}/evidence/${photo?.fileId}/views`, 'sanjiao-cdi-investigator'))
        .status,
    ).toBe(404);
    expect((await api('GET', `/cases/${reference}/evidence`, 'sanjiao-cdi-investigator')).status).toBe(404);

    // The link stops working once it expires.
    runtime.advanceStorageClock(5 * 60 + 1);
    try {
      const late = await page.evaluate(`fetch(${JSON.stringify(view.json.url)}).then((r) => r.status)`);
      expect(late).toBe(403);
    } finally {
      runtime.advanceStorageClock(-(5 * 60 + 1));
    }

    // Each view is in the history.
    const history = (await api('GET', `/cases/${reference}`, 'guofu-cdi-investigator')).json.history as {
      kind: string;
      actor: string;
      details?: { fileId?: string };
    }[];
    expect(
      history.filter((h) => h.kind === 'evidence-viewed' && h.details?.fileId === photo?.fileId),
    ).toEqual([expect.objectContaining({ actor: 'guofu-cdi-investigator' })]);
    expect(errors).toEqual([]);
    // A browser, a runtime and every function on a shared 2-core machine.
  }, 150_000);

  it("shows the reporter's own files on the status page, and takes more there while the case is open", async () => {
    if (filed === undefined) throw new Error('the first test filed nothing');
    const page = await browser.newPage();
    await page.goto(`${runtime.url}/status?reference=${filed.reference}`);
    await page.fill('#receiptCode', filed.receiptCode);
    await page.click('#status-form button[type="submit"]');
    await page.locator('#evidence-files li').nth(2).waitFor();
    const listed = await page.locator('#evidence-files li').allTextContents();
    expect(listed).toHaveLength(3); // the office's files are never listed here
    expect(listed.filter((text) => text.includes('Refused'))).toEqual([
      expect.stringContaining('files of this type are not accepted'),
    ]);
    await page.setInputFiles('#evidence-more-files', [
      { name: 'later.pdf', mimeType: 'application/pdf', buffer: pdf() },
    ]);
    await page.click('#evidence-more button');
    await page.locator('#evidence-more li[data-state="uploaded"]').waitFor();
    await until('the later file is checked', async () => {
      await page.click('#status-form button[type="submit"]');
      const texts = await page.locator('#evidence-files li').allTextContents();
      return texts.some((text) => text.startsWith('later.pdf') && text.includes('Checked'))
        ? true
        : undefined;
    });
  }, 90_000);

  it("the console lists the case's checked files and downloads one, the view recorded in the history", async () => {
    if (filed === undefined) throw new Error('the first test filed nothing');
    const { reference } = filed;
    const viewsBefore = async () =>
      (
        (await api('GET', `/cases/${reference}`, 'guofu-cdi-investigator')).json.history as {
          kind: string;
        }[]
      ).filter((h) => h.kind === 'evidence-viewed').length;
    const before = await viewsBefore();
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${runtime.url}/console/`);
    await page.waitForSelector('#signin-person option[value="guofu-cdi-investigator"]', {
      state: 'attached',
    });
    await page.selectOption('#signin-person', 'guofu-cdi-investigator');
    await page.click('#signin-form button[type="submit"]');
    await page.waitForSelector('#view-list:not([hidden])');
    await page.goto(`${runtime.url}/console/#/cases/${reference}`);
    await page.locator('#case-evidence tr').first().waitFor();
    const rows = await page.locator('#case-evidence tr').allTextContents();
    // The refused executable is not listed; the photo and the PDF are, sent by the reporter.
    expect(rows.some((row) => row.includes('收费条.jpg') && row.includes('举报人'))).toBe(true);
    expect(rows.some((row) => row.includes('receipt.pdf'))).toBe(true);
    expect(rows.some((row) => row.includes('photo2.jpg'))).toBe(false);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#case-evidence tr', { hasText: '收费条.jpg' }).locator('button').click(),
    ]);
    expect(download.suggestedFilename()).toBe('收费条.jpg');
    // The view is an event of the case, and the page shows it in the history once the case is read again.
    await until('the view in the history', async () =>
      (await viewsBefore()) === before + 1 ? true : undefined,
    );
    await expect
      .poll(() => page.locator('#case-history').textContent(), { timeout: 10_000 })
      .toContain('查看证据材料');
    await context.close();
  }, 90_000);
});
