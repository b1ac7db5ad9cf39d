// `npm run bench:triage`: how triage does on complaints it never learnt from. In turn: leave-one-writer-out
// cross-validation (a model per writer, trained on everyone else), the held-out set(s) (written after the model was
// frozen), the train and dev splits, and for each the accuracy per field, the review flags (the share of all
// complaints flagged, and the share of wrong categories, severities and bodies that were), assignments to an
// implicated body (goal: none) and, at the end, the time per complaint once warm. docs/triage.md, "Measuring".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '#catalog';
import { triageConfig } from '#config/triage-config.ts';
import { CATEGORIES } from '#domain/triage/model.ts';
import { ConflictOfInterestError } from '#domain/triage/route.ts';
import { triage } from '#domain/triage/triage.ts';
import { crossValidateByWriter } from './triage-cv.ts';
import {
  type CorpusEntry,
  type Evaluation,
  evaluateCorpus,
  FIELDS,
  HELD_OUT_FILE,
  HELD_OUT_FROZEN_MODEL,
  HELD_OUT_SCORED_ONCE,
  loadCorpusSets,
  parseCorpus,
  REVIEWED,
  type ReviewCounts,
} from './triage-evaluate.ts';

/** The goals on complaints never seen (issue 21): accuracy per field, and the review flags. */
const GOALS = { category: 0.95, severity: 0.92, unitId: 0.95, bodyId: 0.97 } as const;
const REVIEW_GOALS = { missesFlagged: 0.6, flagged: 0.15 } as const;

const USAGE = `usage: npm run bench:triage -- [--no-cv] [--misses] [--heldout PATH]... [--corpus PATH]

Prints leave-one-writer-out cross-validation (--no-cv skips it: it trains a model per writer), the held-out
set test/fixtures/${HELD_OUT_FILE} when it exists (scored against the goals while the model it was written
against is shipped; with any other model it is spent, and printed as figures after seeing it) and every
--heldout PATH (scored against the goals), then the
train and dev splits, each with its review-flag figures, and the time per complaint once warm. --corpus PATH
measures that file alone. --misses lists every miss. Exit code 1 when a held-out set misses a goal, any set
assigns a case to a body it implicates, or a complaint takes over 1 ms.`;

