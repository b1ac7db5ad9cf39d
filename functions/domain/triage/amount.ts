// Finds sums of money in a complaint ("¥1,500", "两千块", "2000 yuan", "给了他3000") and reads the
// web form's `amountDemanded` field with the same rules, for the category and severity of a solicitation.
import { BOUNDED_BEFORE, findQuantities, type Quantity } from './numbers.ts';
import { type CompiledNegation, type CompiledTerm, isNegated, occurrences } from './terms.ts';

const CURRENCY_AFTER = /^(?:多|余|来)?\s?(?:元|块|圆|人民币|rmb\b|yuan\b|cny\b|kuai\b|bucks?\b|dollars?\b)/u;
const CURRENCY_BEFORE = /(?:¥|\$|rmb|cny|人民币)\s?$/u;
/** What follows a number that is a count of something else: people, days, times, floors, percent. */
const NOT_MONEY_AFTER =
  /^(?:多|余|来)?\s?(?:下(?!来)|些|个|人|名|位|户|家|天|日|号|周|星期|礼拜|月|年|次|趟|遍|回|小时|分钟|点|层|楼|页|份|张|本|件|套|间|亩|平|米|公里|斤|公斤|岁|条|瓶|包(?![过你办批准])|盒|箱|桌|顿|只|袋|成|%|days?\b|weeks?\b|months?\b|years?\b|times?\b|people\b|persons?\b|hours?\b|minutes?\b|floors?\b|pages?\b|percent\b|per\s?cent\b|cartons?\b|bottles?\b|packs?\b|boxes\b|box\b|cards?\b)/u;
/** Letters joined to the digits, or a hyphen and more digits after them: a file or order number (HX240702-1183). */
const CODE_BEFORE = /[a-z]$|[0-9]-$/u;
const CURRENCY_LETTERS = /(?:rmb|cny|usd|hkd)$/u;
const CODE_AFTER = /^[a-z]|^-[0-9]/u;

function isCode(text: string, quantity: Quantity): boolean {
  const before = text.slice(Math.max(0, quantity.start - 3), quantity.start);
  const written = text.slice(quantity.start, quantity.end);
  if (!/^[0-9]/u.test(written)) return false;
  if (CODE_BEFORE.test(before) && !CURRENCY_LETTERS.test(before)) return true;
  // "2k" and "1w" end in their letter already; a letter after that belongs to a code.
  return CODE_AFTER.test(text.slice(quantity.end, quantity.end + 2));
}

const isUpperBound = (text: string, quantity: Quantity) =>
  BOUNDED_BEFORE.test(text.slice(Math.max(0, quantity.start - 12), quantity.start));

/** Seven or more digits in a row with no currency: a phone, account or identity number, never a sum. */
const LONG_NUMBER = /^[0-9]{7,}$/u;

/**
 * A number that counts something other than money (3个月, 两条烟, 三千多人), is a phone number, or is only an upper
 * bound ("不到一千", "a bit under a thousand": R-num-3 counts it as no sum).
 */
export function countsSomethingElse(text: string, quantity: Quantity): boolean {
  if (LONG_NUMBER.test(text.slice(quantity.start, quantity.end))) return true;
  if (isUpperBound(text, quantity)) return true;
  if (isCode(text, quantity)) return true;
  return NOT_MONEY_AFTER.test(text.slice(quantity.end, quantity.end + 12));
}
const CUE_GAP = { han: 3, latin: 8 };

/** The cue standing just before `start`, if any. */
function cueBefore(
  text: string,
  start: number,
  cues: readonly CompiledTerm[],
): { cue: CompiledTerm; at: number } | null {
  for (const cue of cues) {
    const gap = cue.han ? CUE_GAP.han : CUE_GAP.latin;
    const at = occurrences(text, cue, Math.max(0, start - gap - cue.text.length), start)
      .filter((candidate) => start - (candidate + cue.text.length) <= gap)
      .at(-1);
    if (at !== undefined) return { cue, at };
  }
  return null;
}

/** Every sum of money stated in normalised text, in yuan, with where it stands. */
export function findAmounts(text: string, cues: readonly CompiledTerm[]): Quantity[] {
  return findQuantities(text).filter((quantity) => {
    if (isUpperBound(text, quantity)) return false;
    const after = text.slice(quantity.end, quantity.end + 12);
    if (CURRENCY_AFTER.test(after)) return true;
    if (countsSomethingElse(text, quantity)) return false;
    if (CURRENCY_BEFORE.test(text.slice(Math.max(0, quantity.start - 8), quantity.start))) return true;
    return cueBefore(text, quantity.start, cues) !== null;
  });
}

const YEAR = /^(?:19[5-9]\d|20\d\d)$/u;
/**
 * Five or more plain digits joined to a word ("12345工单", "12388举报", "12345转办") are a hotline or file
 * number, not a sum; a sum is followed by its unit, 多/来/余, a space or punctuation.
 */
const IDENTIFIER = /^[0-9]{5,}$/u;
const JOINED_WORD = /^[\p{Script=Han}a-z]/u;
const SUM_TAIL = /^[块元万千百多来余左]/u;

/**
 * Bare figures that can only be sums in a complaint already read as a solicitation ("他伸两根指头 说两千",
 * "a meal of 四千多"): no currency, but no counter either, not a year, and between 100 and ten million.
 */
export function findBareSums(text: string): Quantity[] {
  return findQuantities(text).filter((quantity) => {
    if (quantity.value < 100 || quantity.value > 10_000_000) return false;
    if (countsSomethingElse(text, quantity)) return false;
    if (text.charAt(quantity.start - 1) === '第') return false;
    const written = text.slice(quantity.start, quantity.end);
    const next = text.slice(quantity.end, quantity.end + 1);
    if (IDENTIFIER.test(written) && JOINED_WORD.test(next) && !SUM_TAIL.test(next)) return false;
    return !YEAR.test(written);
  });
}

/** Sums that follow a verb of demanding ("索要2000元", "demanded 2,000 yuan"), as "cue amount" phrases. */
export function findDemands(
  text: string,
  amounts: readonly Quantity[],
  demandCues: readonly CompiledTerm[],
  negation: CompiledNegation,
): string[] {
  const demands: string[] = [];
  for (const amount of amounts) {
    const found = cueBefore(text, amount.start, demandCues);
    if (found && !isNegated(text, found.at, found.cue.han, negation)) {
      demands.push(`${found.cue.label} ${text.slice(amount.start, amount.end)}`);
    }
  }
  return demands;
}

/** The form field holds only an amount, so any number in it counts, with or without a currency. */
export function readAmountDemanded(
  value: string | number,
  normalise: (text: string) => string,
): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const values = findQuantities(normalise(value)).map((quantity) => quantity.value);
  return values.length === 0 ? null : Math.max(...values);
}
