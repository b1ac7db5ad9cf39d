import { describe, expect, it } from 'vitest';
// Wires the Traditional → Simplified converter in, as the worker does.
import '#config/triage-config.ts';
import { findRelatedCases, isRelated, type LinkableCase } from '#domain/triage/related.ts';

const base: LinkableCase = {
  reference: 'HL-1',
  unitId: 'guofu-land-office',
  officialName: '王建',
  receivedAt: '2025-03-01T08:00:00Z',
};
const later = (patch: Partial<LinkableCase>): LinkableCase => ({ ...base, reference: 'HL-2', ...patch });

describe('isRelated', () => {
  it('links the same unit and official within 30 days', () => {
    expect(isRelated(base, later({ receivedAt: '2025-03-31T08:00:00Z' }))).toBe(true);
    expect(isRelated(base, later({ receivedAt: '2025-03-31T08:00:01Z' }))).toBe(false);
  });

  it('compares names in normalised form', () => {
    expect(isRelated(base, later({ officialName: ' 王 建 ' }))).toBe(true);
    expect(isRelated({ ...base, officialName: '劉曉峰' }, later({ officialName: '刘晓峰' }))).toBe(true);
  });

  it('needs a unit and an official on both, and the same ones', () => {
    expect(isRelated(base, later({ unitId: 'gunan-stats-station' }))).toBe(false);
    expect(isRelated(base, later({ officialName: '李四' }))).toBe(false);
    expect(isRelated({ ...base, unitId: null }, later({ unitId: null }))).toBe(false);
    expect(isRelated({ ...base, officialName: null }, later({ officialName: null }))).toBe(false);
  });

  it('never links a case to itself or to bad timestamps', () => {
    expect(isRelated(base, base)).toBe(false);
    expect(isRelated(base, later({ receivedAt: 'yesterday' }))).toBe(false);
  });

  it('honours a custom window', () => {
    expect(isRelated(base, later({ receivedAt: '2025-03-10T08:00:00Z' }), 7)).toBe(false);
  });
});

describe('findRelatedCases', () => {
  it('returns the earlier related cases, oldest first', () => {
    const newCase = later({ reference: 'HL-9', receivedAt: '2025-03-20T00:00:00Z' });
    const earlier = [
      later({ reference: 'HL-5', receivedAt: '2025-03-15T00:00:00Z' }),
      base,
      later({ reference: 'HL-6', receivedAt: '2025-03-25T00:00:00Z' }),
      later({ reference: 'HL-7', officialName: '李四' }),
    ];
    expect(findRelatedCases(newCase, earlier)).toEqual(['HL-1', 'HL-5']);
  });
});
