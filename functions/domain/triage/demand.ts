// What the official demanded or was paid, as people tell it: the sum asked for or handed over, not the largest
// number in the text (a grant, a bill, a fine or a turnover beside it is not the demand); a share of a stated sum;
// goods (cigarettes, liquor, cards, meals) at a value only when one is stated; a red envelope with no sum.
// docs/triage.md, "The amount demanded".
import { countsSomethingElse } from './amount.ts';
import { clauseAround, sentenceAround } from './clauses.ts';
import { GOODS } from './model.ts';
import { findQuantities, type Quantity } from './numbers.ts';
import { type CompiledNegation, type CompiledTerm, matchTerms, occurrences } from './terms.ts';

export const GOODS_KINDS = GOODS;
export type GoodsKind = (typeof GOODS_KINDS)[number];

export interface DemandTables {
  /** Verbs of giving, paying or demanding: a sum right after one went to, or was asked by, the official. */
  readonly paidCues: readonly CompiledTerm[];
  readonly spentCues: readonly CompiledTerm[];
  readonly otherMoney: readonly CompiledTerm[];
  readonly paymentWords: readonly CompiledTerm[];
  readonly goods: readonly { readonly kind: GoodsKind; readonly terms: readonly CompiledTerm[] }[];
  readonly negation: CompiledNegation;
}

/** What a sum is, from the words around it. */
export type SumRole = 'demand' | 'goods' | 'other' | 'unknown';

export interface SumReading extends Quantity {
  readonly role: SumRole;
}

/** The amount demanded or paid, as recorded on the triage result. */
export interface Demand {
  /** In yuan; null when nothing says how much (goods or a red envelope with no value, a share of no stated sum). */
  readonly amount: number | null;
  /** Said as "nearly" the amount (快两千): just under it. */
  readonly nearly?: boolean;
  /** `field`: the form's amount demanded; `text`: a sum the text ties to the demand; `share`: a share of a sum. */
  readonly source: 'field' | 'text' | 'share';
  /** Goods demanded or given instead of (or besides) money, by kind. */
  readonly goods: GoodsKind[];
  /** The words the amount was read from, as written after normalisation. */
  readonly term: string;
}

/** How far before a sum a cue may end, in characters, within the sum's clause. */
const CUE_REACH = 12;
/**
 * How far from a goods term its stated value may stand, in characters, within the sentence; English needs about
 * three times as many characters for the same words ("the bill came to 1,800 and he ordered two bottles of …").
 */
