// Leave-one-writer-out cross-validation: for each writer's file, train the model on every other complaint
// of the corpus and score triage on that writer alone. A writer's voice never leaks into the model that
// reads it, which the id-hash dev split cannot promise; this is the figure changes are chosen by.
import directoryJson from '#config/directory.json' with { type: 'json' };
import lexiconJson from '#config/lexicon.json' with { type: 'json' };
import { loadTriageConfig, type TriageOptions } from '#domain/triage/config.ts';
import {
  type CorpusEntry,
  type Evaluation,
  evaluateCorpus,
  FIELDS,
  type Field,
  type Miss,
  pooledReview,
  type ReviewCounts,
} from './triage-evaluate.ts';
import { DEFAULT_TRAINING, type TrainingOptions, trainModel } from './triage-train.ts';

export interface WriterFold {
  /** The writer's file name without `.jsonl` (`writer-3`). */
  readonly writer: string;
  readonly evaluation: Evaluation;
}

export interface CrossValidation {
  readonly folds: readonly WriterFold[];
  /** All folds' complaints counted together. */
  readonly pooled: {
    readonly total: number;
    readonly accuracy: Readonly<Record<Field, number>>;
    readonly implicated: number;
    readonly misses: readonly (Miss & { readonly writer: string })[];
    readonly review: ReviewCounts;
  };
}

/**
 * `always` (the original corpus and the first small held-out set, written with the lexicon) always trains;
 * each entry of `writers` is left out in turn. The same corpus and options always give the same figures.
 */
export function crossValidateByWriter(
  writers: ReadonlyMap<string, readonly CorpusEntry[]>,
  always: readonly CorpusEntry[],
  training: TrainingOptions = DEFAULT_TRAINING,
  options: TriageOptions = {},
): CrossValidation {
  const folds: WriterFold[] = [];
  for (const [writer, held] of writers) {
    const rest = [...writers].filter(([name]) => name !== writer).flatMap(([, entries]) => entries);
    const model = trainModel([...always, ...rest], training);
    const config = loadTriageConfig(directoryJson, lexiconJson, model, options);
    folds.push({ writer, evaluation: evaluateCorpus(held, config) });
  }
  const total = folds.reduce((sum, fold) => sum + fold.evaluation.total, 0);
  const accuracy = Object.fromEntries(
    FIELDS.map((field) => [
      field,
      total === 0 ? 0 : folds.reduce((sum, fold) => sum + fold.evaluation.correct[field], 0) / total,
    ]),
  ) as Record<Field, number>;
  return {
    folds,
    pooled: {
      total,
      accuracy,
      implicated: folds.reduce((sum, fold) => sum + fold.evaluation.implicatedAssignments.length, 0),
      misses: folds.flatMap((fold) =>
        fold.evaluation.misses.map((miss) => ({ ...miss, writer: fold.writer })),
      ),
      review: pooledReview(folds.map((fold) => fold.evaluation.review)),
    },
  };
}
