// What each category is called wherever a person reads it: staff emails and SMS, the console (kept in step by
// test/unit/console-words.test.ts) and the public accountability page. One table, so an investigator reading
// "吃拿卡要" in a message finds the same word on the screen and the public reads it in the bulletin.
import type { Category } from './model.ts';

export interface CategoryName {
  readonly zh: string;
  readonly en: string;
}

export const CATEGORY_NAMES: Readonly<Record<Category | 'untriaged', CategoryName>> = {
  solicitation: { zh: '吃拿卡要', en: 'demanding money or favours' },
  misconduct: { zh: '滥用职权', en: 'abuse of power' },
  obstruction: { zh: '推诿拖延', en: 'stalling and obstruction' },
  attitude: { zh: '作风态度', en: 'contempt and attitude' },
  other: { zh: '其他', en: 'other' },
  untriaged: { zh: '未分类', en: 'not yet triaged' },
};
