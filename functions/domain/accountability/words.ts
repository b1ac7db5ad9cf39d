// The public's words for the figures: categories, channels, sanctions and outcomes, in Chinese and English, as the
// accountability page, its bulletin and its CSV name them.
import type { SanctionKind } from '../case.ts';
import type { Channel } from '../complaint.ts';
import { CATEGORY_NAMES } from '../triage/category-names.ts';
import type { Category } from '../triage/model.ts';

export type PageLanguage = 'zh' | 'en';
type Words = Readonly<Record<PageLanguage, string>>;

/** The same names as staff messages and the console use (triage/category-names.ts). */
export const CATEGORY_WORDS: Readonly<Record<Category | 'untriaged', Words>> = CATEGORY_NAMES;

export const CHANNEL_WORDS: Readonly<Record<Channel, Words>> = {
  web: { zh: '网上举报', en: 'web form' },
  hotline: { zh: '热线电话', en: 'hotline' },
  open311: { zh: '移动应用', en: 'apps (Open311)' },
  inspection: { zh: '暗访发现', en: 'undercover inspections' },
};

export const SANCTION_WORDS: Readonly<Record<SanctionKind, Words>> = {
  admonition_talk: { zh: '诫勉谈话', en: 'admonition talks' },
  notified_criticism: { zh: '通报批评', en: 'notified criticisms' },
  removal_from_post: { zh: '免职', en: 'removals from post' },
  party_warning: { zh: '党内警告', en: 'party warnings' },
  case_filed: { zh: '立案调查', en: 'cases filed for investigation' },
  other: { zh: '其他处理', en: 'other sanctions' },
};
