// Each Lambda's bundle, built with the stack's own esbuild settings: its size and its cold import time (median of
// fresh Node processes), next to an empty module and to a bundle holding only the AWS SDK clients it uses.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type Access, type FunctionSpec, functions, PROJECT_ROOT } from '#catalog';
import { OPENCC_DATA_FOLDER } from '#config/simplified-chinese.ts';
import { environmentNames } from '#functions/wiring.ts';
import { BUNDLE, ESBUILD_OPTIONS } from '#lib/defaults.ts';
import { kb, median, ms, ratio, table } from './stats.ts';

const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 11);

/** The SDK client each access kind makes a function use (none for settings and files). */
const CLIENT_OF: Record<Access['kind'], string | undefined> = {
  table: "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  queue: "export { SQSClient } from '@aws-sdk/client-sqs';",
  secret: "export { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
  email: "export { SESClient } from '@aws-sdk/client-ses';",
  sms: "export { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';",
  publicUrl: undefined,
  assets: undefined,
  signIn: undefined,
  evidence: "export { S3Client } from '@aws-sdk/client-s3';",
};

/** The SDK clients a function's declared access makes it use. */
function sdkClientsOf(spec: FunctionSpec): string[] {
  // Evidence access without operations is the bucket's name only (the pages' CSP): no client.
  const uses = spec.access.filter((access) => access.kind !== 'evidence' || access.operations.length > 0);
  return [...new Set(uses.flatMap((access) => CLIENT_OF[access.kind] ?? []))];
}

/** Bundles a module file, or module source given inline (resolved from the project, like the handlers). */
async function bundle(entry: string | { contents: string }, outfile: string): Promise<number> {
  await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: PROJECT_ROOT, loader: 'js' as const } }),
    ...ESBUILD_OPTIONS,
    outfile,
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'silent',
  });
  return statSync(outfile).size;
}

/** Where a function finds the folders shipped beside its bundle: in the repository, as on this machine. */
function assetEnvironment(spec: FunctionSpec): Record<string, string> {
  return Object.fromEntries(
    spec.access.flatMap((access) =>
      access.kind === 'assets'
        ? [[environmentNames.assetRoot(access.folder), join(PROJECT_ROOT, access.folder)]]
        : [],
    ),
  );
}

/**
 * Milliseconds of one cold import() of `file`, in a fresh Node process (a cold start's init, minus the runtime's),
 * with `env` added: a function that reads its shipped data at load reads it inside the measured time.
 */
function coldImportOnce(file: string, env: Readonly<Record<string, string>>): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});console.log(performance.now()-t);`;
  // Node runs with the functions' own options: with source maps on, it reads each bundle's map as it loads it.
  const out = execFileSync(process.execPath, [BUNDLE.nodeOptions, '--input-type=module', '-e', script], {
    env: { ...process.env, ...env, AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
    encoding: 'utf8',
  });
  return Number(out.trim().split('\n').pop());
}

/**
 * Cold import times of each file, measured side by side: every round imports each file once, in turn, so a busy
 * moment of a shared machine weighs on a bundle and on its SDK-only twin alike.
 */
function coldImportSamples(
  files: readonly string[],
  envOf: (file: string) => Readonly<Record<string, string>> = () => ({}),
): Map<string, number[]> {
  const samples = new Map(files.map((file) => [file, [] as number[]]));
  for (let round = 0; round < RUNS; round++) {
    for (const file of files) samples.get(file)?.push(coldImportOnce(file, envOf(file)));
  }
  return samples;
}

/**
 * A bundle's import time over its twin's: the median of the rounds' ratios, each taken from two imports run one
 * after the other. Pairing them keeps a slow moment of the machine out of the ratio (the ratio of the medians moved
 * by ±0.1 from run to run on this machine; the paired median moves far less).
 */
function pairedRatio(bundle: readonly number[], twin: readonly number[]): number {
  return median(bundle.map((ms, round) => ms / (twin[round] ?? Number.NaN)));
}

/**
 * What the worker defers to its first Chinese complaint: reading the Traditional → Simplified dictionaries and
 * building the converter's tables (config/simplified-chinese.ts), in a fresh process, timed around its first call.
 */
async function converterFirstUseMs(dir: string): Promise<number> {
  const out = join(dir, 'converter.mjs');
  const folder = join(PROJECT_ROOT, OPENCC_DATA_FOLDER);
  await bundle(
    {
      contents: `import { simplifierIn } from '#config/simplified-chinese.ts';
const toSimplified = simplifierIn(${JSON.stringify(folder)});
export const firstUse = () => { const t = performance.now(); toSimplified('劉曉峰辦證時索要好處費'); return performance.now() - t; };`,
    },
    out,
  );
  const samples: number[] = [];
  for (let round = 0; round < RUNS; round++) {
    const script = `const { firstUse } = await import(${JSON.stringify(out)}); console.log(firstUse());`;
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    samples.push(Number(printed.trim()));
  }
  return median(samples);
}

export async function benchBundles(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bundles-'));
  try {
    const empty = join(dir, 'empty.mjs');
    const emptySize = await bundle({ contents: 'export const handler = async () => ({});' }, empty);
    const built = [];
    for (const spec of functions) {
      const out = join(dir, `${spec.name}.mjs`);
      const size = await bundle(join(PROJECT_ROOT, spec.entry), out);
      const clients = sdkClientsOf(spec);
      const sdk = clients.length === 0 ? undefined : { file: join(dir, `${spec.name}-sdk.mjs`), size: 0 };
      if (sdk) sdk.size = await bundle({ contents: clients.join('\n') }, sdk.file);
      built.push({ spec, out, size, sdk });
    }
    const environments = new Map(built.map(({ spec, out }) => [out, assetEnvironment(spec)]));
    const samples = coldImportSamples(
      [empty, ...built.flatMap(({ out, sdk }) => (sdk ? [out, sdk.file] : [out]))],
      (file) => environments.get(file) ?? {},
    );
    const samplesOf = (file: string) => samples.get(file) ?? [];
    const msOf = (file: string) => median(samplesOf(file));

    const rows: string[][] = [['(empty module)', kb(emptySize), ms(msOf(empty)), '', '', '', '']];
    for (const { spec, out, size, sdk } of built) {
      if (sdk === undefined) {
        rows.push([spec.name, kb(size), ms(msOf(out)), '(no SDK client)', '', '', '']);
        continue;
      }
      rows.push([
        spec.name,
        kb(size),
        ms(msOf(out)),
        kb(sdk.size),
        ms(msOf(sdk.file)),
        ratio(size, sdk.size),
        `${pairedRatio(samplesOf(out), samplesOf(sdk.file)).toFixed(2)}×`,
      ]);
    }
    const converter = await converterFirstUseMs(dir);
    return [
      table(
        [
          'bundle',
          'size',
          'cold import (median)',
          'SDK-only size',
          'SDK-only import',
          'size ratio',
          'import ratio (paired)',
        ],
        rows,
      ),
      `\nDeferred to the first Chinese text of intake-worker, cases-detail and cases-action (not in their import): the`,
      `Traditional → Simplified dictionaries read and the converter's tables built, ${ms(converter)} (median of ${RUNS} fresh processes).`,
      `Medians of ${RUNS} rounds; each round imports every bundle once, in turn, in a fresh process. The import ratio`,
      "is the median of the rounds' ratios of a bundle to its SDK-only twin, imported one after the other.",
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
