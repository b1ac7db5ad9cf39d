// The console's words held to the domain's: one name per category wherever a person reads it — the console's labels, staff messages and the public page all
// come from (or must equal) triage/category-names.ts — an email once said 索要财物 where the console said 吃拿卡要.
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_WORDS } from '#domain/accountability/words.ts';
import { CATEGORY_NAMES } from '#domain/triage/category-names.ts';
import { CATEGORIES } from '#domain/triage/model.ts';

interface ConsoleWords {
  LABELS: { category: Record<string, readonly [string, string]> };
  setLang(next: 'zh' | 'en'): void;
  setTimeZone(zone: string): void;
  deadlineWords(iso: string | undefined): string;
  when(iso: string | undefined): string;
}
let words: ConsoleWords;
let consoleLabels: Record<string, readonly [string, string]>;

beforeAll(async () => {
  // The console's i18n module reads the chosen language from localStorage as it loads.
  const store = new Map<string, string>();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    },
  });
  // @ts-expect-error: a browser module with JSDoc types, loaded here only for its tables
  words = (await import('../../web/console/assets/i18n.js')) as ConsoleWords;
  consoleLabels = words.LABELS.category;
  words.setTimeZone('Asia/Shanghai');
});

describe('category names', () => {
  it('the console names every category as the table does, in both languages', () => {
    expect(Object.keys(consoleLabels).sort()).toEqual(Object.keys(CATEGORY_NAMES).sort());
    for (const [category, name] of Object.entries(CATEGORY_NAMES)) {
      expect(consoleLabels[category], category).toEqual([name.zh, name.en]);
    }
  });

  it('the public page uses the same table', () => {
    expect(CATEGORY_WORDS).toBe(CATEGORY_NAMES);
  });

  it('names are distinct, so no two categories read alike', () => {
    expect(new Set(Object.values(CATEGORY_NAMES).map((n) => n.zh)).size).toBe(CATEGORIES.length + 1);
    expect(new Set(Object.values(CATEGORY_NAMES).map((n) => n.en)).size).toBe(CATEGORIES.length + 1);
  });
});

describe('deadlines as the console writes them', () => {
  it("a deadline at the office's midnight is the end of the day before, not the next morning", () => {
    // Received 7 Dec 12:37, one working day to sign for it: due at the end of 8 Dec (16:00 UTC).
    words.setLang('zh');
    expect(words.deadlineWords('2026-12-08T16:00:00.000Z')).toBe('2026年12月8日 24:00');
    words.setLang('en');
    expect(words.deadlineWords('2026-12-08T16:00:00.000Z')).toBe('8 Dec 2026, 24:00');
  });

  it('any other instant is written as every time is', () => {
    for (const lang of ['zh', 'en'] as const) {
      words.setLang(lang);
      for (const iso of [
        '2026-12-08T09:30:00.000Z',
        '2026-12-08T16:01:00.000Z',
        '2026-12-08T15:59:00.000Z',
      ]) {
        expect(words.deadlineWords(iso)).toBe(words.when(iso));
      }
    }
    expect(words.deadlineWords(undefined)).toBe('—');
  });
});
