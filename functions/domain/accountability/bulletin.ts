// The month's bulletin (通报) in words, written from the published figures the way a district's monthly bulletin
// reads: "本月共受理群众举报…件…问责…人，其中诫勉谈话…人…". Only published figures go in: a "<3" reads "不足3",
// a withheld figure "若干"; kinds with nothing to report are left out, as a bulletin would.
import { SANCTION_KINDS } from '../case.ts';
import { CHANNELS } from '../complaint.ts';
import { CATEGORIES } from '../triage/model.ts';
import { type PublicCount, type PublicFigures, SMALL, WITHHELD } from './public-figures.ts';
import { CATEGORY_WORDS, CHANNEL_WORDS, type PageLanguage, SANCTION_WORDS } from './words.ts';

export interface BulletinInput {
  /** `yyyy-MM` */
  readonly month: string;
  readonly total: PublicFigures;
  readonly bodies: readonly {
    readonly name: Readonly<Record<PageLanguage, string>>;
    readonly figures: PublicFigures;
  }[];
}

/** A count in words: the number, "不足3" / "fewer than 3", or "若干" / "some". */
export function countWords(count: PublicCount, language: PageLanguage): string {
  if (count === SMALL) return language === 'zh' ? '不足3' : 'fewer than 3';
  if (count === WITHHELD) return language === 'zh' ? '若干' : 'some';
  return String(count);
}

const some = (count: PublicCount) => count !== 0;
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
/** Days to one decimal, as a bulletin prints them. */
const days1 = (days: number) => (Math.round(days * 10) / 10).toFixed(1);

/** "其中A 3件、B不足3件" — the items with something to report, or nothing at all. */
function listZh(items: readonly [string, PublicCount][], unit: string): string {
  return items
    .filter(([, n]) => some(n))
    .map(([name, n]) => `${name}${countWords(n, 'zh')}${unit}`)
    .join('、');
}

function listEn(items: readonly [string, PublicCount][]): string {
  return items
    .filter(([, n]) => some(n))
    .map(([name, n]) => `${countWords(n, 'en')} ${name}`)
    .join(', ');
}