const { values } = parseArgs({
  options: {
    corpus: { type: 'string' },
    heldout: { type: 'string', multiple: true },
    misses: { type: 'boolean' },
    'no-cv': { type: 'boolean' },
    // Kept for the habit of the last round: cross-validation alone.
    cv: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function reviewLines(review: ReviewCounts, goals: boolean): { lines: string[]; met: boolean } {
  const flagged = share(review.flagged, review.total);
  const caught = share(review.flaggedWrong.any, review.wrong.any);
  const met = flagged <= REVIEW_GOALS.flagged && caught >= REVIEW_GOALS.missesFlagged;
  const goal = goals
    ? ` (goal: ≥ ${percent(REVIEW_GOALS.missesFlagged)} of misses while ≤ ${percent(REVIEW_GOALS.flagged)} flagged: ${met ? 'met' : 'missed'})`
    : '';
  const per = REVIEWED.filter((field) => field !== 'any')
    .map(
      (field) =>
        `${field} ${review.flaggedWrong[field]}/${review.wrong[field]} (${percent(share(review.flaggedWrong[field], review.wrong[field]))})`,
    )
    .join(', ');
  return {
    lines: [
      `  review flags: ${review.flagged}/${review.total} flagged (${percent(flagged)}); misses flagged ${review.flaggedWrong.any}/${review.wrong.any} (${percent(caught)})${goal}`,
      `    wrong and flagged, by field: ${per}`,
    ],
    met,
  };
}

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
  const review = reviewLines(evaluation.review, goals);
  console.log(`\n${review.lines.join('\n')}`);
  if (goals && !review.met) met = false;
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
  console.log(`== leave-one-writer-out: ${cv.folds.length} folds, each trained on all other complaints`);
  const header = `  ${'writer'.padEnd(11)}${'n'.padStart(5)}${FIELDS.map((f) => f.padStart(10)).join('')}  implicated  errors  flagged  misses flagged`;
  console.log(header);
  // Errors: complaints triage refused (a conflict of interest up to the top body), left to be routed by hand.
  const errorsOf = (misses: readonly { field: string }[]) => misses.filter((m) => m.field === 'error').length;
  const row = (
    name: string,
    total: number,
    accuracy: Record<string, number>,
    implicated: number,
    errors: number,
    review: ReviewCounts,
  ) =>
    console.log(
      `  ${name.padEnd(11)}${String(total).padStart(5)}${FIELDS.map((f) => percent(accuracy[f] ?? 0).padStart(10)).join('')}  ${String(implicated).padStart(10)}  ${String(errors).padStart(6)}  ${percent(share(review.flagged, review.total)).padStart(7)}  ${percent(share(review.flaggedWrong.any, review.wrong.any)).padStart(14)}`,
    );
  for (const { writer, evaluation } of cv.folds) {
    row(
      writer,
      evaluation.total,
      evaluation.accuracy,
      evaluation.implicatedAssignments.length,
      errorsOf(evaluation.misses),
      evaluation.review,
    );
  }
  const { pooled } = cv;
  row('pooled', pooled.total, pooled.accuracy, pooled.implicated, errorsOf(pooled.misses), pooled.review);
  console.log(
    `  goals on complaints never seen: ${FIELDS.map((f) => `${f} ≥ ${percent(GOALS[f])}`).join(', ')}`,
  );
  console.log(reviewLines(pooled.review, true).lines.join('\n'));
  if (values.misses) {
    for (const miss of pooled.misses) {
      console.log(
        `    ${miss.writer.padEnd(10)} ${miss.id.padEnd(14)} ${miss.field.padEnd(9)} expected ${miss.expected} got ${miss.actual}`,
      );
    }
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return pooled.implicated === 0 && pooled.misses.every((miss) => miss.field !== 'error');
}

function readSet(path: string): CorpusEntry[] {
  return parseCorpus(readFileSync(path, 'utf8'));
}

function measureSets(): boolean {
  const { train, dev, heldOut } = loadCorpusSets();
  const heldOutPath = join('test/fixtures', HELD_OUT_FILE);
  const sets: [string, CorpusEntry[], boolean][] = [];
  if (values.corpus) sets.push([values.corpus, readSet(values.corpus), true]);
  else {
    if (existsSync(join(PROJECT_ROOT, heldOutPath))) {
      const frozen = triageConfig.model?.version === HELD_OUT_FROZEN_MODEL;
      sets.push(
        frozen
          ? [
              `held-out ${heldOutPath} (written after the model was frozen; ${HELD_OUT_SCORED_ONCE})`,
              heldOut,
              true,
            ]
          : [
              `spent ${heldOutPath}: ${HELD_OUT_SCORED_ONCE.replace('the same model with', "today's model and")}; these are after seeing it, not held-out`,
              heldOut,
              false,
            ],
      );
    }
    for (const path of values.heldout ?? []) sets.push([`held-out ${path}`, readSet(path), true]);
    sets.push(['dev (never trained on, but its writers were)', dev, false]);
    sets.push(['train (the model learnt from these)', train, false]);
  }
  if (!values.corpus && !existsSync(join(PROJECT_ROOT, heldOutPath)) && !values.heldout) {
    console.log(
      `\n== held-out: not written yet (${heldOutPath} appears once its writer has written it, after the model is frozen; or give --heldout PATH)`,
    );
  }
  console.log(`\ntriage model ${triageConfig.model?.version ?? '(none: lexicon only)'}`);
  let ok = true;
  for (const [name, entries, goals] of sets) {
    const evaluation = evaluateCorpus(entries, triageConfig);
    if (!report(name, evaluation, goals)) ok = false;
  }

  // Latency as a Lambda sees it once warm: the config is compiled and the converter built by now.
  const all = sets.flatMap(([, entries]) => entries);
  // A refusal (R-route-5) is an outcome like any other, and takes its time too.
  const timed = (entry: CorpusEntry) => {
    try {
      triage(entry, triageConfig);
    } catch (error) {
      if (!(error instanceof ConflictOfInterestError)) throw error;
    }
  };
  for (const entry of all.slice(0, 50)) timed(entry);
  const rounds = 5;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) for (const entry of all) timed(entry);
  const perComplaint = (performance.now() - started) / (rounds * all.length);
  console.log(
    `\nlatency: ${(perComplaint * 1000).toFixed(0)} µs per complaint (${rounds} rounds over ${all.length}, warm; goal ≤ 1000 µs)`,
  );
  return ok && perComplaint <= 1;
}

if (values.help) {
  console.log(USAGE);
} else {
  let ok = true;
  if (!values['no-cv'] && !values.corpus) ok = crossValidate() && ok;
  if (!values.cv) ok = measureSets() && ok;
  if (!ok) process.exitCode = 1;
}
