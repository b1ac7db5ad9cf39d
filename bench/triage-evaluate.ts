// Scores triage against labelled complaints — accuracy per field, per-category precision and recall, the
// confusion matrix, assignments to an implicated body (which must be none) — and knows the corpus files
// and their deterministic train/dev split. Shared by the bench, the trainer and the tests; not domain code.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';
import type { TriageConfig } from '#domain/triage/config.ts';
import {
  CATEGORIES,
  type Category,
  CategorySchema,
  SeveritySchema,
  TriageInputSchema,
  type TriageResult,
} from '#domain/triage/model.ts';
import { ConflictOfInterestError, implicatedBodies } from '#domain/triage/route.ts';
import { findNamedPeople } from '#domain/triage/subject.ts';
import { triage } from '#domain/triage/triage.ts';

export const CorpusEntrySchema = z.extend(TriageInputSchema, {
  id: z.string().check(z.minLength(1)),
  voice: z.optional(z.string()),
  note: z.optional(z.string()),
  expected: z.object({
    category: CategorySchema,
    severity: SeveritySchema,
    unitId: z.nullable(z.string()),
    /** `null`: every body up to the top is implicated, so triage refuses and the case is routed by hand (R-route-5). */
    bodyId: z.nullable(z.string()),
    /** Bodies a careful reader finds implicated beyond what the fields show (e.g. one of its people named in the text). */
    implicated: z._default(z.array(z.string()), []),
  }),
});
export type CorpusEntry = z.infer<typeof CorpusEntrySchema>;

export const FIELDS = ['category', 'severity', 'unitId', 'bodyId'] as const;
export type Field = (typeof FIELDS)[number];

export interface Miss {
  readonly id: string;
  readonly field: Field | 'error';
  readonly expected: string | null;
  readonly actual: string | null;
}

export interface Evaluation {
  readonly total: number;
  readonly correct: Readonly<Record<Field, number>>;
  readonly accuracy: Readonly<Record<Field, number>>;
  /** confusion[expected][actual] */
  readonly confusion: Readonly<Record<Category, Record<Category, number>>>;
  readonly precision: Readonly<Record<Category, number>>;
  readonly recall: Readonly<Record<Category, number>>;
  readonly implicatedAssignments: readonly string[];
  /** Cases flagged `needsReview`, and of the misses (any of category, severity, body; and each) how many were. */
  readonly review: ReviewCounts;
  readonly misses: readonly Miss[];
}

/** The fields whose misses review flags are meant to catch: what a case is, how grave, and where it goes. */
export const REVIEWED = ['any', 'category', 'severity', 'bodyId'] as const;
export type Reviewed = (typeof REVIEWED)[number];

export interface ReviewCounts {
  readonly total: number;
  readonly flagged: number;
  /** Complaints with that field wrong (`any`: category, severity or body). */
  readonly wrong: Readonly<Record<Reviewed, number>>;
  /** … and of those, how many were flagged. */
  readonly flaggedWrong: Readonly<Record<Reviewed, number>>;
}

const noReviewed = (): Record<Reviewed, number> => ({ any: 0, category: 0, severity: 0, bodyId: 0 });

/** Review counts of several evaluations taken together. */
export function pooledReview(counts: readonly ReviewCounts[]): ReviewCounts {
  const sum = (pick: (c: ReviewCounts) => Record<Reviewed, number>) =>
    Object.fromEntries(
      REVIEWED.map((field) => [field, counts.reduce((total, c) => total + pick(c)[field], 0)]),
    ) as Record<Reviewed, number>;
  return {
    total: counts.reduce((total, c) => total + c.total, 0),
    flagged: counts.reduce((total, c) => total + c.flagged, 0),
    wrong: sum((c) => c.wrong),
    flaggedWrong: sum((c) => c.flaggedWrong),
  };
}

