// `npm run train:triage`: trains the learned category classifier on the train split of the corpus and writes
// the artefact config/triage-model.json. Deterministic: the same corpus and options give the same file.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { triageConfig } from '#config/triage-config.ts';
import { readAmountDemanded } from '#domain/triage/amount.ts';
import { type ClassifierTables, readSignals, signalFeatures } from '#domain/triage/classify.ts';
import { compileTriageConfig } from '#domain/triage/config.ts';
import { textFeatures } from '#domain/triage/features.ts';
import { featureVector, softmax, type TriageModel } from '#domain/triage/learned.ts';
import { CATEGORIES } from '#domain/triage/model.ts';
import { normaliseText } from '#domain/triage/normalise.ts';
import { type CorpusEntry, loadCorpusSets } from '../bench/triage-evaluate.ts';

const { values: options } = parseArgs({
  options: {
    out: { type: 'string', default: 'config/triage-model.json' },
    seed: { type: 'string', default: '20240611' },
    epochs: { type: 'string', default: '40' },
    l2: { type: 'string', default: '0.0005' },
    rate: { type: 'string', default: '0.5' },
    features: { type: 'string', default: '3500' },
    'min-count': { type: 'string', default: '2' },
  },
});
const seed = Number(options.seed);
const epochs = Number(options.epochs);
const l2 = Number(options.l2);
const rate = Number(options.rate);
const keep = Number(options.features);
const minCount = Number(options['min-count']);
const SCALE = 100;
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

// The lexicon's readings come from the shipped lexicon alone: the model being replaced plays no part.
const lexiconOnly: ClassifierTables = compileTriageConfig(
  triageConfig.directory,
  triageConfig.lexicon,
).classifier;

function exampleOf(entry: CorpusEntry): Example {
  const text = normaliseText(entry.description);
  const amount =
    entry.amountDemanded === null || entry.amountDemanded === undefined
      ? null
      : readAmountDemanded(entry.amountDemanded, normaliseText);
  const vector = featureVector(textFeatures(text), signalFeatures(readSignals(text, lexiconOnly), amount));
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
function train(data: readonly Sparse[], size: number): { weights: Float64Array; bias: Float64Array } {
  const random = generator(seed);
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

/** Softmax ignores a constant added to one feature's weights, so each row is centred before pruning. */
function centred(weights: Float64Array, f: number): number[] {
  const row = Array.from(weights.subarray(f * WIDTH, f * WIDTH + WIDTH));
  const mean = row.reduce((a, b) => a + b, 0) / WIDTH;
  return row.map((w) => w - mean);
}

const sets = loadCorpusSets();
const examples = sets.train.map(exampleOf);
const counts = new Map<string, number>();
for (const example of examples) {
  for (const name of example.names) counts.set(name, (counts.get(name) ?? 0) + 1);
}
const vocabulary = [...counts.entries()]
  .filter(([name, count]) => count >= minCount || name.startsWith('#'))
  .map(([name]) => name)
  .sort();
const first = train(sparse(examples, new Map(vocabulary.map((name, i) => [name, i]))), vocabulary.length);

// Keep the features that matter most, then fit again on them alone, so pruning costs little accuracy.
const strength = vocabulary.map((name, f) => ({
  name,
  strength: Math.max(...centred(first.weights, f).map(Math.abs)),
}));
const kept = strength
  .sort((a, b) => b.strength - a.strength || (a.name < b.name ? -1 : 1))
  .slice(0, keep)
  .map(({ name }) => name)
  .sort();
const final = train(sparse(examples, new Map(kept.map((name, i) => [name, i]))), kept.length);

const rounded = kept.map((_, f) => centred(final.weights, f).map((w) => Math.round(w * SCALE)));
const bias = Array.from(final.bias, (b) => Math.round(b * SCALE));
const body = { classes: [...CATEGORIES], scale: SCALE, bias, features: kept, weights: rounded.flat() };
const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 10);
const model: TriageModel = {
  version: `triage-model-1-${digest}`,
  ...body,
  trainedOn: {
    complaints: sets.train.length,
    seed,
    epochs,
    l2,
    rate,
    features: kept.length,
    vocabulary: vocabulary.length,
  },
};
const json = JSON.stringify(model);
writeFileSync(options.out, `${json}\n`);
console.log(
  `trained ${model.version} on ${sets.train.length} complaints: ${kept.length} of ${vocabulary.length} features, ${(json.length / 1024).toFixed(0)} KB → ${options.out}`,
);
