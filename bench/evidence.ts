// Time from a phone photo's upload to "checked", on the local runtime: the browser's POST to the S3 emulator (policy
// checked), S3's notification on the evidence queue, the runtime's poller, the checker (type by bytes, header, EXIF
// removed, SHA-256, the cleaned copy stored, the record and event written, the upload deleted), until the reporter's
// status shows the file checked. Polled every 20 ms, so a figure is at most that late.
import { startLocalRuntime } from '#local/runtime.ts';
import { phonePhoto, postUpload, type Slot } from '#support/evidence.ts';
import { median, table } from './stats.ts';

const RUNS = Number(process.env.BENCH_EVIDENCE_RUNS ?? 5);
const TARGET_BYTES = 5 * 1024 * 1024;

async function json(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A noisy photo of about 5 MB (noise compresses as badly as a real photo's detail), with GPS EXIF. */
function fiveMegabytePhoto(): Buffer {
  let side = 1200;
  for (;;) {
    const photo = phonePhoto(Math.round(side * 1.33), side, { seed: side });
    if (photo.length >= TARGET_BYTES * 0.95) return photo;
    side = Math.ceil(side * Math.sqrt((TARGET_BYTES * 1.02) / photo.length));
  }
}

export async function benchEvidence(): Promise<string> {
  const photo = fiveMegabytePhoto();
  const runtime = await startLocalRuntime({
    port: 0,
    sesPort: 0,
    dataDir: null,
    resourcePrefix: 'bench-evidence',
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    log: () => {},
  });
  try {
    const filed = await json(`${runtime.url}/complaints`, {
      description: '郭扶镇国土所窗口工作人员手写收费条，要两百元加急费，我拍了照片。',
      subjectUnit: '郭扶国土所',
    });
    const reference = String(filed.body.reference);
    const receiptCode = String(filed.body.receiptCode);
    const rows: string[][] = [];
    const totals: number[] = [];
    // One run more than reported: the first warms the checker's execution environment (a cold start).
    for (let run = 0; run <= RUNS; run++) {
      const slots = await json(`${runtime.url}/complaints/${reference}/evidence`, {
        receiptCode,
        files: [{ name: `photo-${run}.jpg`, type: 'image/jpeg', size: photo.length }],
      });
      if (slots.status !== 201) throw new Error(`slots: ${slots.status} ${JSON.stringify(slots.body)}`);
      const slot = (slots.body.uploads as Slot[])[0] as Slot;
      const started = performance.now();
      const posted = await postUpload(slot, photo);
      if (posted.status !== 204) throw new Error(`upload: ${posted.status} ${posted.body}`);
      const uploaded = performance.now();
      let state: string | undefined;
      while (state === undefined) {
        const status = await json(`${runtime.url}/complaints/${reference}/status`, { receiptCode });
        const file = (status.body.evidence as { fileId: string; state: string }[] | undefined)?.find(
          (f) => f.fileId === slot.fileId,
        );
        state = file?.state;
        if (state === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
        if (performance.now() - started > 120_000) throw new Error('the photo was never checked');
      }
      if (state !== 'checked') throw new Error(`the photo was ${state}`);
      const done = performance.now();
      if (run === 0) continue;
      totals.push(done - started);
      rows.push([
        String(run),
        `${(uploaded - started).toFixed(0)} ms`,
        `${(done - uploaded).toFixed(0)} ms`,
        `${(done - started).toFixed(0)} ms`,
      ]);
    }
    return [
      `${RUNS} uploads of a ${(photo.length / 1024 / 1024).toFixed(1)} MB JPEG with GPS EXIF (after one warm-up):`,
      table(['run', 'POST to S3', 'then to checked', 'upload → checked'], rows),
      `median upload → checked: ${median(totals).toFixed(0)} ms`,
    ].join('\n');
  } finally {
    await runtime.stop();
  }
}

if (import.meta.main) console.log(await benchEvidence());
