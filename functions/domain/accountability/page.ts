// The public accountability page as HTML, written on the server from the open-data document (open-data.ts): the
// month's and the year's figures of each investigating body, bar charts drawn as inline SVG (no script, nothing from
// elsewhere, the site's strict CSP holds), the month's bulletin (通报), and links to the same figures as JSON and CSV.
// Everything printed is escaped; the figures are published counts ("<3" and "*" as they are), never an id.
import { SANCTION_KINDS } from '../case.ts';
import { CHANNELS } from '../complaint.ts';
import { CATEGORIES } from '../triage/model.ts';
import type { AccountabilityDocument, PublicPeriod } from './open-data.ts';
import { OFFICE_NAMES } from './open-data.ts';
import { type PublicCount, type PublicFigures, SMALL } from './public-figures.ts';
import { CATEGORY_WORDS, CHANNEL_WORDS, type PageLanguage, SANCTION_WORDS } from './words.ts';

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const WORDS = {
  title: { zh: '阳光热线问责公示', en: 'Sunshine Hotline: public accountability figures' },
  month: { zh: '本月', en: 'This month' },
  year: { zh: '本年累计', en: 'Year to date' },
  body: { zh: '机关', en: 'Body' },
  received: { zh: '受理举报', en: 'Complaints received' },
  verified: { zh: '核查办结', en: 'Verified' },
  onTime: { zh: '按期核查', en: 'Verified on time' },
  onTimeShare: { zh: '按期核查率', en: 'Share on time' },
  substantiated: { zh: '查实', en: 'Substantiated' },
  unfounded: { zh: '未查实', en: 'Unfounded' },
  people: { zh: '问责人数', en: 'People held accountable' },
  averageDays: { zh: '平均办结天数', en: 'Average days to conclusion' },
  rated: { zh: '评价数', en: 'Ratings' },
  satisfiedShare: { zh: '满意率', en: 'Satisfied' },
  byCategory: { zh: '按问题类别', en: 'By category' },
  byChannel: { zh: '按举报渠道', en: 'By channel' },
  sanctions: { zh: '问责方式', en: 'Sanctions by kind' },
  bulletin: { zh: '本月通报', en: "This month's bulletin" },
  openData: { zh: '开放数据', en: 'Open data' },
  note: {
    zh: '数据来自各机关每日汇总，不含任何案件编号或个人信息。小于3的数字显示为“<3”，可据此推算出小数字的数字显示为“*”。',
    en: 'From the daily aggregates of each body; no case reference and no personal data. Counts of 1 or 2 are shown as "<3", and a figure from which one could be worked out as "*".',
  },
  other: { zh: 'English', en: '中文' },
  none: { zh: '—', en: '—' },
} as const satisfies Record<string, Readonly<Record<PageLanguage, string>>>;

const countText = (count: PublicCount): string => (typeof count === 'number' ? String(count) : count);
const shareText = (share: number | null, language: PageLanguage): string =>
  share === null ? WORDS.none[language] : `${Math.round(share * 1000) / 10}%`;
const daysText = (days: number | null, language: PageLanguage): string =>
  days === null ? WORDS.none[language] : (Math.round(days * 10) / 10).toFixed(1);

/** A horizontal bar chart: exact counts to scale; "<3" drawn as a short hatched stub, "*" as none; each labelled. */
function barChart(title: string, rows: readonly (readonly [string, PublicCount])[]): string {
  // A "<3" is drawn as 2 of a scale that is never below the threshold, so a small count never fills the chart.
  const max = Math.max(3, ...rows.map(([, n]) => (typeof n === 'number' ? n : 0)));
  const rowHeight = 22;
  const labelWidth = 220;
  const barWidth = 260;
  const height = rows.length * rowHeight + 4;
  const bars = rows
    .map(([label, count], i) => {
      const y = i * rowHeight + 2;
      const width =
        typeof count === 'number'
          ? Math.round((count / max) * barWidth)
          : count === SMALL
            ? Math.round((2 / max) * barWidth)
            : 0;
      const fill = count === SMALL ? '#d9a09c' : '#b3261e';
      return [
        `<text x="0" y="${y + 15}" font-size="13">${escapeHtml(label)}</text>`,
        `<rect x="${labelWidth}" y="${y + 3}" width="${width}" height="${rowHeight - 8}" fill="${fill}"/>`,
        `<text x="${labelWidth + width + 6}" y="${y + 15}" font-size="13">${escapeHtml(countText(count))}</text>`,
      ].join('');
    })
    .join('');
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg">${bars}</svg></figure>`;
}

