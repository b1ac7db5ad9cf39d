// Reads the numbers people write in complaints — 2000, 1,500, 1.5万, 两千五, 一个多, 几, "two thousand",
// "a few" — with their position, so the amount and duration readers can look at the words around them.

export interface Quantity {
  readonly value: number;
  readonly start: number;
  readonly end: number;
  /** Said as "nearly" the value (快两千, 将近一个月, almost a month): recorded, and counted as the value. */
  readonly nearly?: boolean;
}

const HAN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
  // "a few": the least it can mean, so thresholds are only crossed when the writer clearly crossed them.
  几: 2,
};
const HAN_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const HAN_MYRIADS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** 两千五 = 2500, 一千零五 = 1005, 十几 = 12, 三万 = 30000; null when the run is not a number. */
export function parseHanNumeral(run: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 1;
  let zeroSeen = false;
  const chars = [...run];
  for (const [i, char] of chars.entries()) {
    const d = HAN_DIGITS[char];
    const next = chars[i + 1] ?? '';
    const beforeUnit = HAN_UNITS[next] !== undefined || HAN_MYRIADS[next] !== undefined;
    const unit = HAN_UNITS[char];
    const myriad = HAN_MYRIADS[char];
    if (d !== undefined) {
      // 二〇〇八: a zero after a digit is positional (a year written out); after a unit (一千零五) it marks a gap.
      if (d === 0 && digit !== null) digit *= 10;
      else if (d === 0) zeroSeen = true;
      // 两三千, 三四百, 十五六, 三五百: a spoken range, read as its lower end so thresholds are crossed only when
      // surely crossed: two digits one apart, or rising just before a unit; 一九九九 (a year) is read in turn.
      else if (digit !== null && digit < 10 && !zeroSeen && (d === digit + 1 || (d > digit && beforeUnit)))
        continue;
      else digit = digit === null ? d : digit * 10 + d;
    } else if (unit !== undefined) {
      section += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
      zeroSeen = false;
    } else if (myriad !== undefined) {
      total = (total + section + (digit ?? 0)) * myriad || myriad;
      section = 0;
      digit = null;
      lastUnit = myriad;
      zeroSeen = false;
    } else {
      return null;
    }
  }
  // Spoken shorthand: 一千五 is 1500 and 两万五 is 25000, but 一千零五 is 1005.
  const tail = digit === null ? 0 : lastUnit >= 100 && !zeroSeen ? (digit * lastUnit) / 10 : digit;
  return total + section + tail;
}

const ENGLISH_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  couple: 2,
  few: 2,
  several: 2,
};
const ENGLISH_SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, million: 1_000_000 };

// 2k and 1w (一万) as people type them; 1万5 and 2千5 as they say them (15,000 and 2,500).
const ARABIC =
  /(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?([百千万kw])(?![a-z])([0-9一二两三四五六七八九](?![0-9百千万]))?|\s(hundred|thousand|million)\b)?/gu;
// 二十来万, 十多万, 一百多万: 多, 来 or 余 before a larger unit is part of the number (at its lower end, R-num-2).
const HAN_RUN =
  /(?:好几|[数上](?=[百千万]))?[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖几十拾百佰千仟万亿](?:[零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖几十拾百佰千仟万亿]|[多来余](?=[百佰千仟万亿])|好(?=几))*/gu;
const ENGLISH_RUN =
  /\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|couple|few|several|hundred|thousand|million)\b(?:(?:[\s-]+|\s+and\s+|\s+of\s+)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|couple|few|hundred|thousand|million)\b)*/gu;

const SUFFIX_SCALE: Readonly<Record<string, number>> = {
  百: 100,
  千: 1000,
  万: 10_000,
  k: 1000,
  w: 10_000,
  hundred: 100,
  thousand: 1000,
  million: 1_000_000,
};

function parseEnglish(run: string): number | null {
  let total = 0;
  let current = 0;
  let seen = false;
  const words = run.split(/[\s-]+/u);
  for (const [i, word] of words.entries()) {
    // "a" counts only alone ("a month"); in "a few" or "a thousand" the next word carries the number.
    const n = (word === 'a' || word === 'an') && i < words.length - 1 ? 0 : ENGLISH_NUMBERS[word];
    const scale = ENGLISH_SCALES[word];
    if (n !== undefined) {
      current += n;
      seen = true;
    } else if (scale !== undefined) {
      current = (current || 1) * scale;
      if (scale >= 1000) {
        total += current;
        current = 0;
      }
      seen = true;
    }
  }
  return seen ? total + current : null;
}

const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};

/**
 * A run of numerals said twice, as callers do ("五百 五百", which normalisation joins into 五百五百), is two
 * numbers: a unit that does not descend starts a new one. Returns the pieces with their offsets.
 */
