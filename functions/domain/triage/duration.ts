// How long a matter has waited on the office, in days: durations stated ("半年", "两个多月", "三个多月了",
// "six months") and waits from a stated date to the day of receipt or the day the text says it is now ("上个月交的，
// 到现在还没批", "I applied in March. It's now August"), for the severity of an obstruction. docs/triage.md, "Delay".
import { clauseAround, sentenceAround } from './clauses.ts';
import { type Day, findDates, statedNow } from './dates.ts';
import { BOUNDED_BEFORE, findQuantities } from './numbers.ts';
import { type CompiledTerm, contains } from './terms.ts';

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

// 月 needs 个 (三个月): without it, 三月 is March, except after a word that makes it a length (逾一月).
const MONTH_AS_LENGTH = /(?:逾|满|超过|已逾|近)$/u;
const HAN_UNIT = /^(?:多|余|来)?(?:(个)(多|外|半|几)?)?(年|月|星期|礼拜|周|天|工作日|日)(半|多)?/u;
const LATIN_UNIT = /^\s*(?:of\s+)?(?:more\s+)?(year|month|week|day)s?\b(\s+and\s+a\s+half)?/u;

const PHRASES: readonly (readonly [RegExp, number])[] = [
  [/半年|half a year/gu, 182],
  [/半个(?:多|来)?月|half a month/gu, 15],
  [/成个月|整个月|个把月/gu, 30],
  [/个把(?:星期|礼拜)/gu, 7],
  [/多年|数年|for years/gu, 730],
  [/数月|for months/gu, 60],
  [/for weeks/gu, 14],
];

/** A year or more, or a date long ago, is a wait only when the wait is said to go on. */
const YEARS = 365;

/** "三个月大", "two years old": an age, not a wait (R-delay-1). */
const AGE_AFTER = /^\s?(?:大|old\b)/u;
/** "第二天", "第三个月": an ordinal counts the days or months of a story; it is no length unless it lasts up to now. */
const ORDINAL_BEFORE = /第\s?$/u;

/**
 * "窗口说要等一个月", "they said it takes a month": a wait announced, not yet waited (R-delay-1); the time already waited
 * ("等了一个月") is told with the verb done.
 */
const ANNOUNCED_BEFORE =
  /(?:要等|得等|需要等|还要等|需等|再等|需要|预计|大概要|最快要|最少要|至少要|最快|还要|还得|\b(?:it )?takes?|\bwill take|\bwould take|\bwait another)\s?(?:个)?$/u;
