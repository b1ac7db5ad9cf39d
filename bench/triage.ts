// `npm run bench:triage`: triage the labelled corpus and print accuracy per field, the category confusion
// matrix, assignments to an implicated body (goal: none) and per-complaint latency.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { triageConfig } from '#config/triage-config.ts';
import { evaluateCorpus, FIELDS, parseCorpus } from '#domain/triage/evaluate.ts';
import { CATEGORIES } from '#domain/triage/model.ts';
import { triage } from '#domain/triage/triage.ts';

const GOALS = { category: 0.95, unitId: 0.98, bodyId: 0.98 } as const;

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'test/fixtures/triage-corpus.jsonl' },
    // Complaints kept out of lexicon work: their accuracy is the honest estimate for unseen complaints.
    holdout: { type: 'string', default: 'test/fixtures/triage-holdout.jsonl' },
    misses: { type: 'boolean' },
  },
});
const entries = parseCorpus(await readFile(values.corpus, 'utf8'));
const evaluation = evaluateCorpus(entries, triageConfig);

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
console.log(`triage corpus: ${evaluation.total} complaints (${values.corpus})\n`);
console.log('accuracy');
for (const field of FIELDS) {
  const goal = field in GOALS ? ` (goal ≥ ${percent(GOALS[field as keyof typeof GOALS])})` : '';
  console.log(
    `  ${field.padEnd(9)} ${percent(evaluation.accuracy[field]).padStart(6)}  ${evaluation.correct[field]}/${evaluation.total}${goal}`,
  );
}

console.log('\ncategory confusion (rows: expected, columns: triage)');
const width = 13;
console.log(`  ${''.padEnd(width)}${CATEGORIES.map((category) => category.padStart(width)).join('')}`);
for (const expected of CATEGORIES) {
  const row = CATEGORIES.map((actual) => String(evaluation.confusion[expected][actual]).padStart(width)).join(
    '',
  );
  console.log(`  ${expected.padEnd(width)}${row}`);
}

console.log(`\nassignments to an implicated body: ${evaluation.implicatedAssignments.length} (goal 0)`);
for (const id of evaluation.implicatedAssignments) console.log(`  ${id}`);

const errors = evaluation.misses.filter((miss) => miss.field === 'error');
if (errors.length > 0) console.log(`\ntriage errors: ${errors.length}`);
if (values.misses || errors.length > 0) {
  console.log('\nmisses');
  for (const miss of evaluation.misses) {
    console.log(
      `  ${miss.id.padEnd(12)} ${miss.field.padEnd(9)} expected ${miss.expected} got ${miss.actual}`,
    );
  }
} else if (evaluation.misses.length > 0) {
  console.log(`\n${evaluation.misses.length} field misses (run with --misses to list them)`);
}

// Latency as a Lambda sees it once warm: the config is compiled and the converter loaded by now.
const rounds = 20;
const started = performance.now();
for (let round = 0; round < rounds; round += 1) for (const entry of entries) triage(entry, triageConfig);
const perComplaint = (performance.now() - started) / (rounds * entries.length);
console.log(`\nlatency: ${(perComplaint * 1000).toFixed(0)} µs per complaint (${rounds} rounds, warm)`);

if (values.holdout && existsSync(values.holdout)) {
  const heldOut = evaluateCorpus(parseCorpus(await readFile(values.holdout, 'utf8')), triageConfig);
  console.log(`\nheld out: ${heldOut.total} complaints (${values.holdout}) — never used to tune the lexicon`);
  for (const field of FIELDS) {
    console.log(
      `  ${field.padEnd(9)} ${percent(heldOut.accuracy[field]).padStart(6)}  ${heldOut.correct[field]}/${heldOut.total}`,
    );
  }
  console.log(`  implicated assignments: ${heldOut.implicatedAssignments.length}`);
}

const belowGoal = Object.entries(GOALS).some(
  ([field, goal]) => evaluation.accuracy[field as keyof typeof GOALS] < goal,
);
if (belowGoal || evaluation.implicatedAssignments.length > 0) process.exitCode = 1;
