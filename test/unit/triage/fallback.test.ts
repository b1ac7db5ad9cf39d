// The lexicon's fallback readings: what a complaint with no category term is taken to describe.
import { describe, expect, it } from 'vitest';
import { triageConfig } from '#config/triage-config.ts';
import { classifyComplaint, compileClassifier } from '#domain/triage/classify.ts';
import { normaliseText } from '#domain/triage/normalise.ts';

const classify = (text: string, tables = triageConfig.classifier) =>
  classifyComplaint(normaliseText(text), null, tables);

describe('fallback readings', () => {
  it('reads money asked for on a condition as solicitation, naming the sum and the condition', () => {
    const result = classify('村里管这事的人说先转八百块钱才帮我递材料');
    expect(result.category).toBe('solicitation');
    expect(result.reasons[0]).toEqual({ rule: 'category.solicitation', terms: ['八百', '才帮'] });
  });

  it('reads a long stated wait as obstruction, and as a high one past the delay threshold', () => {
    const result = classify('申请交上去快三个月了，一点消息也没有');
    expect(result.category).toBe('obstruction');
    expect(result.reasons[0]).toEqual({ rule: 'category.obstruction', terms: ['90 days'] });
    expect(result.severity).toBe('high');
  });

  it('leaves short waits, money without a condition, and questions as other', () => {
    expect(classify('排队十分钟就办好了，谢谢').category).toBe('other');
    expect(classify('停车费一次十块钱，建议便宜一点').category).toBe('other');
    expect(classify('请问办老年证要带什么材料？').category).toBe('other');
  });

  it('never overrides a category term that matched', () => {
    expect(classify('两个月前去办事，工作人员态度恶劣').category).toBe('attitude');
  });

  it('is off for a lexicon without a fallback section', () => {
    const { fallback: _unused, ...lexicon } = triageConfig.lexicon;
    const withoutFallback = compileClassifier(lexicon);
    expect(classify('村里管这事的人说先转八百块钱才帮我递材料', withoutFallback).category).toBe('other');
    expect(classify('申请交上去快三个月了，一点消息也没有', withoutFallback).category).toBe('other');
  });
});
