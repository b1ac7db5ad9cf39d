// Scores triage against a labelled corpus: accuracy per field, the category confusion matrix, and how
// many cases went to a body the case implicates (which must be none). Shared by the bench and the tests.
import { z } from 'zod';
import type { TriageConfig } from './config.ts';
import {
  CATEGORIES,
  type Category,
  CategorySchema,
  SeveritySchema,
  TriageInputSchema,
  type TriageResult,
} from './model.ts';
import { implicatedBodies } from './route.ts';
import { findNamedPeople } from './subject.ts';
import { triage } from './triage.ts';

export const CorpusEntrySchema = TriageInputSchema.extend({
  id: z.string().min(1),
  note: z.string().optional(),
  expected: z.object({
    category: CategorySchema,
    severity: SeveritySchema,
    unitId: z.string().nullable(),
    bodyId: z.string(),
    /** Bodies a careful reader finds implicated beyond what the fields show (e.g. one of its people named in the text). */
    implicated: z.array(z.string()).default([]),
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
  readonly implicatedAssignments: readonly string[];
  readonly misses: readonly Miss[];
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

export function evaluateCorpus(entries: readonly CorpusEntry[], config: TriageConfig): Evaluation {
  const correct: Record<Field, number> = { category: 0, severity: 0, unitId: 0, bodyId: 0 };
  const confusion = emptyConfusion();
  const implicatedAssignments: string[] = [];
  const misses: Miss[] = [];
  for (const entry of entries) {
    let result: TriageResult;
    try {
      result = triage(entry, config);
    } catch (error) {
      misses.push({ id: entry.id, field: 'error', expected: entry.expected.bodyId, actual: String(error) });
      continue;
    }
    for (const field of FIELDS) {
      if (result[field] === entry.expected[field]) correct[field] += 1;
      else misses.push({ id: entry.id, field, expected: entry.expected[field], actual: result[field] });
    }
    confusion[entry.expected.category][result.category] += 1;
    // Judged against the true subject and the named official, not against what triage recognised.
    const named = findNamedPeople(entry.officialName, '', config.routing);
    const implicated = implicatedBodies(entry.expected.unitId, named, config.routing);
    for (const bodyId of entry.expected.implicated) implicated.add(bodyId);
    if (implicated.has(result.bodyId)) implicatedAssignments.push(entry.id);
  }
  const total = entries.length;
  const ratio = (n: number) => (total === 0 ? 0 : n / total);
  return {
    total,
    correct,
    accuracy: {
      category: ratio(correct.category),
      severity: ratio(correct.severity),
      unitId: ratio(correct.unitId),
      bodyId: ratio(correct.bodyId),
    },
    confusion,
    implicatedAssignments,
    misses,
  };
}
