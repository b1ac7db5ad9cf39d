// Dates as people state them — 2024年1月15日, 三月份, 上个月, 前天, 年初, 去年底, "last October", "in March" —
// read as periods of days against the day the complaint was received (passed in: the domain reads no clock), and
// the day a text says it is "now" (截至2024年3月1日, "it is now August"). docs/triage.md, "Dates".
import { findQuantities } from './numbers.ts';

/** A day as a count of days since 1970-01-01 (the calendar of the office's time zone, not UTC). */
export type Day = number;

export interface DatePeriod {
  /** First and last day of the period (上个月: the whole month; 前天: one day). */
  readonly from: Day;
  readonly to: Day;
  /** Where the words stand in the normalised text. */
  readonly start: number;
  readonly end: number;
}

const DAY_MS = 86_400_000;

export function dayOf(year: number, month: number, day: number): Day {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoOf(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The office's calendar day of an instant, given its offset from UTC in minutes (China: +480, no summer time). */
export function localDayOf(instant: string, utcOffsetMinutes: number): Day | null {
  const ms = Date.parse(instant);
  return Number.isFinite(ms) ? Math.floor((ms + utcOffsetMinutes * 60_000) / DAY_MS) : null;
}

function parts(day: Day): { year: number; month: number; date: number; weekday: number } {
  const d = new Date(day * DAY_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    date: d.getUTCDate(),
    weekday: d.getUTCDay(),
  };
}

function monthPeriod(year: number, month: number): { from: Day; to: Day } {
  // Date.UTC rolls month 13 into January of the next year and month 0 into December of the last.
  return { from: dayOf(year, month, 1), to: dayOf(year, month + 1, 1) - 1 };
}

/** A part of a year as people name it (年初, 年底, 上半年…); anything else is the whole year. */
function yearPart(year: number, part: string | undefined): { from: Day; to: Day } {
  switch (part) {
    case '初':
    case '年初':
    case '年头':
    case '开年':
      // January and February, to the last day of February (the 29th in a leap year).
      return { from: dayOf(year, 1, 1), to: dayOf(year, 3, 1) - 1 };
    case '底':
    case '末':
    case '年底':
    case '年末':
    case '年尾':
      return monthPeriod(year, 12);
    case '上半年':
      return { from: dayOf(year, 1, 1), to: dayOf(year, 6, 30) };
    case '下半年':
      return { from: dayOf(year, 7, 1), to: dayOf(year, 12, 31) };
    default:
      return { from: dayOf(year, 1, 1), to: dayOf(year, 12, 31) };
  }
}

/** Day `day` of a month as one day, or null when the month has no such day (`2月30日` is no date, R-date-1). */
function dayOfMonth(period: { from: Day; to: Day }, day: number | null): { from: Day; to: Day } | null {
  if (day === null || day < 1 || period.from + day - 1 > period.to) return null;
  return { from: period.from + day - 1, to: period.from + day - 1 };
}

/** The latest month of that number that begins on or before `ref` (三月 said in August is this March). */
function latestMonth(month: number, ref: Day): { from: Day; to: Day } {
  const { year } = parts(ref);
  const thisYear = monthPeriod(year, month);
  return thisYear.from <= ref ? thisYear : monthPeriod(year - 1, month);
}

const HAN_DIGIT = '[0-9〇零一二两三四五六七八九十]';
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
const MONTH_SHORT = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)$/u;

function numberOf(run: string): number | null {
  if (/^[0-9]+$/u.test(run)) return Number(run);
  const [quantity] = findQuantities(run);
  return quantity === undefined || quantity.start !== 0 || quantity.end !== run.length
    ? null
    : quantity.value;
}

function englishMonth(word: string): number | null {
  const full = MONTH_NAMES.indexOf(word as (typeof MONTH_NAMES)[number]);
  if (full !== -1) return full + 1;
  const short = MONTH_SHORT.exec(word)?.[1];
  if (short === undefined) return null;
  return MONTH_NAMES.findIndex((name) => name.startsWith(short.slice(0, 3))) + 1;
}

type Resolver = (match: RegExpExecArray, ref: Day | null) => { from: Day; to: Day } | null;

/** Fixed-date festivals people date things by (the lunar ones move and are not read). */
const FESTIVALS: Readonly<Record<string, readonly [number, number, number]>> = {
  元旦: [1, 1, 1],
  五一: [5, 1, 5],
  劳动节: [5, 1, 5],
  国庆: [10, 1, 7],
  清明: [4, 4, 6],
};

/** Days after Monday: 一 is Monday … 六 Saturday, 日 and 天 Sunday. */
const WEEKDAY_AFTER_MONDAY: Readonly<Record<string, number>> = {
  一: 0,
  二: 1,
  三: 2,
  四: 3,
  五: 4,
  六: 5,
  日: 6,
  天: 6,
};
/** In the order of `Date.getUTCDay()`: Sunday is 0. */
const ENGLISH_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  今天: 0,
  今日: 0,
  昨天: 1,
  昨日: 1,
  前天: 2,
  大前天: 3,
  today: 0,
  yesterday: 1,
  'the day before yesterday': 2,
};

