// Compiles the shipped triage configuration (directory.json, lexicon.json, triage-model.json) into the data
// form that triage-config.ts loads: validated with zod and normalised here, once, instead of at every cold start.
// Used by `npm run compile:config` (bin/compile-triage.ts) and by the test that keeps the artefact in sync.
import { createHash } from 'node:crypto';
import { type CompiledTriageData, routingDataOf, triageDataOf } from '#domain/triage/compiled.ts';
import { loadTriageConfig } from '#domain/triage/config.ts';
import { TriageModelSchema } from '#domain/triage/learned.ts';
import { useSimplifier } from '#domain/triage/normalise.ts';
import { DEFAULT_REVIEW_RULE, type ReviewRule } from '#domain/triage/review.ts';
import directory from './directory.json' with { type: 'json' };
import lexicon from './lexicon.json' with { type: 'json' };
import { packagedSimplifier } from './opencc-compile.ts';
import { DATA_FILE, ROUTING_DATA_FOLDER, TRIAGE_DATA_FOLDER } from './triage-data.ts';
import model from './triage-model.json' with { type: 'json' };

/** When a case is routed all the same but flagged for a supervisor (`needsReview`): docs/triage.md, "Review flags". */
export const REVIEW_RULE: ReviewRule = DEFAULT_REVIEW_RULE;

/** What the shipped configuration compiles to now, from the source files as they are. */
export function compileShippedTriage(): CompiledTriageData {
  // The normalised terms depend on the converter, exactly as the complaints they are matched against do.
  useSimplifier(packagedSimplifier);
  const config = loadTriageConfig(directory, lexicon, model, { review: REVIEW_RULE });
  const sources = createHash('sha256')
    .update(JSON.stringify([directory, lexicon, model]))
    .digest('hex')
    .slice(0, 16);
  return triageDataOf(config, TriageModelSchema.parse(model), sources);
}

/** The compiled data as the files `npm run compile:config` writes, by path from the repository root. */
export function compiledTriageFiles(data: CompiledTriageData): Record<string, string> {
  return {
    [`${TRIAGE_DATA_FOLDER}/${DATA_FILE}`]: `${JSON.stringify(data)}\n`,
    [`${ROUTING_DATA_FOLDER}/${DATA_FILE}`]: `${JSON.stringify(routingDataOf(data))}\n`,
  };
}
