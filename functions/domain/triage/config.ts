// Binds a directory, a lexicon and (optionally) a learned model into a ready triage configuration:
// validated with zod, then compiled once so each complaint only pays for matching and scoring.
import {
  type ClassifierTables,
  type CombinationRule,
  compileClassifier,
  DEFAULT_COMBINATION,
} from './classify.ts';
import { type Directory, DirectorySchema } from './directory.ts';
import { type CompiledModel, compileModel, type TriageModel, TriageModelSchema } from './learned.ts';
import { type Lexicon, LexiconSchema } from './lexicon.ts';
import { compileRoutingTable, type RoutingTable } from './routing-table.ts';

export interface TriageOptions {
  /** Below this confidence a case is still routed, but flagged `needsReview`. */
  readonly reviewThreshold?: number;
  readonly combination?: CombinationRule;
}

export const DEFAULT_REVIEW_THRESHOLD = 0.6;

export interface TriageConfig {
  readonly directory: Directory;
  readonly lexicon: Lexicon;
  readonly classifier: ClassifierTables;
  readonly routing: RoutingTable;
  /** Absent: the lexicon decides alone, as before the model existed. */
  readonly model?: CompiledModel;
  readonly reviewThreshold: number;
  readonly combination: CombinationRule;
}

export function compileTriageConfig(
  directory: Directory,
  lexicon: Lexicon,
  model?: TriageModel,
  options: TriageOptions = {},
): TriageConfig {
  return {
    directory,
    lexicon,
    classifier: compileClassifier(lexicon),
    routing: compileRoutingTable(directory),
    ...(model === undefined ? {} : { model: compileModel(model) }),
    reviewThreshold: options.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD,
    combination: options.combination ?? DEFAULT_COMBINATION,
  };
}

/** Parses raw JSON (throws a ZodError that names the bad field) and compiles it. */
export function loadTriageConfig(
  directory: unknown,
  lexicon: unknown,
  model?: unknown,
  options: TriageOptions = {},
): TriageConfig {
  return compileTriageConfig(
    DirectorySchema.parse(directory),
    LexiconSchema.parse(lexicon),
    model === undefined ? undefined : TriageModelSchema.parse(model),
    options,
  );
}
