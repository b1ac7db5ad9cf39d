import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import { loadTriageConfig } from '#domain/triage/config.ts';
import { TriageResultSchema } from '#domain/triage/model.ts';
import { ConflictOfInterestError } from '#domain/triage/route.ts';
import { triage } from '#domain/triage/triage.ts';

describe('triage', () => {
  it('classifies, finds the unit and routes, with every reason', () => {
    const result = triage(
      { description: '郭扶國土所的人索要紅包兩千元', officialName: '王某', language: 'zh-TW' },
      triageConfig,
    );
    expect(result).toMatchObject({
      category: 'solicitation',
      severity: 'critical',
      unitId: 'guofu-land-office',
      bodyId: 'district-cdi',
    });
    expect(result.confidence).toBeGreaterThanOrEqual(triageConfig.review.categoryProbability);
    expect(result.needsReview).toBeUndefined();
    const model = result.reasons.find((reason) => reason.rule === 'category.model');
    expect(model).toMatchObject({ decidedBy: 'lexicon', category: 'solicitation' });
    expect(result.reasons.filter((reason) => reason.rule !== 'category.model')).toEqual([
      { rule: 'category.solicitation', terms: ['索要', '红包', '索要 两千'] },
      { rule: 'severity.category', category: 'solicitation', severity: 'high' },
      { rule: 'severity.amount', amount: 2000, threshold: 1000, source: 'text', term: '两千' },
      { rule: 'unit.alias', unitId: 'guofu-land-office', term: '郭扶国土所' },
      { rule: 'route.jurisdiction', bodyId: 'guofu-cdi', jurisdiction: 'guofu' },
      { rule: 'route.critical-escalation', from: 'guofu-cdi', to: 'district-cdi' },
    ]);
  });

  it('routes a complaint naming a body’s own person away from that body', () => {
    const result = triage(
      {
        description: 'He asked me for a kickback',
        subjectUnit: 'Guofu land office',
        officialName: 'Liu Xiaofeng',
      },
      triageConfig,
    );
    expect(result.bodyId).toBe('district-cdi');
    expect(result.reasons).toContainEqual({
      rule: 'route.conflict.own-person',
      from: 'guofu-cdi',
      to: 'district-cdi',
      personId: 'guofu-cdi-investigator',
      source: 'officialName',
    });
  });

  it('reads the amount demanded from the form field', () => {
    expect(triage({ description: '索要红包', amountDemanded: '¥1,500' }, triageConfig).severity).toBe(
      'critical',
    );
    expect(triage({ description: '索要红包', amountDemanded: 500 }, triageConfig).severity).toBe('high');
  });

  it('lets a modified lexicon change the outcome without code changes', () => {
    // Without a model, so the lexicon alone decides (with one, the model has already learnt this face).
    const lexicon = structuredClone(triageConfig.lexicon);
    lexicon.categories.attitude.zh.push('板着脸');
    const before = loadTriageConfig(triageConfig.directory, triageConfig.lexicon);
    const after = loadTriageConfig(triageConfig.directory, lexicon);
    expect(triage({ description: '工作人员板着脸' }, before).category).toBe('other');
    expect(triage({ description: '工作人员板着脸' }, after).category).toBe('attitude');
  });

  it('rejects an invalid lexicon at load', () => {
    expect(() => loadTriageConfig(triageConfig.directory, { version: '1' })).toThrow();
  });

  it('returns a storable result for any text, or a ConflictOfInterestError', () => {
    const pieces = [
      ...triageConfig.classifier.categories.flatMap(({ terms }) => terms.map((term) => term.label)),
      ...triageConfig.routing.aliases.map((alias) => alias.label),
      '没有',
      'did not',
      '两千元',
      '半年',
      '，',
    ];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', maxLength: 12 })), {
        maxLength: 12,
      })
      .map((parts) => parts.join(''))
      .filter((joined) => joined.trim() !== '');
    fc.assert(
      fc.property(text, (description) => {
        try {
          expect(TriageResultSchema.safeParse(triage({ description }, triageConfig)).success).toBe(true);
        } catch (error) {
          // A complaint about the top body itself has nowhere to go: the worker keeps it for manual routing.
          expect(error).toBeInstanceOf(ConflictOfInterestError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
