import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import { evaluateCorpus, parseCorpus } from '#domain/triage/evaluate.ts';

const corpus = parseCorpus(
  readFileSync(new URL('../../fixtures/triage-corpus.jsonl', import.meta.url), 'utf8'),
);
const evaluation = evaluateCorpus(corpus, triageConfig);

describe('the labelled corpus', () => {
  it('is large and varied enough to mean something', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(new Set(corpus.map((entry) => entry.id)).size).toBe(corpus.length);
    expect(corpus.filter((entry) => entry.language === 'en').length).toBeGreaterThanOrEqual(20);
    expect(
      corpus.filter((entry) => entry.language === 'zh-TW' || entry.language === 'zh-HK').length,
    ).toBeGreaterThan(5);
  });

  it('meets the category goal (≥ 95%)', () => {
    expect(evaluation.accuracy.category).toBeGreaterThanOrEqual(0.95);
  });

  it('meets the routing goals (≥ 98% for unit and body)', () => {
    expect(evaluation.accuracy.unitId).toBeGreaterThanOrEqual(0.98);
    expect(evaluation.accuracy.bodyId).toBeGreaterThanOrEqual(0.98);
  });

  it('never assigns a case to a body it implicates', () => {
    expect(evaluation.implicatedAssignments).toEqual([]);
    expect(evaluation.misses.filter((miss) => miss.field === 'error')).toEqual([]);
  });
});
