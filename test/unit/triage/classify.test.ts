import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import { classifyComplaint } from '#domain/triage/classify.ts';
import type { Category, Severity } from '#domain/triage/model.ts';
import { normaliseText } from '#domain/triage/normalise.ts';
import { compileTerms, matchTerms } from '#domain/triage/terms.ts';

const classify = (text: string, amountDemanded: number | null = null) =>
  classifyComplaint(
    normaliseText(text),
    amountDemanded === null
      ? null
      : { field: { amount: amountDemanded, goods: [], term: String(amountDemanded) } },
    triageConfig.classifier,
  );

describe('category', () => {
  it.each<[string, Category]>([
    ['窗口的人暗示要“意思一下”', 'solicitation'],
    ['he asked me for money', 'solicitation'],
    ['乱收费，收费目录上没有这一项', 'misconduct'],
    ['they approved it for his relatives', 'misconduct'],
    ['拖着不办，一直推诿', 'obstruction'],
    ['they kept telling me to come back', 'obstruction'],
    ['态度恶劣，还在玩手机', 'attitude'],
    ['she shouted at me', 'attitude'],
    ['建议周末也开门', 'other'],
  ])('%s → %s', (text, category) => {
    expect(classify(text).category).toBe(category);
  });

  it('takes the first category in precedence order when several apply', () => {
    const result = classify('态度恶劣，拖着不办，还乱收费，最后索要红包');
    expect(result.category).toBe('solicitation');
    expect(result.reasons).toContainEqual({
      rule: 'category.also',
      category: 'misconduct',
      terms: ['乱收费'],
    });
    expect(result.reasons).toContainEqual({
      rule: 'category.also',
      category: 'attitude',
      terms: ['态度恶劣'],
    });
  });

  it('does not count negated terms, and says so', () => {
    const result = classify('他没有收钱，但是态度恶劣');
    expect(result.category).toBe('attitude');
    expect(result.reasons).toContainEqual({ rule: 'category.negated', terms: ['收钱'] });
    expect(classify('He did not ask for money and was polite').category).toBe('other');
    expect(classify('The clerk never asked me for money').category).toBe('other');
  });

  it('lets a scope breaker end a negation', () => {
    expect(classify('他没有办法, but he demanded money').category).toBe('solicitation');
    expect(classify('没有别的办法，只好给了红包').category).toBe('solicitation');
  });

  it('does not treat "不是第一次" as a negation', () => {
    expect(classify('这不是第一次收红包了').category).toBe('solicitation');
  });

  it('counts a sum right after a verb of demanding as solicitation', () => {
    const result = classify('要了我一千五百块钱');
    expect(result.category).toBe('solicitation');
    expect(result.reasons[0]).toEqual({ rule: 'category.solicitation', terms: ['要了 一千五百'] });
  });
});

describe('severity', () => {
  const severity = (text: string, amount: number | null = null): Severity => classify(text, amount).severity;

  it('solicitation is high, critical from ¥1,000 in the text or the form field', () => {
    expect(severity('索要红包500元')).toBe('high');
    expect(severity('索要红包1000元')).toBe('critical');
    expect(severity('索要红包', 999)).toBe('high');
    expect(severity('索要红包', 1000)).toBe('critical');
    expect(classify('索要红包', 1500).reasons).toContainEqual({
      rule: 'severity.amount',
      amount: 1500,
      threshold: 1000,
      source: 'field',
      term: '1500',
    });
  });

  it('solicitation with threats, repetition or several victims is critical', () => {
    expect(severity('索要红包，还威胁要报复我')).toBe('critical');
    expect(severity('he asked for a bribe again and again')).toBe('critical');
    expect(severity('索要好处费，村里很多人都被要过')).toBe('critical');
    expect(severity('索要好处费，没有威胁我')).toBe('high');
  });

  it('misconduct is high whatever the amount', () => {
    expect(severity('乱罚款5000元')).toBe('high');
  });

  it('obstruction is normal, high from 30 days', () => {
    expect(severity('拖着不办')).toBe('normal');
    expect(severity('拖着不办，已经三周了')).toBe('normal');
    expect(severity('拖着不办，已经一个月了')).toBe('high');
    expect(severity('拖了半年还没办好')).toBe('high');
    expect(severity('kept telling me to come back for six months')).toBe('high');
    expect(classify('拖了两个月').reasons).toContainEqual({
      rule: 'severity.delay',
      days: 60,
      threshold: 30,
    });
  });

  it('a long delay raises only obstruction, which outranks attitude', () => {
    expect(severity('态度恶劣，半年前就这样')).toBe('low');
    expect(severity('态度恶劣，等了半年')).toBe('high');
  });

  it('attitude and other are low', () => {
    expect(severity('态度恶劣')).toBe('low');
    expect(severity('请问几点上班')).toBe('low');
  });
});

describe('term matching', () => {
  const negation = triageConfig.classifier.negation;

  it('matches unsegmented Chinese by substring and Latin words at word starts only', () => {
    expect(matchTerms('他索要红包', compileTerms(['红包']), negation).matched).toEqual(['红包']);
    expect(matchTerms('a stipend', compileTerms(['tip']), negation).matched).toEqual([]);
    expect(matchTerms('bribes', compileTerms(['bribe']), negation).matched).toEqual(['bribe']);
  });

  it('reports the longer of two overlapping terms', () => {
    expect(matchTerms('拖着不办', compileTerms(['拖着', '拖着不办']), negation).matched).toEqual([
      '拖着不办',
    ]);
  });
});
