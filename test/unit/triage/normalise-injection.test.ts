// This file deliberately does not load config/triage-config.ts: the domain alone has no converter.
import { describe, expect, it } from 'vitest';
import { normaliseName, normaliseText, useSimplifier } from '#domain/triage/normalise.ts';

describe('the injected Traditional → Simplified converter', () => {
  it('is absent from the domain until the configuration installs one', () => {
    expect(normaliseText('  紅包 ＲＭＢ１００ ')).toBe('紅包 rmb100');
  });

  it('is used by every normalisation once installed', () => {
    useSimplifier((text) => text.replaceAll('紅', '红').replaceAll('劉', '刘'));
    expect(normaliseText('紅包')).toBe('红包');
    expect(normaliseName('劉 曉峰')).toBe('刘曉峰');
  });
});
