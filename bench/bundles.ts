// Each Lambda's bundle, built with the stack's own esbuild settings: its size and its cold import time (median of
// fresh Node processes), next to an empty module and to a bundle holding only the AWS SDK clients it uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Access, type FunctionSpec, functions, PROJECT_ROOT } from '#catalog';
import { BUNDLE } from '#lib/defaults.ts';
import { kb, median, ms, ratio, table } from './stats.ts';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 7);

/** The SDK client each access kind makes a function use (none for settings and files). */
const CLIENT_OF: Record<Access['kind'], string | undefined> = {
  table: "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  queue: "export { SQSClient } from '@aws-sdk/client-sqs';",
  secret: "export { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
  email: "export { SESClient } from '@aws-sdk/client-ses';",
  sms: "export { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';",
  publicUrl: undefined,
  assets: undefined,
};

/** The SDK clients a function's declared access makes it use. */
function sdkClientsOf(spec: FunctionSpec): string[] {
  return [...new Set(spec.access.flatMap((access) => CLIENT_OF[access.kind] ?? []))];
}

/** Bundles a module file, or module source given inline (resolved from the project, like the handlers). */
async function bundle(entry: string | { contents: string }, outfile: string): Promise<number> {
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: PROJECT_ROOT, loader: 'js' as const } }),
    outfile,
    bundle: true,
    format: BUNDLE.format,
    platform: BUNDLE.platform,
    target: BUNDLE.target,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourcemap,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'silent',
  });
  return statSync(outfile).size;
}

/** Milliseconds from process start of import() to its end, in a fresh process each time (a cold start's import). */
function coldImportMs(file: string): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
      encoding: 'utf8',
    });
    samples.push(Number(out.trim().split('\n').pop()));
  }
  return median(samples);
}

export async function benchBundles(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bundles-'));
  try {
    const emptySize = await bundle(
      { contents: 'export const handler = async () => ({});' },
      join(dir, 'empty.mjs'),
    );
    const emptyMs = coldImportMs(join(dir, 'empty.mjs'));
    const rows: string[][] = [['(empty module)', kb(emptySize), ms(emptyMs), '', '', '', '']];

    for (const spec of functions) {
      const out = join(dir, `${spec.name}.mjs`);
      const size = await bundle(join(PROJECT_ROOT, spec.entry), out);
      const importMs = coldImportMs(out);
      const clients = sdkClientsOf(spec);
      if (clients.length === 0) {
        rows.push([spec.name, kb(size), ms(importMs), '(no SDK client)', '', '', '']);
        continue;
      }
      const sdkOut = join(dir, `${spec.name}-sdk.mjs`);
      const sdkSize = await bundle({ contents: clients.join('\n') }, sdkOut);
      const sdkMs = coldImportMs(sdkOut);
      rows.push([
        spec.name,
        kb(size),
        ms(importMs),
        kb(sdkSize),
        ms(sdkMs),
        ratio(size, sdkSize),
        ratio(importMs, sdkMs),
      ]);
    }
    return table(
      [
        'bundle',
        'size',
        'cold import (median)',
        'SDK-only size',
        'SDK-only import',
        'size ratio',
        'import ratio',
      ],
      rows,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