export function parseCorpus(jsonl: string): CorpusEntry[] {
  return jsonl
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => CorpusEntrySchema.parse(JSON.parse(line)));
}

function emptyConfusion(): Record<Category, Record<Category, number>> {
  const row = () =>
    Object.fromEntries(CATEGORIES.map((category) => [category, 0])) as Record<Category, number>;
  return Object.fromEntries(CATEGORIES.map((category) => [category, row()])) as Record<
    Category,
    Record<Category, number>
  >;
}

/** What is scored of a result: a refused complaint has no body. */
type Scored = Pick<TriageResult, 'category' | 'severity' | 'unitId' | 'needsReview'> & {
  readonly bodyId: string | null;
};

export function evaluateCorpus(entries: readonly CorpusEntry[], config: TriageConfig): Evaluation {
  const correct: Record<Field, number> = { category: 0, severity: 0, unitId: 0, bodyId: 0 };
  const confusion = emptyConfusion();
  const implicatedAssignments: string[] = [];
  const misses: Miss[] = [];
  const review = { total: entries.length, flagged: 0, wrong: noReviewed(), flaggedWrong: noReviewed() };
  for (const entry of entries) {
    let result: Scored;
    try {
      result = triage(entry, config);
    } catch (error) {
      // A refusal the label expects (bodyId null) is the right answer; a person routes the case, so it is reviewed.
      if (!(error instanceof ConflictOfInterestError && error.decided && entry.expected.bodyId === null)) {
        misses.push({ id: entry.id, field: 'error', expected: entry.expected.bodyId, actual: String(error) });
        continue;
      }
      result = { ...error.decided, bodyId: null, needsReview: true };
    }
    for (const field of FIELDS) {
      if (result[field] === entry.expected[field]) correct[field] += 1;
      else misses.push({ id: entry.id, field, expected: entry.expected[field], actual: result[field] });
    }
    const missed: Record<Reviewed, boolean> = {
      any: (['category', 'severity', 'bodyId'] as const).some(
        (field) => result[field] !== entry.expected[field],
      ),
      category: result.category !== entry.expected.category,
      severity: result.severity !== entry.expected.severity,
      bodyId: result.bodyId !== entry.expected.bodyId,
    };
    if (result.needsReview) review.flagged += 1;
    for (const field of REVIEWED) {
      if (!missed[field]) continue;
      review.wrong[field] += 1;
      if (result.needsReview) review.flaggedWrong[field] += 1;
    }
    confusion[entry.expected.category][result.category] += 1;
    // Judged against the true subject and the named official, not against what triage recognised.
    const named = findNamedPeople(entry.officialName, '', config.routing);
    const implicated = implicatedBodies(entry.expected.unitId, named, config.routing);
    for (const bodyId of entry.expected.implicated) implicated.add(bodyId);
    if (result.bodyId !== null && implicated.has(result.bodyId)) implicatedAssignments.push(entry.id);
  }
  const total = entries.length;
  const ratio = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const byCategory = (measure: (category: Category) => number) =>
    Object.fromEntries(CATEGORIES.map((category) => [category, measure(category)])) as Record<
      Category,
      number
    >;
  return {
    total,
    correct,
    accuracy: {
      category: ratio(correct.category, total),
      severity: ratio(correct.severity, total),
      unitId: ratio(correct.unitId, total),
      bodyId: ratio(correct.bodyId, total),
    },
    confusion,
    precision: byCategory((category) =>
      ratio(
        confusion[category][category],
        CATEGORIES.reduce((sum, expected) => sum + confusion[expected][category], 0),
      ),
    ),
    recall: byCategory((category) =>
      ratio(
        confusion[category][category],
        CATEGORIES.reduce((sum, actual) => sum + confusion[category][actual], 0),
      ),
    ),
    implicatedAssignments,
    review,
    misses,
  };
}

const FIXTURES = fileURLToPath(new URL('../test/fixtures/', import.meta.url));