/** "三年前", "two years ago": a point in the past, not how long something has lasted. */
const AGO_AFTER = /^\s?(?:以前|之前|前|ago\b)/u;
/** "三个多月了", "has been … for a year": a duration that lasts up to now. */
const UP_TO_NOW_AFTER = /^\s?(?:了|啦|咯|喽)/u;
const UP_TO_NOW_BEFORE =
  /(?:has been|have been|'ve been|been waiting|has taken|have waited|has waited|for the past|for the last)\b[^.]*$/u;
/** Words that say the wait goes on, so a matter begun long ago is also a long delay. */
const STILL_WAITING =
  /至今|迄今|到现在|到今天|到今日|到今朝|到今仔日|到如今|到而今|仲未|仲冇|还冇|还呒没|犹未|猶未|都未|到目前|到而家|现在还|现在都|还没|还是没|还未|还在|仍然|仍未|一直没|一直不|一直在等|再等|没弄好|没办好|没人回|没回音|没有回音|没动静|没消息|没下文|\bstill\b|until now|to this day|so far|yet to|not yet|nobody has|no one has|haven.t heard|no reply|no answer|no response|no acknowledg|no news|heard nothing|nothing since|(?:has|have|'ve) (?:been|had)\b[^.!?]*\bsince\b/u;
const spanOf = (span: { start: number; end: number }): [number, number] => [span.start, span.end];
/** "从元旦前就开始跑", "since March": the date a wait began. */
const SINCE_BEFORE = /(?:从|自从|自|since|from)\s?$/u;
/** A sentence that dates what the one before it told ("That was 45 days ago", "那是两个月前的事"). */
const THAT_WAS = /^\s*(?:that was|this was|it was|that's|那是|这是)/u;
/** Words that make a stated date the start of a wait: the matter was handed in, applied for or promised then. */
const WAIT_START =
  /交|递|寄|提交|申请|报上|报了|报送|补材料|补交|补齐|补了|反映|举报|投诉|办理|去办|来办|等|拖|压|承诺|答应|applied|submitted|handed|filed|lodged|sent|registered|reported|complained|received|promised|waiting|waited|since/u;

export interface Duration {
  readonly days: number;
  /** Where it was read in the normalised text. */
  readonly start: number;
  readonly end: number;
  /** Said as "… ago" (三年前): a date, not a length. */
  readonly ago: boolean;
  /** Said as lasting up to now (三个多月了, "has been … for"). */
  readonly upToNow: boolean;
}

/** Every duration stated in normalised text, in days. */
export function extractDurations(text: string): number[] {
  return durationsIn(text).map((duration) => duration.days);
}

export interface DelayContext {
  /** Words that make a duration the reporter's own time ("在外地打工", "住院"), never a wait. */
  readonly ownTime: readonly CompiledTerm[];
  /** The day the complaint was received, in the office's calendar; without it only dates with a year are read. */
  readonly receivedOn?: Day | null;
  /** Pauses of a transcript, which end clauses (normaliseWithPauses). */
  readonly pauses?: readonly number[];
}

export interface Delay {
  readonly days: number;
  /** `duration`: a stated length; `date`: from a stated date to the day of receipt or the text's own now. */
  readonly from: 'duration' | 'date';
  readonly start: number;
}

/** How near a duration a word of the reporter's own time must stand (transcripts have no commas to go by). */
const OWN_TIME_REACH = 8;
/** English says in about three characters what Chinese says in one ("for work for two months"). */
const OWN_TIME_REACH_LATIN = 24;

/** A word of the reporter's own time next to [start, end), in its clause: "在外地打工两个多月", "三个月的假". */
function ownTime(text: string, start: number, end: number, context: DelayContext): boolean {
  const terms = context.ownTime;
  const clause = clauseAround(text, start, context.pauses);
  const reach = /[a-z]/u.test(text.slice(start, end)) ? OWN_TIME_REACH_LATIN : OWN_TIME_REACH;
  return contains(text, terms, Math.max(clause.start, start - reach), Math.min(clause.end, end + reach));
}

/**
 * How long the complainant has been kept waiting, in days, each with where it was read:
 * - a stated duration, except one in a clause about the reporter's own time (working away, in hospital, their own
 *   delay), and except a date long ago (三年前) or a year or more, which count only when their sentence says the
 *   wait goes on (至今, still) or the duration lasts up to now (三个多月了);
 * - from a stated date the matter was handed in, applied for or promised, to the day the text says it is now or
 *   else the day of receipt, when the text says the wait goes on.
 */
export function extractDelays(text: string, context: DelayContext): Delay[] {
  const delays: Delay[] = [];
  const stillWaiting = STILL_WAITING.test(text);
  for (const duration of durationsIn(text)) {
    if (ownTime(text, duration.start, duration.end, context)) continue;
    const around = sentenceAround(text, duration.start);
    const sentence = text.slice(...spanOf(around));
    // "Two years ago I applied …": a date the matter began, so a wait when the text says it goes on. "That was
    // 45 days ago" points back: the sentence before it tells what began then.
    const told = THAT_WAS.test(sentence)
      ? text.slice(sentenceAround(text, Math.max(0, around.start - 2)).start, around.end)
      : sentence;
    if (duration.ago && !(stillWaiting && WAIT_START.test(told))) continue;
    // A year or more, said as "ago" or not: the wait only when its own sentence says it goes on (拆了一年多了，至今没发;
    // "五年前交过一次申请，当时没批" is a matter told as done), or a length not said as "ago" lasts up to now (R-delay-3).
    const lastsUpToNow = duration.upToNow && !duration.ago;
    if (duration.days >= YEARS && !(lastsUpToNow || STILL_WAITING.test(sentence))) continue;
    delays.push({ days: duration.days, from: 'duration', start: duration.start });
  }
  const receivedOn = context.receivedOn ?? null;
  const now = statedNow(text, receivedOn);
  const end = now?.day ?? receivedOn;
  if (end === null || !(now !== null || stillWaiting)) return delays;
  for (const date of findDates(text, receivedOn ?? end)) {
    if (date.start === now?.start || date.to >= end) continue;
    const since = SINCE_BEFORE.test(text.slice(Math.max(0, date.start - 6), date.start));
    if (!since && !WAIT_START.test(text.slice(...spanOf(sentenceAround(text, date.start))))) continue;
    if (ownTime(text, date.start, date.end, context)) continue;
    const days = end - date.to;
    // A year or more, from a date as from a duration (R-delay-3): only when the date's own sentence says the
    // wait goes on, so a matter told as finished long ago ("二〇一九年申请过，当时没批") starts no wait.
    if (days >= YEARS && !STILL_WAITING.test(text.slice(...spanOf(sentenceAround(text, date.start)))))
      continue;
    delays.push({ days, from: 'date', start: date.start });
  }
  return delays;
}

function durationsIn(text: string): Duration[] {
  const found: Duration[] = [];
  const push = (days: number, start: number, end: number) => {
    const after = text.slice(end, end + 6);
    if (AGE_AFTER.test(after)) return;
    // "第二天" tells of the next day; "都第七个礼拜了" says how long it has lasted up to now, and counts.
    if (ORDINAL_BEFORE.test(text.slice(Math.max(0, start - 2), start)) && !UP_TO_NOW_AFTER.test(after))
      return;
    if (ANNOUNCED_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return;
    const before = text.slice(sentenceAround(text, start).start, start);
    found.push({
      days,
      start,
      end,
      ago: AGO_AFTER.test(after),
      upToNow: UP_TO_NOW_AFTER.test(after) || UP_TO_NOW_BEFORE.test(before),
    });
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
      // 三月 is March, but 已逾一月 and 满一月 are a month.
      if (unit === '月' && counter === undefined && !MONTH_AS_LENGTH.test(before)) continue;
      // 日 after a month is a date (3月5日), not five days.
      if (unit === '日' && text.charAt(quantity.start - 1) === '月') continue;
      if (isCalendarYear) continue;
      const half = middle === '半' || trailingHalf === '半' ? 0.5 : 0;
      push((quantity.value + half) * (DAYS[unit] ?? 0), quantity.start, quantity.end + han[0].length);
      continue;
    }
    const latin = LATIN_UNIT.exec(after);
    if (latin) {
      const [, unit = '', half] = latin;
      push(
        (quantity.value + (half ? 0.5 : 0)) * (DAYS[unit] ?? 0),
        quantity.start,
        quantity.end + latin[0].length,
      );
    }
  }
  for (const [pattern, length] of PHRASES) {
    for (const match of text.matchAll(pattern)) {
      if (!BOUNDED_BEFORE.test(text.slice(Math.max(0, match.index - 10), match.index))) {
        push(length, match.index, match.index + match[0].length);
      }
    }
  }
  return found;
}
