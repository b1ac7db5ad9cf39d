// Finds how long something has dragged on ("半年", "两个多月", "3个月", "三周", "six months",
// "for weeks"), in days, for the severity of an obstruction.
import { findQuantities } from './numbers.ts';

const DAYS: Readonly<Record<string, number>> = {
  年: 365,
  月: 30,
  星期: 7,
  礼拜: 7,
  周: 7,
  天: 1,
  日: 1,
  工作日: 1,
  year: 365,
  month: 30,
  week: 7,
  day: 1,
};

// 月 needs 个 (三个月): without it, 三月 is March.
const HAN_UNIT = /^(?:多|余|来)?(?:(个)(多|半)?)?(年|月|星期|礼拜|周|天|工作日|日)(半)?/u;
const LATIN_UNIT = /^\s*(?:of\s+)?(?:more\s+)?(year|month|week|day)s?\b(\s+and\s+a\s+half)?/u;
/** "不到一个月", "less than a week": an upper bound, not a delay already suffered. */
const BOUNDED_BEFORE = /(?:不到|不足|不超过|less than|under|within)\s?$/u;

const PHRASES: readonly (readonly [RegExp, number])[] = [
  [/半年|half a year/gu, 182],
  [/半个月|half a month/gu, 15],
  [/多年|数年|for years/gu, 730],
  [/数月|for months/gu, 60],
  [/for weeks/gu, 14],
];

/**
 * A year or more told in a story (worked there thirteen years, the reports of the past three years) is the
 * reporter's life, not a wait, unless the text says the wait goes on, as for a date long ago.
 */
const YEARS = 365;

/** "三年前", "two years ago": a point in the past, not how long something has lasted. */
const AGO_AFTER = /^\s?(?:以前|之前|前|ago\b)/u;
/** Words that say the wait goes on, so a matter begun long ago is also a long delay. */
const STILL_WAITING =
  /至今|迄今|到现在|到今天|到目前|现在还|现在都|还没|还是没|还在|仍然|仍未|一直没|一直不|一直在等|没人回|没回音|没有回音|没动静|没消息|没下文|\bstill\b|until now|to this day|so far|yet to|not yet|nobody has|no one has|haven.t heard|no reply/u;

/** Every duration stated in normalised text, in days; with `ago`, whether it was said as "… ago". */
export function extractDurations(text: string): number[] {
  return durationsIn(text).map((duration) => duration.days);
}

/**
 * How long the complainant has been kept waiting, in days: every duration, except that one said as
 * "… ago" (三年前) counts only when the text says the wait goes on (至今, still): a date long ago is not a delay.
 */
export function extractDelays(text: string): number[] {
  const waiting = STILL_WAITING.test(text);
  return durationsIn(text)
    .filter((duration) => !(duration.ago || duration.days >= YEARS) || waiting)
    .map((duration) => duration.days);
}

function durationsIn(text: string): { days: number; ago: boolean }[] {
  const found: { days: number; ago: boolean }[] = [];
  const days = {
    push: (value: number, end: number) =>
      found.push({ days: value, ago: AGO_AFTER.test(text.slice(end, end + 6)) }),
  };
  for (const quantity of findQuantities(text)) {
    const before = text.slice(Math.max(0, quantity.start - 10), quantity.start);
    // "half a year" is read whole by the phrases below, not as "a year".
    if (BOUNDED_BEFORE.test(before) || /half\s$/u.test(before)) continue;
    const after = text.slice(quantity.end, quantity.end + 24);
    const han = HAN_UNIT.exec(after);
    if (han) {
      const [, counter, middle, unit = '', trailingHalf] = han;
      const isCalendarYear = unit === '年' && quantity.value >= 1000;
      if (unit === '月' && counter === undefined) continue;
      // 日 after a month is a date (3月5日), not five days.
      if (unit === '日' && text.charAt(quantity.start - 1) === '月') continue;
      if (isCalendarYear) continue;
      const half = middle === '半' || trailingHalf !== undefined ? 0.5 : 0;
      days.push((quantity.value + half) * (DAYS[unit] ?? 0), quantity.end + han[0].length);
      continue;
    }
    const latin = LATIN_UNIT.exec(after);
    if (latin) {
      const [, unit = '', half] = latin;
      days.push((quantity.value + (half ? 0.5 : 0)) * (DAYS[unit] ?? 0), quantity.end + latin[0].length);
    }
  }
  for (const [pattern, length] of PHRASES) {
    for (const match of text.matchAll(pattern)) {
      if (!BOUNDED_BEFORE.test(text.slice(Math.max(0, match.index - 10), match.index))) {
        days.push(length, match.index + match[0].length);
      }
    }
  }
  return found;
}
