// `npm run bench:replay`: the spent held-out sets replayed as they met triage when they were new. Each set is
// triaged with the lexicon and directory of its own freeze (read from git), a model trained on every other writer,
// and today's code and review flags. Cross-validation cannot show how the flags meet a new writer, because the
// hand-kept lexicon has seen every writer it scores; here the misses are again confident readings of words the
// lexicon then lacked. docs/triage.md, "Figures of this round" (round 10).
import { execFileSync } from 'node:child_process';
import { PROJECT_ROOT } from '#catalog';
import lexiconJson from '#config/lexicon.json' with { type: 'json' };
import { loadTriageConfig } from '#domain/triage/config.ts';
import { evaluateCorpus, loadCorpusSets, pooledReview } from './triage-evaluate.ts';
import { DEFAULT_TRAINING, trainModel } from './triage-train.ts';

/** Each spent held-out set (its writer file) and the commit that froze the model it was written against. */
export const SPENT_SETS: readonly (readonly [writer: string, freeze: string])[] = [
  ['writer-h8', 'df6f976'],
  ['writer-h9', '1b1591b'],
  ['writer-h10', '9b38012'],
  ['writer-h11', '4592850'],
  ['writer-h12', '051f8a8'],
  ['writer-h13', 'c5632dc'],
  ['writer-h14', '3949420'],
  ['writer-h15', '98f9bbd'],
];

function atCommit(commit: string, path: string): unknown {
  try {
    return JSON.parse(
      execFileSync('git', ['show', `${commit}:${path}`], { cwd: PROJECT_ROOT, encoding: 'utf8' }),
    );
  } catch (error) {
    throw new Error(
      `cannot read ${path} at ${commit} (a full clone is needed, not a shallow one): ${String(error)}`,
    );
  }
}

const percent = (part: number, whole: number) =>
  `${whole === 0 ? '0.0' : ((part / whole) * 100).toFixed(1)}%`;
const { writers, always } = loadCorpusSets();
const reviews = [];
console.log('== spent held-out sets, each with the lexicon and directory of its freeze and today’s code');
console.log('  set          freeze     n  category  severity    bodyId  flagged  misses flagged  implicated');
for (const [writer, freeze] of SPENT_SETS) {
  const held = writers.get(writer);
  if (held === undefined) throw new Error(`no test/fixtures/triage/${writer}.jsonl`);
  const rest = [...writers].filter(([name]) => name !== writer).flatMap(([, entries]) => entries);
  const model = trainModel([...always, ...rest], DEFAULT_TRAINING);
  const lexicon = atCommit(freeze, 'config/lexicon.json') as typeof lexiconJson;
  // The service-withheld words are the review flag's own design (round 10), not words the lexicon read with: a
  // freeze before them keeps today's, so the flag is the one shipped.
  const withLists = {
    ...lexicon,
    severity: { ...lexicon.severity, withheld: lexiconJson.severity.withheld },
  };
  const config = loadTriageConfig(atCommit(freeze, 'config/directory.json'), withLists, model);
  const evaluation = evaluateCorpus(held, config);
  const { review, correct, total } = evaluation;
  reviews.push(review);
  console.log(
    `  ${writer.padEnd(11)} ${freeze}  ${String(total).padStart(4)}  ${percent(correct.category, total).padStart(8)}` +
      `  ${percent(correct.severity, total).padStart(8)}  ${percent(correct.bodyId, total).padStart(8)}` +
      `  ${percent(review.flagged, review.total).padStart(7)}  ${`${percent(review.flaggedWrong.any, review.wrong.any)} (${review.flaggedWrong.any}/${review.wrong.any})`.padStart(14)}` +
      `  ${String(evaluation.implicatedAssignments.length).padStart(10)}`,
  );
}
const pooled = pooledReview(reviews);
console.log(
  `  pooled: ${pooled.flagged}/${pooled.total} flagged (${percent(pooled.flagged, pooled.total)}); misses flagged ` +
    `${pooled.flaggedWrong.any}/${pooled.wrong.any} (${percent(pooled.flaggedWrong.any, pooled.wrong.any)})`,
);
