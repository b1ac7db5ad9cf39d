// `npm run bench:triage`: triage each labelled set (train, dev, held-out) and print accuracy per field,
// per-category precision and recall, the confusion matrix, assignments to an implicated body (goal: none),
// how many cases were flagged for review, and the time per complaint once warm. `--cv` instead trains one
// model per writer left out and prints the leave-one-writer-out figures changes are chosen by.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { triageConfig } from '#config/triage-config.ts';
import { CATEGORIES } from '#domain/triage/model.ts';
import { triage } from '#domain/triage/triage.ts';
import { crossValidateByWriter } from './triage-cv.ts';
import {
  type CorpusEntry,
  type Evaluation,
  evaluateCorpus,
  FIELDS,
  HELD_OUT_FILE,
  loadCorpusSets,
  parseCorpus,
} from './triage-evaluate.ts';

/** On complaints triage never learnt from (dev, held-out). */
const GOALS = { category: 0.9, severity: 0.85, unitId: 0.95, bodyId: 0.95 } as const;

const { values } = parseArgs({
  options: {
    // Measure another file instead of the shipped sets.
    corpus: { type: 'string' },
    misses: { type: 'boolean' },
    // Leave-one-writer-out cross-validation (trains a model per writer: about half a minute).
    cv: { type: 'boolean' },
  },
});

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

function report(name: string, evaluation: Evaluation, goals: boolean): boolean {
  console.log(`\n== ${name}: ${evaluation.total} complaints`);
  let met = true;
  for (const field of FIELDS) {
    const goal = GOALS[field];
    if (goals && evaluation.accuracy[field] < goal) met = false;
    const shown = goals ? ` (goal ≥ ${percent(goal)})` : '';
    console.log(
      `  ${field.padEnd(9)} ${percent(evaluation.accuracy[field]).padStart(6)}  ${evaluation.correct[field]}/${evaluation.total}${shown}`,
    );
  }
  console.log('\n  category       precision  recall');
  for (const category of CATEGORIES) {
    console.log(
      `  ${category.padEnd(13)} ${percent(evaluation.precision[category]).padStart(10)} ${percent(evaluation.recall[category]).padStart(7)}`,
    );
  }
  console.log('\n  confusion (rows: expected, columns: triage)');
  const width = 13;
  console.log(`  ${''.padEnd(width)}${CATEGORIES.map((category) => category.padStart(width)).join('')}`);
  for (const expected of CATEGORIES) {
    const row = CATEGORIES.map((actual) =>
      String(evaluation.confusion[expected][actual]).padStart(width),
    ).join('');
    console.log(`  ${expected.padEnd(width)}${row}`);
  }
  const { review } = evaluation;
  console.log(
    `\n  flagged needsReview: ${review.flagged} (${review.flaggedWrong} of them with a field wrong; ${review.wrong} complaints had a field wrong)`,
  );
  console.log(`  assignments to an implicated body: ${evaluation.implicatedAssignments.length} (goal 0)`);
  for (const id of evaluation.implicatedAssignments) console.log(`    ${id}`);
  const errors = evaluation.misses.filter((miss) => miss.field === 'error');
  if (errors.length > 0) console.log(`  triage errors: ${errors.length}`);
  if (values.misses || errors.length > 0) {
    for (const miss of evaluation.misses) {
      console.log(
        `    ${miss.id.padEnd(14)} ${miss.field.padEnd(9)} expected ${miss.expected} got ${miss.actual}`,
      );
    }
  }
  return met && evaluation.implicatedAssignments.length === 0;
}

function crossValidate(): boolean {
  const { writers, always } = loadCorpusSets();
  const started = performance.now();
  const cv = crossValidateByWriter(writers, always);
  console.log(`leave-one-writer-out: ${cv.folds.length} folds, each trained on all other complaints`);
  const header = `  ${'writer'.padEnd(11)}${'n'.padStart(5)}${FIELDS.map((f) => f.padStart(10)).join('')}  implicated  errors`;
  console.log(header);
  // Errors: complaints triage refused (a conflict of interest up to the top body), left to be routed by hand.
  const errorsOf = (misses: readonly { field: string }[]) => misses.filter((m) => m.field === 'error').length;
  const row = (
    name: string,
    total: number,
    accuracy: Record<string, number>,
    implicated: number,
    errors: number,
  ) =>
    console.log(
      `  ${name.padEnd(11)}${String(total).padStart(5)}${FIELDS.map((f) => percent(accuracy[f] ?? 0).padStart(10)).join('')}  ${String(implicated).padStart(10)}  ${String(errors).padStart(6)}`,
    );
  for (const { writer, evaluation } of cv.folds) {
    row(
      writer,
      evaluation.total,
      evaluation.accuracy,
      evaluation.implicatedAssignments.length,
      errorsOf(evaluation.misses),
    );
  }
  row('pooled', cv.pooled.total, cv.pooled.accuracy, cv.pooled.implicated, errorsOf(cv.pooled.misses));
  if (values.misses) {
    for (const miss of cv.pooled.misses) {
      console.log(
        `    ${miss.writer.padEnd(10)} ${miss.id.padEnd(14)} ${miss.field.padEnd(9)} expected ${miss.expected} got ${miss.actual}`,
      );
    }
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return cv.pooled.implicated === 0 && cv.pooled.misses.every((miss) => miss.field !== 'error');
}

if (values.cv) {
  if (!crossValidate()) process.exitCode = 1;
} else {
  measureSets();
}

function measureSets(): void {
  const sets: [string, CorpusEntry[], boolean][] = values.corpus
    ? [[values.corpus, parseCorpus(readFileSync(values.corpus, 'utf8')), true]]
    : (() => {
        const { train, dev, heldOut } = loadCorpusSets();
        return [
          ['train (the model learnt from these)', train, false],
          ['dev (never trained on)', dev, true],
          ['held-out (written after the model was frozen)', heldOut, true],
        ];
      })();

  console.log(`triage model ${triageConfig.model?.version ?? '(none: lexicon only)'}`);
  let ok = true;
  for (const [name, entries, goals] of sets) {
    if (entries.length === 0) {
      const why = name.startsWith('held-out')
        ? `not written yet (test/fixtures/${HELD_OUT_FILE} appears once its writer has written it, after the model is frozen)`
        : 'none yet';
      console.log(`\n== ${name}: ${why}`);
      continue;
    }
    const evaluation = evaluateCorpus(entries, triageConfig);
    if (!report(name, evaluation, goals)) ok = false;
  }

  // Latency as a Lambda sees it once warm: the config is compiled and the converter built by now.
  const all = sets.flatMap(([, entries]) => entries);
  for (const entry of all.slice(0, 50)) triage(entry, triageConfig);
  const rounds = 5;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) for (const entry of all) triage(entry, triageConfig);
  const perComplaint = (performance.now() - started) / (rounds * all.length);
  console.log(
    `\nlatency: ${(perComplaint * 1000).toFixed(0)} µs per complaint (${rounds} rounds over ${all.length}, warm; goal ≤ 1000 µs)`,
  );
  if (!ok || perComplaint > 1) process.exitCode = 1;
}
