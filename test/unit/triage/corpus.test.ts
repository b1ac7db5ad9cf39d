import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import {
  evaluateCorpus,
  HELD_OUT_FILE,
  HELD_OUT_MINIMUM,
  loadCorpusSets,
  splitOf,
} from '../../../bench/triage-evaluate.ts';

const sets = loadCorpusSets();
const train = evaluateCorpus(sets.train, triageConfig);
const dev = evaluateCorpus(sets.dev, triageConfig);
// Scored for the one rule that holds whatever the accuracy: never a body the complaint implicates. Its accuracy is
// reported by bench:triage and never tuned on. Empty until its writer has written it (after the model is frozen).
const heldOut = evaluateCorpus(sets.heldOut, triageConfig);

describe('the labelled corpus', () => {
  it('is large and varied enough to mean something', () => {
    const all = [...sets.train, ...sets.dev];
    expect(all.length).toBeGreaterThanOrEqual(1500);
    // Leave-one-writer-out needs several writers, each a fold of its own.
    expect(sets.writers.size).toBeGreaterThanOrEqual(6);
    expect(new Set(all.map((entry) => entry.id)).size).toBe(all.length);
    expect(all.filter((entry) => entry.language === 'en').length).toBeGreaterThanOrEqual(20);
  });

  it('splits by id, the same way every time, about four to one', () => {
    expect(splitOf('w1-001')).toBe(splitOf('w1-001'));
    const ids = Array.from({ length: 1000 }, (_, i) => `id-${i}`);
    const share = ids.filter((id) => splitOf(id) === 'train').length / ids.length;
    expect(share).toBeGreaterThan(0.75);
    expect(share).toBeLessThan(0.85);
    expect(sets.dev.some((entry) => sets.train.includes(entry))).toBe(false);
  });

  it('fits what it learnt from', () => {
    expect(train.accuracy.category).toBeGreaterThanOrEqual(0.95);
    expect(train.accuracy.unitId).toBeGreaterThanOrEqual(0.95);
    expect(train.accuracy.bodyId).toBeGreaterThanOrEqual(0.95);
  });

  it('holds its figures on the dev set, which it never learnt from (a regression guard, not a goal)', () => {
    expect(sets.dev.length).toBeGreaterThanOrEqual(300);
    expect(dev.accuracy.category).toBeGreaterThanOrEqual(0.91);
    expect(dev.accuracy.severity).toBeGreaterThanOrEqual(0.9);
    expect(dev.accuracy.unitId).toBeGreaterThanOrEqual(0.95);
    expect(dev.accuracy.bodyId).toBeGreaterThanOrEqual(0.95);
  });

  it('never assigns a case to a body it implicates, nor fails on one', () => {
    // The spent held-out sets are writers' files now: the first (170) and the second (180).
    expect(sets.writers.get('writer-h1')?.length).toBe(170);
    expect(sets.writers.get('writer-h2')?.length).toBe(180);
    for (const evaluation of [train, dev, heldOut]) {
      expect(evaluation.implicatedAssignments).toEqual([]);
      expect(evaluation.misses.filter((miss) => miss.field === 'error')).toEqual([]);
    }
  });
});

describe('the held-out set', () => {
  const line = (i: number) =>
    JSON.stringify({
      id: `h3-${i}`,
      description: '郭扶国土所的人要了我五百块才盖章',
      expected: {
        category: 'solicitation',
        severity: 'high',
        unitId: 'guofu-land-office',
        bodyId: 'guofu-cdi',
      },
    });
  const fixturesWith = (count: number | null) => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    mkdirSync(join(dir, 'triage'));
    writeFileSync(join(dir, 'triage', 'writer-a.jsonl'), `${line(0)}\n`);
    if (count !== null) {
      const lines = Array.from({ length: count }, (_, i) => line(i + 1));
      writeFileSync(join(dir, HELD_OUT_FILE), `${lines.join('\n')}\n`);
    }
    return `${dir}/`;
  };

  it('is read from its documented path, apart from the writers and the splits', () => {
    const dir = fixturesWith(HELD_OUT_MINIMUM);
    try {
      const loaded = loadCorpusSets(dir);
      expect(loaded.heldOut).toHaveLength(HELD_OUT_MINIMUM);
      expect([...loaded.writers.keys()]).toEqual(['writer-a']);
      expect([...loaded.train, ...loaded.dev].map((entry) => entry.id)).toEqual(['h3-0']);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('is refused when too small to be worth spending, and empty until written', () => {
    const small = fixturesWith(HELD_OUT_MINIMUM - 1);
    const none = fixturesWith(null);
    try {
      expect(() => loadCorpusSets(small)).toThrow(/at least 150/);
      expect(loadCorpusSets(none).heldOut).toEqual([]);
    } finally {
      rmSync(small, { recursive: true });
      rmSync(none, { recursive: true });
    }
  });
});
