// The shipped triage configuration: the directory, the lexicon and the learned model, validated, normalised and
// compiled ahead of time into triage-compiled.ts (`npm run compile:triage`; a test fails when it is out of date),
// so a Lambda's cold start only parses one JSON string. It also wires in the Traditional → Simplified converter
// the domain leaves to its caller.
import { type CompiledTriageData, triageConfigFromData } from '#domain/triage/compiled.ts';
import type { TriageConfig } from '#domain/triage/config.ts';
import { useSimplifier } from '#domain/triage/normalise.ts';
import { toSimplified } from './simplified-chinese.ts';
import { COMPILED_TRIAGE } from './triage-compiled.ts';

useSimplifier(toSimplified);

export const triageConfig: TriageConfig = triageConfigFromData(
  JSON.parse(COMPILED_TRIAGE) as CompiledTriageData,
);

/** Below this confidence a case is routed all the same but flagged for a supervisor (set in triage-compile.ts). */
export const REVIEW_THRESHOLD: number = triageConfig.reviewThreshold;
