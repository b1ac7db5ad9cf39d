// `npm run triage`: triage JSON Lines from stdin, one result line per input, so administrators can try a
// lexicon or directory change (--lexicon, --directory) before deploying it. --explain prints for people.
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { triageConfig } from '#config/triage-config.ts';
import shippedModelJson from '#config/triage-model.json' with { type: 'json' };
import { compileTriageConfig, type TriageConfig } from '#domain/triage/config.ts';
import { DirectorySchema } from '#domain/triage/directory.ts';
import { TriageModelSchema } from '#domain/triage/learned.ts';
import { LexiconSchema } from '#domain/triage/lexicon.ts';
import { TriageInputSchema, type TriageReason, type TriageResult } from '#domain/triage/model.ts';
import { ConflictOfInterestError } from '#domain/triage/route.ts';
import { triage } from '#domain/triage/triage.ts';

const USAGE = `usage: npm run triage -- [--explain] [--lexicon PATH] [--directory PATH] [--model PATH | --no-model]
       < complaints.jsonl

Reads one JSON object per line: {"description", "subjectUnit"?, "officialName"?, "amountDemanded"?,
"incidentDate"?, "receivedAt"?, "language"?} (receivedAt, ISO 8601: relative dates are read against it).
Writes one JSON line per input, in order: {"category", "severity", "unitId", "bodyId", "confidence",
"needsReview"?, "reasons", "demand"?, "incidentDate"?, "delayDays"?}, or {"line", "error"} for a line that could
not be triaged.
--model PATH tries another trained artefact; --no-model lets the lexicon decide alone.
Exit code 1 if any line failed, 2 on bad options.`;

const shippedModel = TriageModelSchema.parse(shippedModelJson);

async function readConfigFile<T>(path: string, schema: z.core.$ZodType<T>, what: string): Promise<T> {
  const parsed = z.safeParse(schema, JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${what} ${path} is not valid:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

interface ConfigOptions {
  lexicon?: string;
  directory?: string;
  model?: string;
  'no-model'?: boolean;
}

async function configFrom(options: ConfigOptions): Promise<TriageConfig> {
  if (!options.lexicon && !options.directory && !options.model && !options['no-model']) return triageConfig;
  const directory = options.directory
    ? await readConfigFile(options.directory, DirectorySchema, 'directory')
    : triageConfig.directory;
  const lexicon = options.lexicon
    ? await readConfigFile(options.lexicon, LexiconSchema, 'lexicon')
    : triageConfig.lexicon;
  const model = options['no-model']
    ? undefined
    : options.model
      ? await readConfigFile(options.model, TriageModelSchema, 'model')
      : shippedModel;
  return compileTriageConfig(directory, lexicon, model, { review: triageConfig.review });
}

function describeReason(reason: TriageReason): string {
  const { rule, ...details } = reason;
  const shown = Object.entries(details).map(([key, value]) =>
    Array.isArray(value) ? `${key}: ${value.join(', ')}` : `${key}: ${String(value)}`,
  );
  return shown.length === 0 ? rule : `${rule} (${shown.join('; ')})`;
}

function explain(line: number, result: TriageResult): string {
  const facts = [
    result.demand === undefined
      ? undefined
      : `demand ${result.demand.amount ?? '(no sum)'}${result.demand.goods.length > 0 ? ` + ${result.demand.goods.join(', ')}` : ''} (${result.demand.source})`,
    result.incidentDate === undefined
      ? undefined
      : `incident ${result.incidentDate.from}${result.incidentDate.to === result.incidentDate.from ? '' : ` – ${result.incidentDate.to}`}`,
    result.delayDays === undefined ? undefined : `delay ${result.delayDays} days`,
  ].filter((fact) => fact !== undefined);
  return [
    `#${line}  ${result.category} / ${result.severity}  unit ${result.unitId ?? '(unknown)'}  →  ${result.bodyId}` +
      `  confidence ${result.confidence.toFixed(2)}${result.needsReview ? ' (needs review)' : ''}`,
    ...(facts.length > 0 ? [`    ${facts.join('; ')}`] : []),
    ...result.reasons.map((reason) => `    ${describeReason(reason)}`),
    '',
  ].join('\n');
}

class InvalidLine extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'InvalidLine';
    this.code = code;
  }
}

function triageLine(text: string, config: TriageConfig): TriageResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidLine('invalid-json', (error as Error).message);
  }
  const input = TriageInputSchema.safeParse(json);
  if (!input.success)
    throw new InvalidLine('invalid-input', z.prettifyError(input.error).replaceAll('\n', ' '));
  return triage(input.data, config);
}

function errorOf(error: unknown): { code: string; message: string } {
  if (error instanceof InvalidLine) return { code: error.code, message: error.message };
  if (error instanceof ConflictOfInterestError)
    return { code: 'conflict-of-interest', message: error.message };
  return { code: 'triage-failed', message: error instanceof Error ? error.message : String(error) };
}

async function main(): Promise<number> {
  let options: ConfigOptions & { explain?: boolean; help?: boolean };
  try {
    options = parseArgs({
      options: {
        explain: { type: 'boolean' },
        lexicon: { type: 'string' },
        directory: { type: 'string' },
        model: { type: 'string' },
        'no-model': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let config: TriageConfig;
  try {
    config = await configFrom(options);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  let failed = 0;
  let line = 0;
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    line += 1;
    if (text.trim() === '') continue;
    try {
      const result = triageLine(text, config);
      process.stdout.write(options.explain ? `${explain(line, result)}\n` : `${JSON.stringify(result)}\n`);
    } catch (error) {
      failed += 1;
      const problem = errorOf(error);
      process.stdout.write(
        options.explain
          ? `#${line}  error (${problem.code}): ${problem.message}\n\n`
          : `${JSON.stringify({ line, error: problem })}\n`,
      );
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
