// Training of the learned category classifier: features as triage sees them, a multinomial logistic
// regression fitted by AdaGrad over seeded shuffles, pruned to the strongest features and refitted.
import { createHash } from 'node:crypto';
import { ConverterFactory } from 'opencc-js/core';
import fromHongKong from 'opencc-js/from/hk';
import fromTaiwan from 'opencc-js/from/tw';
import toMainland from 'opencc-js/to/cn';
import directoryJson from '#config/directory.json' with { type: 'json' };
import lexiconJson from '#config/lexicon.json' with { type: 'json' };
import { type ClassifierTables, readSignals, signalFeatures } from '#domain/triage/classify.ts';
import { loadTriageConfig } from '#domain/triage/config.ts';
import { localDayOf } from '#domain/triage/dates.ts';
import { readAmountField } from '#domain/triage/demand.ts';
import { textFeatures } from '#domain/triage/features.ts';
import { FEATURE_SEPARATOR, featureVector, softmax, type TriageModel } from '#domain/triage/learned.ts';
import { CATEGORIES } from '#domain/triage/model.ts';
import { normaliseText, normaliseWithPauses, useSimplifier } from '#domain/triage/normalise.ts';
import { findSubjectUnit, subjectFeatures } from '#domain/triage/subject.ts';
import type { CorpusEntry } from './triage-evaluate.ts';

export interface TrainingOptions {
  readonly seed: number;
  readonly runs: number;
  readonly epochs: number;
  readonly l2: number;
  readonly rate: number;
  /** How many features the artefact keeps. */
  readonly features: number;
  /** An n-gram must occur in at least this many complaints to be learnt. */
  readonly minCount: number;
  /** Weights are stored as integers, the real weight times this: a coarser grain keeps the artefact small. */
  readonly scale: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  seed: 20240611,
  runs: 5,
  // Chosen by leave-one-writer-out cross-validation (`npm run bench:triage -- --cv`): a model stopped early,
  // on n-grams that at least three complaints share, generalises to a new writer better than one fitted
  // longer (40 epochs) or more strongly regularised.
  epochs: 5,
  l2: 0.00003,
  rate: 0.5,
  // Round 6, 20 folds over 3,610 complaints (category / severity): 4,500 features 93.0 / 92.5, 8,000 93.5 / 93.2,
  // 12,000 94.0 / 93.5, 20,000 94.3 / 93.8, 24,000 and more 94.2 / 93.7 (the n-grams in three complaints run out).
  // A new writer's words are mostly the long tail a small cut drops. The cost is the artefact (~600 KB) and
  // loading it at a cold start (docs/triage.md, "The learned model").
  features: 20_000,
  minCount: 3,
  // Steps of 1/20 change no decision the cross-validation could see, and keep the artefact small.
  scale: 20,
};

const WIDTH = CATEGORIES.length;

/** mulberry32: a small seeded generator, so the shuffles (and so the model) are reproducible. */
function generator(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Example {
  readonly names: readonly string[];
  readonly values: readonly number[];
  readonly label: number;
}

// Training must not depend on the artefact it replaces, so it wires the converter in as
// config/triage-config.ts does and reads the lexicon and directory without the model.
useSimplifier(ConverterFactory(fromTaiwan, fromHongKong, toMainland));
const withoutModel = loadTriageConfig(directoryJson, lexiconJson);
const lexiconOnly: ClassifierTables = withoutModel.classifier;

export function exampleOf(entry: CorpusEntry): Example {
  const { text, pauses } = normaliseWithPauses(entry.description);
  const field =
    entry.amountDemanded === null || entry.amountDemanded === undefined
      ? null
      : readAmountField(entry.amountDemanded, normaliseText, lexiconOnly.demand);
  const receivedOn = entry.receivedAt ? localDayOf(entry.receivedAt, withoutModel.utcOffsetMinutes) : null;
  const subject = findSubjectUnit(entry.subjectUnit, text, withoutModel.routing);
  const vector = featureVector(textFeatures(text), [
    ...signalFeatures(readSignals(text, lexiconOnly, { field, receivedOn, pauses }), field),
    ...subjectFeatures(subject, withoutModel.routing),
  ]);
  return { ...vector, label: CATEGORIES.indexOf(entry.expected.category) };
}

interface Sparse {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly label: number;
}

function sparse(examples: readonly Example[], index: ReadonlyMap<string, number>): Sparse[] {
  return examples.map((example) => {
    const pairs = example.names.flatMap((name, i) => {
      const at = index.get(name);
      return at === undefined ? [] : [[at, example.values[i] ?? 0] as const];
    });
    return {
      indices: Int32Array.from(pairs, ([at]) => at),
      values: Float64Array.from(pairs, ([, value]) => value),
      label: example.label,
    };
  });
}

/** Multinomial logistic regression by AdaGrad with L2, over shuffled single examples. */
function trainOnce(
  options: TrainingOptions,
  data: readonly Sparse[],
  size: number,
  runSeed: number,
): { weights: Float64Array; bias: Float64Array } {
  const { epochs, l2, rate } = options;
  const random = generator(runSeed);
  const weights = new Float64Array(size * WIDTH);
  const squares = new Float64Array(size * WIDTH).fill(1e-8);
  const bias = new Float64Array(WIDTH);
  const biasSquares = new Float64Array(WIDTH).fill(1e-8);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const k of order) {
      const example = data[k];
      if (example === undefined) continue;
      const logits = Float64Array.from(bias);
      for (let f = 0; f < example.indices.length; f += 1) {
        const base = (example.indices[f] ?? 0) * WIDTH;
        const value = example.values[f] ?? 0;
        for (let c = 0; c < WIDTH; c += 1) logits[c] = (logits[c] ?? 0) + value * (weights[base + c] ?? 0);
      }
      const p = softmax(logits);
      for (let c = 0; c < WIDTH; c += 1) {
        const error = (p[c] ?? 0) - (c === example.label ? 1 : 0);
        biasSquares[c] = (biasSquares[c] ?? 0) + error * error;
        bias[c] = (bias[c] ?? 0) - (rate * error) / Math.sqrt(biasSquares[c] ?? 1);
        for (let f = 0; f < example.indices.length; f += 1) {
          const at = (example.indices[f] ?? 0) * WIDTH + c;
          const gradient = error * (example.values[f] ?? 0) + l2 * (weights[at] ?? 0);
          squares[at] = (squares[at] ?? 0) + gradient * gradient;
          weights[at] = (weights[at] ?? 0) - (rate * gradient) / Math.sqrt(squares[at] ?? 1);
        }
      }
    }
  }
  return { weights, bias };
}