function zh(input: BulletinInput): string {
  const [year, month] = input.month.split('-');
  const t = input.total;
  const lines: string[] = [];
  const head = `${year}年${Number(month)}月`;
  if (t.received.total === 0) {
    lines.push(`${head}，阳光热线未收到群众举报。`);
  } else {
    const channels = listZh(
      CHANNELS.map((c) => [CHANNEL_WORDS[c].zh, t.received.byChannel[c]]),
      '件',
    );
    const categories = listZh(
      [...CATEGORIES, 'untriaged' as const].map((c) => [
        `反映${CATEGORY_WORDS[c].zh}问题`,
        t.received.byCategory[c],
      ]),
      '件',
    );
    lines.push(
      `${head}，阳光热线共受理群众举报${countWords(t.received.total, 'zh')}件${channels === '' ? '' : `（${channels}）`}${categories === '' ? '' : `，其中${categories}`}。`,
    );
  }
  if (t.verified.total !== 0) {
    const onTime =
      t.verified.onTimeShare === null
        ? `${countWords(t.verified.onTime, 'zh')}件在核查期限内办结`
        : `${countWords(t.verified.onTime, 'zh')}件在核查期限内办结，按期核实率${percent(t.verified.onTimeShare)}`;
    const days = t.averageDaysToConclusion === null ? '' : `，平均${days1(t.averageDaysToConclusion)}天办结`;
    lines.push(
      `本月完成核查${countWords(t.verified.total, 'zh')}件，${onTime}${days}；经核查属实${countWords(t.outcomes.substantiated, 'zh')}件，不属实${countWords(t.outcomes.unfounded, 'zh')}件。`,
    );
  }
  if (t.peopleHeldAccountable !== 0) {
    const kinds = listZh(
      SANCTION_KINDS.map((k) => [SANCTION_WORDS[k].zh, t.sanctions[k]]),
      '人',
    );
    lines.push(
      `共问责${countWords(t.peopleHeldAccountable, 'zh')}人${kinds === '' ? '' : `，其中${kinds}`}。`,
    );
  }
  if (t.satisfaction.rated !== 0) {
    lines.push(
      `${countWords(t.satisfaction.rated, 'zh')}名举报人对办理结果作出评价${t.satisfaction.satisfiedShare === null ? '' : `，满意率（含基本满意）${percent(t.satisfaction.satisfiedShare)}`}。`,
    );
  }
  const byBody = input.bodies
    .filter((b) => some(b.figures.received.total) || some(b.figures.peopleHeldAccountable))
    .map(
      (b) =>
        `${b.name.zh}受理${countWords(b.figures.received.total, 'zh')}件、问责${countWords(b.figures.peopleHeldAccountable, 'zh')}人`,
    );
  if (byBody.length > 0) lines.push(`分机关看：${byBody.join('；')}。`);
  return lines.join('');
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function en(input: BulletinInput): string {
  const [year, month] = input.month.split('-');
  const head = `${MONTHS[Number(month) - 1]} ${year}`;
  const t = input.total;
  const lines: string[] = [];
  if (t.received.total === 0) {
    lines.push(`In ${head} the Sunshine Hotline received no complaints.`);
  } else {
    const channels = listEn(CHANNELS.map((c) => [CHANNEL_WORDS[c].en, t.received.byChannel[c]]));
    const categories = listEn(
      [...CATEGORIES, 'untriaged' as const].map((c) => [CATEGORY_WORDS[c].en, t.received.byCategory[c]]),
    );
    lines.push(
      `In ${head} the Sunshine Hotline received ${countWords(t.received.total, 'en')} complaints${channels === '' ? '' : ` (${channels})`}${categories === '' ? '' : `, about ${categories}`}.`,
    );
  }
  if (t.verified.total !== 0) {
    const share = t.verified.onTimeShare === null ? '' : ` (${percent(t.verified.onTimeShare)})`;
    const days =
      t.averageDaysToConclusion === null
        ? ''
        : `, on average ${days1(t.averageDaysToConclusion)} days after receipt`;
    lines.push(
      ` ${countWords(t.verified.total, 'en')} were verified${days}, ${countWords(t.verified.onTime, 'en')} of them within their deadline${share}: ${countWords(t.outcomes.substantiated, 'en')} substantiated and ${countWords(t.outcomes.unfounded, 'en')} unfounded.`,
    );
  }
  if (t.peopleHeldAccountable !== 0) {
    const kinds = listEn(SANCTION_KINDS.map((k) => [SANCTION_WORDS[k].en, t.sanctions[k]]));
    lines.push(
      ` ${countWords(t.peopleHeldAccountable, 'en')} people were held accountable${kinds === '' ? '' : `: ${kinds}`}.`,
    );
  }
  if (t.satisfaction.rated !== 0) {
    lines.push(
      ` ${countWords(t.satisfaction.rated, 'en')} reporters rated the outcome${t.satisfaction.satisfiedShare === null ? '' : `; ${percent(t.satisfaction.satisfiedShare)} were satisfied or basically satisfied`}.`,
    );
  }
  const byBody = input.bodies
    .filter((b) => some(b.figures.received.total) || some(b.figures.peopleHeldAccountable))
    .map(
      (b) =>
        `${b.name.en}: ${countWords(b.figures.received.total, 'en')} received, ${countWords(b.figures.peopleHeldAccountable, 'en')} held accountable`,
    );
  if (byBody.length > 0) lines.push(` By body — ${byBody.join('; ')}.`);
  // A sentence may open with a count in words ("fewer than 3 were verified"): it still begins with a capital.
  return lines
    .join('')
    .replace(/(^|\. )([a-z])/g, (_, stop: string, letter: string) => `${stop}${letter.toUpperCase()}`);
}

export function bulletin(input: BulletinInput): Readonly<Record<PageLanguage, string>> {
  return { zh: zh(input), en: en(input) };
}
