// `npm run train:triage`: trains the learned category classifier on the train split of the corpus and writes
// the artefact config/triage-model.json. Deterministic: the same corpus and options give the same file.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadCorpusSets } from '../bench/triage-evaluate.ts';
import { DEFAULT_TRAINING, trainModel } from '../bench/triage-train.ts';

const d = DEFAULT_TRAINING;
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'config/triage-model.json' },
    seed: { type: 'string', default: String(d.seed) },
    runs: { type: 'string', default: String(d.runs) },
    epochs: { type: 'string', default: String(d.epochs) },
    l2: { type: 'string', default: String(d.l2) },
    rate: { type: 'string', default: String(d.rate) },
    features: { type: 'string', default: String(d.features) },
    'min-count': { type: 'string', default: String(d.minCount) },
    scale: { type: 'string', default: String(d.scale) },
  },
});
const { train } = loadCorpusSets();
const model = trainModel(train, {
  seed: Number(values.seed),
  runs: Number(values.runs),
  epochs: Number(values.epochs),
  l2: Number(values.l2),
  rate: Number(values.rate),
  features: Number(values.features),
  minCount: Number(values['min-count']),
  scale: Number(values.scale),
});
const json = JSON.stringify(model);
writeFileSync(values.out, `${json}\n`);
console.log(
  `trained ${model.version} on ${train.length} complaints: ${model.trainedOn?.features} features, ${(json.length / 1024).toFixed(0)} KB → ${values.out}`,
);