/**
 * The average of several runs, each shuffled by its own seed (seed, seed + 1, …): one run's result
 * depends on the order it met the examples more than a small corpus can afford.
 */
function train(
  options: TrainingOptions,
  data: readonly Sparse[],
  size: number,
): { weights: Float64Array; bias: Float64Array } {
  const { runs, seed } = options;
  const weights = new Float64Array(size * WIDTH);
  const bias = new Float64Array(WIDTH);
  for (let run = 0; run < runs; run += 1) {
    const one = trainOnce(options, data, size, seed + run);
    for (let i = 0; i < weights.length; i += 1) weights[i] = (weights[i] ?? 0) + (one.weights[i] ?? 0) / runs;
    for (let c = 0; c < WIDTH; c += 1) bias[c] = (bias[c] ?? 0) + (one.bias[c] ?? 0) / runs;
  }
  return { weights, bias };
}

/** Softmax ignores a constant added to one feature's weights, so each row is centred before pruning. */
function centred(weights: Float64Array, f: number): number[] {
  const row = Array.from(weights.subarray(f * WIDTH, f * WIDTH + WIDTH));
  const mean = row.reduce((a, b) => a + b, 0) / WIDTH;
  return row.map((w) => w - mean);
}

/** Trains on labelled complaints; the same complaints and options always give the same artefact. */
export function trainModel(
  entries: readonly CorpusEntry[],
  options: TrainingOptions = DEFAULT_TRAINING,
): TriageModel {
  const examples = entries.map(exampleOf);
  const counts = new Map<string, number>();
  for (const example of examples) {
    for (const name of example.names) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const vocabulary = [...counts.entries()]
    .filter(([name, count]) => count >= options.minCount || name.startsWith('#'))
    .map(([name]) => name)
    .sort();
  const first = train(
    options,
    sparse(examples, new Map(vocabulary.map((name, i) => [name, i]))),
    vocabulary.length,
  );

  // Keep the features that matter most, then fit again on them alone, so pruning costs little accuracy.
  const strength = vocabulary.map((name, f) => ({
    name,
    strength: Math.max(...centred(first.weights, f).map(Math.abs)),
  }));
  const kept = strength
    .sort((a, b) => b.strength - a.strength || (a.name < b.name ? -1 : 1))
    .slice(0, options.features)
    .map(({ name }) => name)
    .sort();
  const final = train(options, sparse(examples, new Map(kept.map((name, i) => [name, i]))), kept.length);

  const { scale } = options;
  const rounded = kept.map((_, f) => centred(final.weights, f).map((w) => Math.round(w * scale)));
  const bias = Array.from(final.bias, (b) => Math.round(b * scale));
  const body = {
    classes: [...CATEGORIES],
    scale,
    bias,
    features: kept.join(FEATURE_SEPARATOR),
    weights: rounded.flat(),
  };
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 10);
  const model: TriageModel = {
    version: `triage-model-1-${digest}`,
    ...body,
    trainedOn: {
      complaints: entries.length,
      ...options,
      features: kept.length,
      vocabulary: vocabulary.length,
    },
  };
  return model;
}
