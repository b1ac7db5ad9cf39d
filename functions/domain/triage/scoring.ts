// The learned category classifier at work: a model of learned.ts compiled into a row map, and a complaint's
// features scored against it in a few microseconds.
import type { Category } from './model.ts';

/** The artefact's fields that scoring needs (learned.ts validates the whole artefact). */
export interface ModelWeights {
  readonly version: string;
  readonly classes: readonly Category[];
  readonly scale: number;
  readonly bias: readonly number[];
  readonly features: string;
  /** Integers, `classes.length` per feature: a list in the artefact, 16-bit integers in the compiled data. */
  readonly weights: ArrayLike<number>;
}

export const FEATURE_SEPARATOR = '\t';

export function featureNames(model: Pick<ModelWeights, 'features'>): string[] {
  return model.features === '' ? [] : model.features.split(FEATURE_SEPARATOR);
}

export interface CompiledModel {
  readonly version: string;
  readonly classes: readonly Category[];
  /** Weights stay the artefact's integers (`classes.length` per feature); logits are divided once by this. */
  readonly scale: number;
  readonly bias: readonly number[];
  readonly weights: ArrayLike<number>;
  /** Feature → the offset of its row in `weights`. */
  readonly rows: ReadonlyMap<string, number>;
}

/** Cheap on purpose: a cold start pays only for the map from feature to row, never for copying weights. */
export function compileModel(model: ModelWeights): CompiledModel {
  const width = model.classes.length;
  const rows = new Map<string, number>();
  const names = featureNames(model);
  for (let i = 0; i < names.length; i += 1) rows.set(names[i] ?? '', i * width);
  return {
    version: model.version,
    classes: model.classes,
    scale: model.scale,
    bias: model.bias,
    weights: model.weights,
    rows,
  };
}

/** A feature with its value: n-grams share one unit of weight per complaint, signals count 1 each. */
export interface FeatureVector {
  readonly names: readonly string[];
  readonly values: readonly number[];
}

export function featureVector(ngrams: readonly string[], signals: readonly string[]): FeatureVector {
  // Long stories would otherwise out-vote short complaints by the sheer number of their n-grams.
  const ngramValue = ngrams.length === 0 ? 0 : 1 / Math.sqrt(ngrams.length);
  return {
    names: [...ngrams, ...signals],
    values: [...ngrams.map(() => ngramValue), ...signals.map(() => 1)],
  };
}

export interface Prediction {
  readonly probabilities: Readonly<Record<Category, number>>;
  readonly best: Category;
  /** The features that pushed most towards `best`, strongest first. */
  readonly strongest: (category: Category, count: number) => string[];
}

export function softmax(logits: Float64Array): Float64Array {
  const max = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

export function predict(model: CompiledModel, vector: FeatureVector): Prediction {
  const width = model.classes.length;
  const { weights } = model;
  const sums = new Float64Array(width);
  const present: { row: number; name: string; value: number }[] = [];
  for (const [i, name] of vector.names.entries()) {
    const row = model.rows.get(name);
    if (row === undefined) continue;
    const value = vector.values[i] ?? 0;
    present.push({ row, name, value });
    for (let c = 0; c < width; c += 1) sums[c] = (sums[c] ?? 0) + value * (weights[row + c] ?? 0);
  }
  const logits = sums.map((sum, c) => (sum + (model.bias[c] ?? 0)) / model.scale);
  const probabilities = softmax(logits);
  let bestIndex = 0;
  for (let c = 1; c < width; c += 1) {
    if ((probabilities[c] ?? 0) > (probabilities[bestIndex] ?? 0)) bestIndex = c;
  }
  const byCategory = Object.fromEntries(
    model.classes.map((category, c) => [category, probabilities[c] ?? 0]),
  ) as Record<Category, number>;
  return {
    probabilities: byCategory,
    best: model.classes[bestIndex] ?? 'other',
    strongest: (category, count) => {
      const c = model.classes.indexOf(category);
      // A feature's pull towards a class is its weight there beyond its average over all classes.
      return present
        .map(({ row, name, value }) => {
          let sum = 0;
          for (let k = 0; k < width; k += 1) sum += weights[row + k] ?? 0;
          return { name, pull: (value * ((weights[row + c] ?? 0) - sum / width)) / model.scale };
        })
        .filter((feature) => feature.pull > 0)
        .sort((a, b) => b.pull - a.pull || (a.name < b.name ? -1 : 1))
        .slice(0, count)
        .map((feature) => feature.name.trim());
    },
  };
}