function withYear(year: number, ref: Day | null, make: (year: number) => { from: Day; to: Day }) {
  return ref === null ? null : make(parts(ref).year + year);
}

/**
 * Each pattern with how it resolves. Order matters: longer, more specific forms come first and the text they
 * cover is not read again by a shorter one.
 */
const PATTERNS: readonly (readonly [RegExp, Resolver])[] = [
  // 2024年1月15日, 2024-01-15, 2024/1/15, 2024.1.15
  [
    new RegExp(
      `((?:19|20)[0-9]{2}|[一二][〇零九][〇零一二三四五六七八九]{2})年(${HAN_DIGIT}{1,3})月(${HAN_DIGIT}{1,3})[日号]`,
      'gu',
    ),
    (m) => {
      const [year, month, day] = [numberOf(m[1] ?? ''), numberOf(m[2] ?? ''), numberOf(m[3] ?? '')];
      if (year === null || month === null || month < 1 || month > 12) return null;
      return dayOfMonth(monthPeriod(year, month), day);
    },
  ],
  [
    /\b((?:19|20)[0-9]{2})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})\b/gu,
    (m) => {
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (month < 1 || month > 12) return null;
      return dayOfMonth(monthPeriod(year, month), day);
    },
  ],
  // 2024年3月
  [
    new RegExp(
      `((?:19|20)[0-9]{2}|[一二][〇零九][〇零一二三四五六七八九]{2})年(${HAN_DIGIT}{1,3})月(?!${HAN_DIGIT})`,
      'gu',
    ),
    (m) => {
      const [year, month] = [numberOf(m[1] ?? ''), numberOf(m[2] ?? '')];
      return year === null || month === null || month < 1 || month > 12 ? null : monthPeriod(year, month);
    },
  ],
  // 今年三月, 去年10月份, 去年3月5日, 前年年底 is below: a month of a year said relative to the day of receipt
  [
    new RegExp(
      `(今年|去年|旧年|前年)(?:的)?(${HAN_DIGIT}{1,2})月(?:份)?(?:(${HAN_DIGIT}{1,3})[日号])?(初|中旬|中|底|末|下旬|上旬)?`,
      'gu',
    ),
    (m, ref) => {
      const back = m[1] === '前年' ? 2 : m[1] === '去年' || m[1] === '旧年' ? 1 : 0;
      const [month, day] = [numberOf(m[2] ?? ''), m[3] === undefined ? null : numberOf(m[3])];
      if (ref === null || month === null || month < 1 || month > 12) return null;
      const period = monthPeriod(parts(ref).year - back, month);
      return m[3] === undefined ? partOfMonth(period, m[4]) : dayOfMonth(period, day);
    },
  ],
  // 2019年, 二〇一九年底: a year alone (not 2019年3月, read above; not 2019年前, a point before it)
  [
    new RegExp(
      `((?:19|20)[0-9]{2}|[一二][〇零九][〇零一二三四五六七八九]{2})年(?!${HAN_DIGIT}|前|代|级|度|多|以前|之前)(初|底|末|年初|年底|年末|上半年|下半年)?`,
      'gu',
    ),
    (m) => {
      const year = numberOf(m[1] ?? '');
      if (year === null) return null;
      return yearPart(year, m[2]);
    },
  ],
  // 上上个月, 上个月, 这个月, 本月 (with 初 / 中 / 底 / 末, or a day: 上月15日 is that one day)
  [
    new RegExp(
      `(上上个?月|上个?月|这个?月|本月)(?:(初|中旬|中|底|末|下旬|上旬)|(${HAN_DIGIT}{1,3})[日号])?`,
      'gu',
    ),
    (m, ref) => {
      if (ref === null) return null;
      const back = m[1]?.startsWith('上上') ? 2 : m[1]?.startsWith('上') ? 1 : 0;
      const { year, month } = parts(ref);
      const period = monthPeriod(year, month - back);
      return m[3] === undefined ? partOfMonth(period, m[2]) : dayOfMonth(period, numberOf(m[3]));
    },
  ],
  // 去年底, 去年年初, 前年, 今年上半年, 年初, 年底
  [
    /(前年|去年|旧年|今年)?(?:的)?(年初|年头|开年|年底|年末|年尾|上半年|下半年)|(前年|去年|旧年|今年)(初|底|末)|(前年|去年|旧年)/gu,
    (m, ref) => {
      const which = m[1] ?? m[3] ?? m[5];
      const back = which === '前年' ? 2 : which === '去年' || which === '旧年' ? 1 : 0;
      const part = m[2] ?? (m[4] === undefined ? undefined : `年${m[4]}`);
      return withYear(-back, ref, (year) => yearPart(year, part));
    },
  ],
  // 3月5日, 三月五号
  [
    new RegExp(`(?<![0-9年个])(${HAN_DIGIT}{1,3})月(${HAN_DIGIT}{1,3})[日号]`, 'gu'),
    (m, ref) => {
      const [month, day] = [numberOf(m[1] ?? ''), numberOf(m[2] ?? '')];
      if (ref === null || month === null || month < 1 || month > 12) return null;
      return dayOfMonth(latestMonth(month, ref), day);
    },
  ],
  // 三月, 3月份 (not 三个月, a duration; not 3月5日, read above)
  [
    new RegExp(
      `(?<![0-9年个上这本])(${HAN_DIGIT}{1,2})月(?:份)?(?![0-9〇零一二两三四五六七八九十日号])(初|中旬|中|底|末|下旬|上旬)?`,
      'gu',
    ),
    (m, ref) => {
      const month = numberOf(m[1] ?? '');
      if (ref === null || month === null || month < 1 || month > 12) return null;
      return partOfMonth(latestMonth(month, ref), m[2]);
    },
  ],
  // 上周, 上个星期, 上个礼拜: the previous Monday to Sunday; 上周一, 上星期三: that one day of it
  [
    /上(?:个)?(?:周|星期|礼拜)([一二三四五六日天](?![直下起样共些次]))?/gu,
    (m, ref) => {
      if (ref === null) return null;
      const monday = ref - ((parts(ref).weekday + 6) % 7) - 7;
      if (m[1] === undefined) return { from: monday, to: monday + 6 };
      const at = monday + (WEEKDAY_AFTER_MONDAY[m[1]] ?? 0);
      return { from: at, to: at };
    },
  ],
  // "last Monday": the latest Monday before the day of receipt
  [
    /\blast (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/gu,
    (m, ref) => {
      if (ref === null) return null;
      const wanted = ENGLISH_WEEKDAYS.indexOf(m[1] ?? '');
      const back = (parts(ref).weekday - wanted + 7) % 7 || 7;
      return { from: ref - back, to: ref - back };
    },
  ],
  [
    /大前天|前天|昨天|昨日|今天|今日|the day before yesterday|yesterday|today/gu,
    (m, ref) => {
      const back = RELATIVE_DAYS[m[0]];
      return ref === null || back === undefined ? null : { from: ref - back, to: ref - back };
    },
  ],
  [
    /(元旦|五一|劳动节|国庆|清明)(?:节)?/gu,
    (m, ref) => {
      const festival = FESTIVALS[m[1] ?? ''];
      if (ref === null || festival === undefined) return null;
      const [month, first, last] = festival;
      const { year } = parts(ref);
      const thisYear = dayOf(year, month, first);
      const y = thisYear <= ref ? year : year - 1;
      return { from: dayOf(y, month, first), to: dayOf(y, month, last) };
    },
  ],
  // English: last week, last month, this month, last year, this year, earlier this year, end of last year; not "last
  // year's figures", which names what the figures are about, not when anything happened
  [
    /\b(?:at the )?(?:(beginning|start|end) of |(early|late|earlier) )?(last|this) (week|month|year)\b(?!['’]s\b)/gu,
    (m, ref) => {
      if (ref === null) return null;
      const [, edge, adverb, which, unit] = m;
      const back = which === 'last' ? 1 : 0;
      const { year, month } = parts(ref);
      if (unit === 'week') {
        const monday = ref - ((parts(ref).weekday + 6) % 7);
        return { from: monday - 7 * back, to: back === 1 ? monday - 1 : ref };
      }
      if (unit === 'month') {
        const period = monthPeriod(year, month - back);
        return edge === 'end' || adverb === 'late'
          ? partOfMonth(period, '底')
          : edge !== undefined || adverb === 'early'
            ? partOfMonth(period, '初')
            : period;
      }
      const y = year - back;
      if (edge === 'end' || adverb === 'late') return monthPeriod(y, 12);
      if (edge !== undefined || adverb === 'early' || adverb === 'earlier') {
        return { from: dayOf(y, 1, 1), to: adverb === 'earlier' ? ref : dayOf(y, 2, 28) };
      }
      return { from: dayOf(y, 1, 1), to: dayOf(y, 12, 31) };
    },
  ],
  // March 5, 5 March, March 2024, last October, in March
  [
    /\b(?:(\d{1,2})(?:st|nd|rd|th)? (?:of )?)?(?:(early|mid|late) )?(?:(last|this) )?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?(?: (\d{1,2})(?:st|nd|rd|th)?\b)?(?:,? ((?:19|20)\d{2})\b)?/gu,
    (m, ref) => {
      const [, dayBefore, part, which, name = '', dayAfter, yearText] = m;
      // The day before the month ("5 March", "the 3rd of May") or after it ("March 5").
      const dayText = dayBefore ?? dayAfter;
      const month = englishMonth(name);
      if (month === null) return null;
      // "may" alone is a verb far more often than a month, unless a word of time stands before it ("now May").
      const lead = m.input.slice(Math.max(0, m.index - 12), m.index);
      const plainMay =
        name === 'may' && dayText === undefined && yearText === undefined && which === undefined;
      if (plainMay && !/\b(?:now|in|since|until|early|late|of|from)\s$/u.test(lead)) return null;
      let period: { from: Day; to: Day };
      if (yearText !== undefined) period = monthPeriod(Number(yearText), month);
      else if (ref === null) return null;
      else {
        period = latestMonth(month, ref);
        // "last October" said in October is a year ago.
        if (which === 'last' && period.to >= ref) period = monthPeriod(parts(period.from).year - 1, month);
      }
      // "early November" is its first ten days, as 十一月初 is (R-date-1); "mid", "late" likewise.
      if (dayText === undefined) return partOfMonth(period, part && ENGLISH_PART[part]);
      return dayOfMonth(period, Number(dayText));
    },
  ],
];

const ENGLISH_PART: Readonly<Record<string, string>> = { early: '初', mid: '中', late: '底' };

function partOfMonth(period: { from: Day; to: Day }, part: string | undefined): { from: Day; to: Day } {
  switch (part) {
    case '初':
    case '上旬':
      return { from: period.from, to: period.from + 9 };
    case '中':
    case '中旬':
      return { from: period.from + 10, to: period.from + 19 };
    case '底':
    case '末':
    case '下旬':
      return { from: period.from + 20, to: period.to };
    default:
      return period;
  }
}

/**
 * Every date the normalised text states, as periods, in text order. `ref` is the day the dates are read against
 * (the day of receipt, or the day the text says it is now); without one only dates with their year are read.
 */
export function findDates(text: string, ref: Day | null): DatePeriod[] {
  // The delay, the text's now and the incident date read the same dates of one text: the last reading is kept.
  if (lastRead.text !== text || lastRead.ref !== ref) lastRead = { text, ref, dates: readDates(text, ref) };
  return [...lastRead.dates];
}

let lastRead: { text: string; ref: Day | null; dates: readonly DatePeriod[] } = {
  text: '',
  ref: null,
  dates: [],
};

function readDates(text: string, ref: Day | null): DatePeriod[] {
  const found: DatePeriod[] = [];
  const covered = (start: number, end: number) => found.some((date) => start < date.end && date.start < end);
  for (const [pattern, resolve] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (covered(start, end)) continue;
      const period = resolve(match as RegExpExecArray, ref);
      if (period !== null && period.from <= period.to) found.push({ ...period, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "截至2024年3月1日", "现在都快清明了", "it is now August": the words after which a date is the text's own now. */
const NOW_BEFORE =
  /(?:截至|截止到|截止|直到|到了|现在(?:都|已经|是|都是|已|都已经)?(?:快|快到)?|如今|目前|it'?s now|it is now|now it'?s|now it is|now,? it'?s)\s?$/u;

/**
 * The day the text says it is now ("截至2024年3月1日", "现在都快清明了", "it is now August"), if it says one: the
 * first day of that period, so that a wait measured up to it is never longer than the text says. Read against
 * `ref`, the day of receipt; without one, a month said as "now" is still read (a wait's length does not depend on
 * the year, as long as both of its ends are read against the same one).
 */
export function statedNow(text: string, ref: Day | null): { day: Day; start: number } | null {
  const anchor = ref ?? NO_YEAR;
  for (const date of findDates(text, anchor)) {
    if (NOW_BEFORE.test(text.slice(Math.max(0, date.start - 16), date.start))) {
      return { day: date.from, start: date.start };
    }
  }
  return null;
}

/** Any last day of a year serves to read a month without a year when only lengths matter (not a leap year). */
const NO_YEAR = dayOf(2001, 12, 31);
