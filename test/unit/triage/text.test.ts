import { describe, expect, it } from 'vitest';
// Wires the Traditional → Simplified converter in, as the worker does.
import '#config/triage-config.ts';
import { findAmounts, readAmountDemanded } from '#domain/triage/amount.ts';
import { extractDurations } from '#domain/triage/duration.ts';
import { normaliseName, normaliseText } from '#domain/triage/normalise.ts';
import { findQuantities, parseHanNumeral } from '#domain/triage/numbers.ts';
import { compileTerms } from '#domain/triage/terms.ts';

describe('normaliseText', () => {
  it('folds full-width forms, Traditional characters, case and spacing', () => {
    expect(normaliseText('  郭扶鎮國土資源管理所 索要紅包 ＲＭＢ１，０００  ')).toBe(
      '郭扶镇国土资源管理所索要红包 rmb1,000',
    );
    expect(normaliseText('He DIDN’T\task   for money')).toBe("he didn't ask for money");
  });

  it('leaves Simplified text as it is', () => {
    expect(normaliseText('行政服务中心工作人员态度恶劣')).toBe('行政服务中心工作人员态度恶劣');
  });

  it('reduces a name to one comparison key', () => {
    expect(normaliseName('劉曉峰')).toBe(normaliseName('刘晓峰'));
    expect(normaliseName(' Liu  Xiaofeng')).toBe(normaliseName('liu-xiaofeng'));
  });
});

describe('numbers', () => {
  it.each([
    ['两千', 2000],
    ['一千五', 1500],
    ['两万五', 25000],
    ['一千零五', 1005],
    ['三十', 30],
    ['十几', 12],
    ['三万', 30000],
    ['一千五百', 1500],
  ])('reads %s as %d', (run, value) => {
    expect(parseHanNumeral(run)).toBe(value);
  });

  it('reads Arabic, scaled and English numbers without double counting', () => {
    const values = findQuantities(normaliseText('1.5万 and 1,000 and two thousand and 3k')).map(
      (q) => q.value,
    );
    expect(values).toEqual([15000, 1000, 2000, 3000]);
  });
});

describe('amounts', () => {
  const cues = compileTerms(['给', '要了', 'paid', '金额']);
  const amounts = (text: string) => findAmounts(normaliseText(text), cues).map((amount) => amount.value);

  it.each([
    ['索要红包2000元', [2000]],
    ['给了他¥1,500', [1500]],
    ['收了三千块钱', [3000]],
    ['要了我一千五', [1500]],
    ['金额有好几万', [20000]],
    ['he wanted 2,000 yuan', [2000]],
    ['RMB 800 in cash', [800]],
    ['I paid him 600', [600]],
    ['two thousand yuan', [2000]],
  ])('finds the money in %s', (text, expected) => {
    expect(amounts(text)).toEqual(expected);
  });

  it('ignores numbers that count something else', () => {
    expect(amounts('等了3个月，跑了5趟，2023年办的，给了3天')).toEqual([]);
    expect(amounts('村里三千多人')).toEqual([]);
  });

  it('reads the form field with or without a currency', () => {
    expect(readAmountDemanded('2000元', normaliseText)).toBe(2000);
    expect(readAmountDemanded('¥1,500', normaliseText)).toBe(1500);
    expect(readAmountDemanded('２０００', normaliseText)).toBe(2000);
    expect(readAmountDemanded('两千', normaliseText)).toBe(2000);
    expect(readAmountDemanded(2000, normaliseText)).toBe(2000);
    expect(readAmountDemanded('不记得了', normaliseText)).toBeNull();
  });
});

describe('durations', () => {
  const longest = (text: string) => Math.max(0, ...extractDurations(normaliseText(text)));

  it.each([
    ['拖了半年', 182],
    ['等了两个月', 60],
    ['3个月了', 90],
    ['三个多月', 90],
    ['一个半月', 45],
    ['三周', 21],
    ['两个星期', 14],
    ['快一年了', 365],
    ['十来天', 10],
    ['six months', 180],
    ['two weeks', 14],
    ['for 8 weeks', 56],
    ['a few weeks', 14],
    ['half a year', 182],
    ['over a month', 30],
    ['for months', 60],
  ])('reads %s as %d days', (text, days) => {
    expect(longest(text)).toBe(days);
  });

  it('does not read dates or upper bounds as delays', () => {
    expect(longest('2023年3月5日去办的')).toBe(0);
    expect(longest('不到一个月')).toBe(0);
    expect(longest('less than a month')).toBe(0);
  });
});
