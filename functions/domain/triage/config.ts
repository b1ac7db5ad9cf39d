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
import { DEFAULT_REVIEW_RULE, type ReviewRule } from './review.ts';
import { compileRoutingTable, type RoutingTable } from './routing-table.ts';

export interface TriageOptions {
  readonly combination?: CombinationRule;
  /** The office's offset from UTC in minutes, to read the day a complaint was received (China: +480). */
  readonly utcOffsetMinutes?: number;
  /** When a case is routed all the same but flagged `needsReview` (review.ts). */
  readonly review?: ReviewRule;
}

/** China Standard Time, which keeps no summer time. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

export interface TriageConfig {
  readonly directory: Directory;
  readonly lexicon: Lexicon;
  readonly classifier: ClassifierTables;
  readonly routing: RoutingTable;
  /** Absent: the lexicon decides alone, as before the model existed. */
  readonly model?: CompiledModel;
  readonly combination: CombinationRule;
  readonly utcOffsetMinutes: number;
  readonly review: ReviewRule;
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
    combination: options.combination ?? DEFAULT_COMBINATION,
    utcOffsetMinutes: options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
    review: options.review ?? DEFAULT_REVIEW_RULE,
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