/** Train (~80%) or dev (~20%), by a hash of the id: stable, whatever order or file a complaint is in. */
export function splitOf(id: string): 'train' | 'dev' {
  const byte = createHash('sha256').update(id).digest()[0] ?? 0;
  return byte < 205 ? 'train' : 'dev';
}

export interface CorpusSets {
  readonly train: CorpusEntry[];
  readonly dev: CorpusEntry[];
  /** Written after the model was frozen, by people who never saw it; empty until commissioned. */
  readonly heldOut: CorpusEntry[];
  /** Each writer's file (test/fixtures/triage/writer-*.jsonl) by name, in name order: the folds of `--cv`. */
  readonly writers: ReadonlyMap<string, CorpusEntry[]>;
  /** What trains in every fold: the original corpus and the first small held-out set. */
  readonly always: CorpusEntry[];
}

/**
 * The held-out set that the frozen model is scored on, once: written by a writer who never saw the model, the
 * lexicon, the directory's cues or the corpus (docs/triage.md, "Writing a held-out set"). Absent until written.
 */
export const HELD_OUT_FILE = 'triage/heldout-16.jsonl';
/**
 * The model the held-out set at `HELD_OUT_FILE` was written against and scored with, once. Scored with any other
 * model, the set is spent: its figures are then "after seeing it", never held-out figures (docs/triage.md).
 */
export const HELD_OUT_FROZEN_MODEL = 'triage-model-1-e8aa26b1fa';
/**
 * The held-out result as it was scored, once, with the frozen model and the code of its freeze: printed beside the
 * figures of the code as it is now, which may have changed since for what the scoring showed (docs/triage.md).
 */
export const HELD_OUT_SCORED_ONCE =
  'scored once with triage-model-1-e8aa26b1fa and the code of its freeze (commit 18d2cb9): category 96.7%, severity 90.3%, unit 96.7%, body 93.7%, ' +
  '17.0% flagged catching 57.6% of misses, no assignment to an implicated body; the figures below are the same model with the code as it is now';
/** A held-out set smaller than this says too little to be worth spending: its file is refused. */
export const HELD_OUT_MINIMUM = 150;

const read = (path: string) => (existsSync(path) ? parseCorpus(readFileSync(path, 'utf8')) : []);

/** A held-out file at `path`, refused when it holds fewer than `minimum` complaints; none when absent. */
export function readHeldOut(path: string, minimum = HELD_OUT_MINIMUM): CorpusEntry[] {
  const entries = read(path);
  if (existsSync(path) && entries.length < minimum) {
    throw new Error(`held-out set ${path} has ${entries.length} complaints; at least ${minimum} are needed`);
  }
  return entries;
}

/**
 * The original corpus trains (the lexicon was written on it); the earlier held-out set is dev; the writers'
 * complaints (test/fixtures/triage/writer-*.jsonl) are split by id; the final held-out set stands apart.
 */
export function loadCorpusSets(fixtures = FIXTURES): CorpusSets {
  const writersDir = `${fixtures}triage/`;
  const writerFiles = existsSync(writersDir)
    ? readdirSync(writersDir)
        .filter((name) => /^writer-.*\.jsonl$/u.test(name))
        .sort()
    : [];
  const writers = new Map(
    writerFiles.map((name) => [name.replace(/\.jsonl$/u, ''), read(`${writersDir}${name}`)]),
  );
  const all = [...writers.values()].flat();
  const original = read(`${fixtures}triage-corpus.jsonl`);
  const firstHoldout = read(`${fixtures}triage-holdout.jsonl`);
  return {
    train: [...original, ...all.filter((e) => splitOf(e.id) === 'train')],
    dev: [...firstHoldout, ...all.filter((e) => splitOf(e.id) === 'dev')],
    heldOut: readHeldOut(`${fixtures}${HELD_OUT_FILE}`),
    writers,
    always: [...original, ...firstHoldout],
  };
}