function spokenRepeats(run: string): [string, number][] {
  const pieces: [string, number][] = [];
  let start = 0;
  let lastUnit = Number.POSITIVE_INFINITY;
  // 几十万几十万: a myriad no larger than the last one begins a new number right after that one.
  let lastMyriad: { value: number; end: number } | null = null;
  for (let at = 0; at < run.length; at += 1) {
    const char = run.charAt(at);
    const myriad = HAN_MYRIADS[char];
    if (myriad !== undefined) {
      if (lastMyriad !== null && myriad <= lastMyriad.value && at > lastMyriad.end) {
        pieces.push([run.slice(start, lastMyriad.end), start]);
        start = lastMyriad.end;
      }
      lastMyriad = { value: myriad, end: at + 1 };
      lastUnit = Number.POSITIVE_INFINITY;
    }
    const unit = SMALL_UNITS[char];
    if (unit === undefined) continue;
    if (unit >= lastUnit && at - 1 > start) {
      // The new number begins with the digit just before this unit.
      const cut = HAN_DIGITS[run.charAt(at - 1)] === undefined ? at : at - 1;
      pieces.push([run.slice(start, cut), start]);
      start = cut;
    }
    lastUnit = unit;
  }
  pieces.push([run.slice(start), start]);
  return pieces;
}

// Amounts, bare sums and durations all read the numbers of the same text: the last reading is kept for them.
let lastRead: { text: string; quantities: readonly Quantity[] } = { text: '', quantities: [] };

/** Every number in normalised text, Arabic, Chinese or English, left to right. */
export function findQuantities(text: string): Quantity[] {
  if (lastRead.text !== text) lastRead = { text, quantities: readQuantities(text) };
  return [...lastRead.quantities];
}

function readQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const match of text.matchAll(ARABIC)) {
    const [whole, integer = '', fraction = '', han, tail, english] = match;
    const scale = SUFFIX_SCALE[han ?? english ?? ''] ?? 1;
    // 1万5 is 15,000: the digit after the scale is a tenth of it, as in 一万五.
    const tailDigit = tail === undefined ? 0 : (HAN_DIGITS[tail] ?? Number(tail));
    const value =
      Number.parseFloat(integer.replaceAll(',', '') + fraction) * scale + (tailDigit * scale) / 10;
    if (Number.isFinite(value)) found.push({ value, start: match.index, end: match.index + whole.length });
  }
  for (const match of text.matchAll(HAN_RUN)) {
    // A numeral right before 角 is no digit of the sum: 三角 is a town of the district (报了六千 三角镇…, whose
    // pause normalisation removes, is 6,000, not 六千三), and a sum in 角, under one yuan, never decides anything.
    const run = text.charAt(match.index + match[0].length) === '角' ? match[0].slice(0, -1) : match[0];
    if (run === '') continue;
    for (const [whole, offset] of spokenRepeats(run)) {
      const prefix = /^(?:好几|数|上)/u.exec(whole)?.[0] ?? '';
      // 二十好几 is 二十几: twenty-odd, at its lower end.
      const body = whole.slice(prefix.length).replace(/[多来余好]/gu, '');
      // 上千 is "about a thousand", 数千 and 好几千 "some thousands".
      const value = parseHanNumeral(prefix === '' || prefix === '上' ? body : `几${body}`);
      const start = match.index + offset;
      if (value !== null && value > 0) found.push({ value, start, end: start + whole.length });
    }
  }
  for (const match of text.matchAll(ENGLISH_RUN)) {
    const [whole] = match;
    const value = parseEnglish(whole);
    if (value !== null && value > 0)
      found.push({ value, start: match.index, end: match.index + whole.length });
  }
  return withoutOverlaps(found).map((quantity) =>
    NEARLY_BEFORE.test(text.slice(Math.max(0, quantity.start - 10), quantity.start))
      ? { ...quantity, nearly: true }
      : quantity,
  );
}

/**
 * An upper bound before a number (R-num-3): "不到一个月", "没到一千", Cantonese "唔够一千", "less than a week", "a bit under a thousand" say how much at
 * most, so they count as no duration and no sum at all.
 */
export const BOUNDED_BEFORE =
  /(?:不到|没到|没有到|未到|唔够|未够|不足|未满|没满|不超过|没超过|未超过|less than|under|within|not quite|not even|no more than|at most)\s?(?:a\s)?$/u;

/**
 * "Nearly" before a number: 快两千, 将近一个月, 接近三千, 近两年, almost a month, nearly 2,000. Not 差不多 or
 * about (大约, 左右): those say roughly, on either side.
 */
const NEARLY_BEFORE =
  /(?:快(?:要)?|将近|接近|(?:^|[^附最接将])近|almost|nearly|close to|not quite)\s?(?:有\s?)?$/u;

// "1.5万" is read whole by the Arabic pattern; the Chinese pattern's lone "万" inside it is dropped.
function withoutOverlaps(found: Quantity[]): Quantity[] {
  const sorted = found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Quantity[] = [];
  for (const quantity of sorted) {
    const last = kept.at(-1);
    if (!last || quantity.start >= last.end) kept.push(quantity);
  }
  return kept;
}
