// One name per category wherever a person reads it: the console's labels, staff messages and the public page all
// come from (or must equal) triage/category-names.ts — an email once said 索要财物 where the console said 吃拿卡要.
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_WORDS } from '#domain/accountability/words.ts';
import { CATEGORY_NAMES } from '#domain/triage/category-names.ts';
import { CATEGORIES } from '#domain/triage/model.ts';

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
  const i18n = (await import('../../web/console/assets/i18n.js')) as {
    LABELS: { category: Record<string, readonly [string, string]> };
  };
  consoleLabels = i18n.LABELS.category;
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