const GOODS_REACH = 14;
const GOODS_REACH_LATIN = 42;
/** What may stand between a sum and the name of what it is: its currency, quotes, 的. */
const SUM_TAIL =
  /^(?:多|余|来|左右)?\s?(?:元|块钱|块|圆|人民币|rmb|yuan|kuai|bucks?|dollars?)?\s?(?:钱)?\s?(?:的)?\s?["'“”‘’「」『』（(]?\s?/u;

/** Where the last cue ending in (reach, to] ends, if it begins inside the clause (from `start`); else -1. */
function lastCueEnd(
  text: string,
  span: { start: number; reach: number; to: number },
  cues: readonly CompiledTerm[],
): number {
  let best = -1;
  for (const cue of cues) {
    for (const at of occurrences(text, cue, span.start, span.to)) {
      const end = at + cue.text.length;
      if (end > span.reach && end > best) best = end;
    }
  }
  return best;
}

function startsWithOne(text: string, cues: readonly CompiledTerm[]): boolean {
  return cues.some((cue) => occurrences(text, cue, 0, cue.text.length).length > 0);
}

function goodsNear(text: string, sum: Quantity, tables: DemandTables): boolean {
  const sentence = sentenceAround(text, sum.start);
  const reach = /[a-z]/u.test(text.slice(Math.max(0, sum.start - 12), sum.start))
    ? GOODS_REACH_LATIN
    : GOODS_REACH;
  const from = Math.max(sentence.start, sum.start - reach);
  const to = Math.min(sentence.end, sum.end + reach);
  return tables.goods.some(({ kind, terms }) => {
    if (kind === 'envelope') return false;
    return terms.some((term) => occurrences(text, term, from, to).length > 0);
  });
}

/**
 * What one sum is: named by the word after it ("两百块辛苦费" a demand, "五千的罚款" other money), else by the
 * nearest cue before it in its clause ("给了他七百" a demand, "补助一共八千" other money, "花了六百" spent), else
 * the value of goods beside it ("一张五百元的购物卡"); else unknown.
 */
export function roleOfSum(
  text: string,
  sum: Quantity,
  tables: DemandTables,
  pauses: readonly number[] = [],
): SumRole {
  const after = text.slice(sum.end, sum.end + 24);
  const tail = SUM_TAIL.exec(after)?.[0] ?? '';
  const named = after.slice(tail.length);
  if (startsWithOne(named, tables.paymentWords)) return 'demand';
  if (startsWithOne(named, tables.otherMoney)) return 'other';
  const clause = clauseAround(text, sum.start, pauses);
  const span = { start: clause.start, reach: sum.start - CUE_REACH, to: sum.start };
  const paid = lastCueEnd(text, span, tables.paidCues);
  const other = lastCueEnd(text, span, tables.otherMoney);
  const spent = lastCueEnd(text, span, tables.spentCues);
  const nearest = Math.max(paid, other, spent);
  if (nearest !== -1 && nearest === paid && paid > other) return 'demand';
  const nearGoods = goodsNear(text, sum, tables);
  if (nearest !== -1 && nearest === other) return 'other';
  if (nearest !== -1 && nearest === spent) return nearGoods ? 'goods' : 'other';
  return nearGoods ? 'goods' : 'unknown';
}

const SHARE_TENTHS: Readonly<Record<string, number>> = {
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SHARE =
  /([一两二三四五六七八九])成|一半|对半|百分之([0-9一二三四五六七八九十]+)|([0-9]+)\s?(?:%|percent\b|per cent\b)|\b(?:a|one) tenth\b|\bhalf\b|([一二三四五六七八九十])分之([一二三四五六七八九])/gu;
const HAN_SMALL: Readonly<Record<string, number>> = { ...SHARE_TENTHS, 十: 10 };

function hanSmall(run: string): number {
  // 十, 二十, 十五, 三十: enough for percentages.
  if (run.includes('十')) {
    const [tens = '', ones = ''] = run.split('十');
    return (tens === '' ? 1 : (HAN_SMALL[tens] ?? 0)) * 10 + (ones === '' ? 0 : (HAN_SMALL[ones] ?? 0));
  }
  return HAN_SMALL[run] ?? Number(run);
}

/** A share the official asked for or took ("要抽一成", "分他一半", "take ten percent"), as a fraction. */
export function findShare(
  text: string,
  tables: DemandTables,
  pauses: readonly number[] = [],
): { fraction: number; term: string; at: number } | null {
  for (const match of text.matchAll(SHARE)) {
    const [whole, tenths, percentHan, percent, over, part] = match;
    const fraction =
      tenths !== undefined
        ? (SHARE_TENTHS[tenths] ?? 0) / 10
        : percentHan !== undefined
          ? hanSmall(percentHan) / 100
          : percent !== undefined
            ? Number(percent) / 100
            : over !== undefined && part !== undefined
              ? (HAN_SMALL[part] ?? 0) / (HAN_SMALL[over] ?? 1)
              : whole.includes('tenth')
                ? 0.1
                : 0.5;
    if (!(fraction > 0 && fraction < 1)) continue;
    // A share is the demand only when its clause says it is asked for or handed over.
    const clause = clauseAround(text, match.index, pauses);
    const words = text.slice(clause.start, clause.end);
    if (tables.paidCues.some((cue) => occurrences(words, cue).length > 0)) {
      return { fraction, term: whole, at: match.index };
    }
  }
  return null;
}

/** The kinds of goods the text names as demanded or given (un-negated), in lexicon order. */
export function findGoods(text: string, tables: DemandTables): GoodsKind[] {
  return tables.goods
    .filter(({ terms }) => matchTerms(text, terms, tables.negation).matched.length > 0)
    .map(({ kind }) => kind);
}

/** What may stand between a figure and its repetition: a pause, a comma, a currency word. */
const REPEAT_GAP = /^(?:\s|[，,、。.…]|元|块钱?){0,4}$/u;

/** Every candidate sum with its role. */
export function readSums(
  text: string,
  sums: readonly Quantity[],
  tables: DemandTables,
  pauses: readonly number[] = [],
): SumReading[] {
  // Below ten yuan a figure is a count said loosely ("要打点一下", "一块腊肉"), never a demand that matters.
  const readings: SumReading[] = [];
  for (const sum of sums.filter((s) => s.value >= 10).sort((a, b) => a.start - b.start)) {
    const previous = readings.at(-1);
    // R-num-4: a figure said again straight after itself ("报了八千 八千") is the same figure, so it is what the
    // first saying was, even when a pause has cut it off from the cue before that.
    const repeated =
      previous !== undefined &&
      previous.value === sum.value &&
      REPEAT_GAP.test(text.slice(previous.end, sum.start));
    readings.push({ ...sum, role: repeated ? previous.role : roleOfSum(text, sum, tables, pauses) });
  }
  return readings;
}

function largest(readings: readonly SumReading[]): SumReading | undefined {
  return readings.reduce<SumReading | undefined>(
    (best, reading) => (best === undefined || reading.value > best.value ? reading : best),
    undefined,
  );
}

/** The form's `amountDemanded`: a sum in figures or words, or goods ("一条玉溪"), or nothing it can read. */
export interface FieldAmount {
  readonly amount: number | null;
  readonly nearly?: boolean;
  readonly goods: readonly GoodsKind[];
  readonly term: string;
}

export function readAmountField(
  value: string | number,
  normalise: (text: string) => string,
  tables: DemandTables,
): FieldAmount | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? { amount: value, goods: [], term: String(value) } : null;
  }
  const text = normalise(value);
  const goods = findGoods(text, tables);
  // In the field every figure is money, except a count of something ("两条中华", "一条玉溪", "3 cartons").
  const sum = findQuantities(text)
    .filter((quantity) => !countsSomethingElse(text, quantity))
    .reduce<Quantity | undefined>(
      (best, q) => (best === undefined || q.value > best.value ? q : best),
      undefined,
    );
  if (sum === undefined && goods.length === 0) return null;
  return {
    amount: sum?.value ?? null,
    ...(sum?.nearly ? { nearly: true } : {}),
    goods,
    term: text,
  };
}