function summaryTable(period: PublicPeriod, language: PageLanguage): string {
  const rows = [
    ...period.bodies.map((b) => [b.name[language], b.figures] as const),
    [OFFICE_NAMES[language], period.total] as const,
  ];
  const head = [
    WORDS.body,
    WORDS.received,
    WORDS.verified,
    WORDS.onTimeShare,
    WORDS.substantiated,
    WORDS.unfounded,
    WORDS.people,
    WORDS.averageDays,
    WORDS.rated,
    WORDS.satisfiedShare,
  ]
    .map((w) => `<th scope="col">${escapeHtml(w[language])}</th>`)
    .join('');
  const body = rows
    .map(([name, f]: readonly [string, PublicFigures]) => {
      const cells = [
        countText(f.received.total),
        countText(f.verified.total),
        shareText(f.verified.onTimeShare, language),
        countText(f.outcomes.substantiated),
        countText(f.outcomes.unfounded),
        countText(f.peopleHeldAccountable),
        daysText(f.averageDaysToConclusion, language),
        countText(f.satisfaction.rated),
        shareText(f.satisfaction.satisfiedShare, language),
      ];
      return `<tr><th scope="row">${escapeHtml(name)}</th>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function periodSection(id: string, heading: string, period: PublicPeriod, language: PageLanguage): string {
  const t = period.total;
  return [
    `<section id="${id}"><h2>${escapeHtml(heading)} <span class="period">${escapeHtml(period.from)} – ${escapeHtml(period.to)}</span></h2>`,
    summaryTable(period, language),
    '<div class="charts">',
    barChart(
      WORDS.sanctions[language],
      SANCTION_KINDS.map((k) => [SANCTION_WORDS[k][language], t.sanctions[k]] as const),
    ),
    barChart(
      WORDS.byCategory[language],
      [...CATEGORIES, 'untriaged' as const].map(
        (c) => [CATEGORY_WORDS[c][language], t.received.byCategory[c]] as const,
      ),
    ),
    barChart(
      WORDS.byChannel[language],
      CHANNELS.map((c) => [CHANNEL_WORDS[c][language], t.received.byChannel[c]] as const),
    ),
    '</div></section>',
  ].join('');
}

/** The page of one month in one language; `links` are the page's own addresses (relative, no host). */
export function accountabilityPage(document: AccountabilityDocument, language: PageLanguage): string {
  const other: PageLanguage = language === 'zh' ? 'en' : 'zh';
  const query = `month=${document.month}`;
  return [
    '<!doctype html>',
    `<html lang="${language === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(WORDS.title[language])} ${escapeHtml(document.month)}</title>`,
    '<link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/site.css"><link rel="stylesheet" href="/assets/accountability.css">',
    '</head><body>',
    `<header><h1>${escapeHtml(WORDS.title[language])}</h1><p class="month">${escapeHtml(document.month)}</p>`,
    `<nav><a href="/accountability?${query}&amp;lang=${other}" lang="${other === 'zh' ? 'zh-CN' : 'en'}">${escapeHtml(WORDS.other[language])}</a>`,
    ` · ${escapeHtml(WORDS.openData[language])}: <a href="/accountability/data.json?${query}">JSON</a> · <a href="/accountability/data.csv?${query}">CSV</a></nav></header>`,
    '<main>',
    `<section id="bulletin"><h2>${escapeHtml(WORDS.bulletin[language])}</h2><p class="bulletin">${escapeHtml(document.bulletin[language])}</p></section>`,
    periodSection('month', WORDS.month[language], document.periods.month, language),
    periodSection('year', WORDS.year[language], document.periods.year, language),
    `<p class="note">${escapeHtml(WORDS.note[language])}</p>`,
    '</main></body></html>',
    '',
  ].join('\n');
}
