// The shipped triage configuration as the repository's tools and tests load it: the directory, the lexicon and the
// learned model, validated, normalised and compiled ahead of time into config/compiled/ (`npm run compile:config`;
// a test fails when it is out of date). Lambdas load the same files from where they are shipped (triage-data.ts).
import { join } from 'node:path';
import { PROJECT_ROOT } from '#catalog';
import type { TriageConfig } from '#domain/triage/config.ts';
import { OPENCC_DATA_FOLDER } from './simplified-chinese.ts';
import { TRIAGE_DATA_FOLDER, triageConfigIn } from './triage-data.ts';

export const triageConfig: TriageConfig = triageConfigIn(
  join(PROJECT_ROOT, TRIAGE_DATA_FOLDER),
  join(PROJECT_ROOT, OPENCC_DATA_FOLDER),
);

/** When a case is routed all the same but flagged for a supervisor (set in triage-compile.ts). */
export const REVIEW_RULE = triageConfig.review;