/**
 * The amount demanded: the form's field when it holds a sum; else, when the official asked for a share ("一成",
 * "一半"), that share of the largest sum stated (or a larger sum paid outright); else the largest sum the text does
 * not name as other money (a grant, a bill, a fine, a price, a turnover: never the demand). Goods are recorded
 * whatever decides.
 */
export function readDemand(
  text: string,
  field: FieldAmount | null,
  sums: readonly SumReading[],
  tables: DemandTables,
  pauses: readonly number[] = [],
): Demand | null {
  const goods = [...new Set([...(field?.goods ?? []), ...findGoods(text, tables)])];
  const fromField: Demand | null =
    field !== null && field.amount !== null
      ? {
          amount: field.amount,
          ...(field.nearly ? { nearly: true } : {}),
          source: 'field',
          goods,
          term: field.term,
        }
      : null;
  const fromText = readTextDemand(text, goods, sums, tables, pauses);
  // The field and the text: the larger sum demanded stands (R-amount-1).
  if (fromField === null) return fromText;
  return fromText?.amount != null && fromText.amount > (fromField.amount ?? 0) ? fromText : fromField;
}

function readTextDemand(
  text: string,
  goods: GoodsKind[],
  sums: readonly SumReading[],
  tables: DemandTables,
  pauses: readonly number[],
): Demand | null {
  const fromText = (reading: SumReading | undefined): Demand | null =>
    reading === undefined
      ? null
      : {
          amount: reading.value,
          ...(reading.nearly ? { nearly: true } : {}),
          source: 'text',
          goods,
          term: text.slice(reading.start, reading.end),
        };
  const share = findShare(text, tables, pauses);
  // The sum the share is asked of: the nearest stated before it in its sentence ("救助批下来六千，要分两成"; the
  // readings are in text order), else the largest the text states (R-amount-4).
  const sentenceStart = share === null ? 0 : sentenceAround(text, share.at).start;
  const before =
    share === null ? [] : sums.filter((sum) => sum.start >= sentenceStart && sum.end <= share.at);
  const base = before.at(-1) ?? largest(sums);
  if (share !== null && base !== undefined) {
    // A share of that sum ("报销下来七千多，要抽一成"), unless a sum paid or demanded outright is more.
    const amount = Math.round(base.value * share.fraction);
    const paid = largest(sums.filter((sum) => sum.role === 'demand' || sum.role === 'goods'));
    if (paid !== undefined && paid.value > amount) return fromText(paid);
    return { amount, source: 'share', goods, term: `${share.term} × ${text.slice(base.start, base.end)}` };
  }
  // Every sum not named as something else may be the demand: the largest stands (a figure the text ties to the
  // demand is usually the only one; when two are stated, the larger is the one that must not be missed).
  const tied = fromText(largest(sums.filter((sum) => sum.role !== 'other')));
  if (tied !== null) return tied;
  return goods.length > 0 || share !== null ? { amount: null, source: 'text', goods, term: '' } : null;
}
