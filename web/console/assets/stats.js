// @ts-check
// Statistics that tell the truth: names, not ids; "no cases" where there is nothing to divide, never 0%; counts as
// whole numbers; no bar for nothing; a trend per week (or month) in the office's calendar; and every bar a link to
// the list of its cases, where the list has that filter.
import { api } from './api.js';
import { byId, control, el, form } from './dom.js';
import { dayWords, label, lang, officeDay, t } from './i18n.js';
import { bodyName, unitName } from './names.js';

/** @typedef {import('../types').Statistics} Statistics */
/** @typedef {{ name: string, value: number, href?: string }} Bar */

/** @type {uPlot[]} */
const charts = [];
const DAY_MS = 86_400_000;
const CHART_HEIGHT = 220;
/** The chart's width in its box: never wider than a phone's screen leaves it. @param {HTMLElement} box */
const chartWidth = (box) => Math.max(240, box.clientWidth || 600);
// A chart drawn at a desk's width follows its box when the window narrows to a phone's (or widens again).
const sizing = new ResizeObserver(() => {
  for (const chart of charts) {
    const box = chart.root.parentElement;
    if (box !== null && chartWidth(box) !== chart.width)
      chart.setSize({ width: chartWidth(box), height: CHART_HEIGHT });
  }
});

/** The list of cases an address describes. @param {Record<string, string>} filters */
const listLink = (filters) => `#/cases?${new URLSearchParams(filters)}`;

/**
 * A bar chart as a list of links: each bar's length is its share of the largest, its count is written beside it,
 * and a bar of nothing is not drawn. Widths are set through the CSSOM (the CSP allows no style attribute).
 * @param {string} id
 * @param {Bar[]} bars
 * @param {string} [empty]
 */
function barList(id, bars, empty = t('chart.noCases')) {
  const shown = bars.filter((bar) => bar.value > 0);
  const largest = Math.max(1, ...shown.map((bar) => bar.value));
  const list = byId(id);
  list.replaceChildren(
    ...(shown.length === 0
      ? [el('li', { class: 'empty', text: empty })]
      : shown.map((bar) => {
          const fill = el('span', { class: 'fill' });
          fill.style.width = `${Math.max(2, Math.round((bar.value / largest) * 100))}%`;
          const content = [
            el('span', { class: 'name', text: bar.name }),
            el('span', { class: 'track' }, fill),
            el('span', { class: 'value', text: String(bar.value) }),
          ];
          return el(
            'li',
            {},
            bar.href === undefined
              ? el('span', { class: 'hbar' }, ...content)
              : el('a', { class: 'hbar', href: bar.href, title: t('chart.link') }, ...content),
          );
        })),
  );
}

/** The on-time rate of each body: a percentage where something was concluded, "no case concluded" where not. @param {Statistics} stats */
function onTimeList(stats) {
  byId('chart-ontime').replaceChildren(
    ...(stats.byBody.length === 0
      ? [el('li', { class: 'empty', text: t('chart.noCases') })]
      : stats.byBody.map((b) => {
          const rate = b.verified.onTimeRate;
          const fill = el('span', { class: 'fill' });
          fill.style.width = `${rate === null ? 0 : Math.max(2, Math.round(rate * 100))}%`;
          return el(
            'li',
            {},
            el(
              'span',
              { class: 'hbar' },
              el('span', { class: 'name', text: bodyName(b.bodyId) }),
              rate === null
                ? el('span', { class: 'track none', text: t('chart.noConcluded') })
                : el('span', { class: 'track' }, fill),
              el('span', {
                class: 'value',
                text:
                  rate === null
                    ? '—'
                    : `${Math.round(rate * 100)}% (${b.verified.onTime}/${b.verified.total})`,
              }),
            ),
          );
        })),
  );
}

/** The period's days grouped by week (Monday first) or, past four months, by month. @param {Statistics} stats */
export function trendBuckets(stats) {
  const byMonth = (Date.parse(stats.to) - Date.parse(stats.from)) / DAY_MS > 120;
  /** @type {Map<string, { from: string, to: string, received: number, verifiedOnTime: number, verified: number }>} */
  const buckets = new Map();
  const counts = new Map(stats.byDay.map((d) => [d.day, d]));
  for (
    let at = Date.parse(`${stats.from}T00:00:00Z`);
    at <= Date.parse(`${stats.to}T00:00:00Z`);
    at += DAY_MS
  ) {
    const day = new Date(at).toISOString().slice(0, 10);
    const weekday = (new Date(at).getUTCDay() + 6) % 7;
    const key = byMonth ? day.slice(0, 7) : new Date(at - weekday * DAY_MS).toISOString().slice(0, 10);
    const bucket = buckets.get(key) ?? { from: day, to: day, received: 0, verifiedOnTime: 0, verified: 0 };
    bucket.to = day;
    const found = counts.get(day);
    bucket.received += found?.received ?? 0;
    bucket.verified += found?.verified ?? 0;
    bucket.verifiedOnTime += found?.verifiedOnTime ?? 0;
    buckets.set(key, bucket);
  }
  return { byMonth, buckets: [...buckets.values()] };
}

/** @param {string} from @param {string} to */
const span = (from, to) => (from === to ? dayWords(from) : `${dayWords(from)} – ${dayWords(to)}`);

/** The trend: received and verified on time per week or month, drawn with whole-number ticks, each bucket a link. @param {Statistics} stats */
function trend(stats) {
  const { byMonth, buckets } = trendBuckets(stats);
  byId('trend-unit').textContent = t(byMonth ? 'chart.trend.month' : 'chart.trend.week');
  const container = byId('chart-trend');
  container.replaceChildren();
  const xs = buckets.map((_, i) => i);
  const received = buckets.map((b) => b.received);
  const onTime = buckets.map((b) => b.verifiedOnTime);
  const tick = (/** @type {string} */ day) =>
    new Date(`${day}T12:00:00Z`).toLocaleDateString(lang() === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: 'UTC',
      month: 'numeric',
      day: byMonth ? undefined : 'numeric',
      year: byMonth ? '2-digit' : undefined,
    });
  const largest = Math.max(1, ...received, ...onTime);
  const step = Math.max(1, Math.ceil(largest / 5));
  const chart = new uPlot(
    {
      width: chartWidth(container),
      height: CHART_HEIGHT,
      legend: { show: true },
      cursor: { show: true, points: { show: false } },
      scales: {
        x: { time: false, range: [-0.6, Math.max(0, buckets.length - 1) + 0.6] },
        y: { range: () => [0, Math.ceil((largest * 1.1) / step) * step] },
      },
      axes: [
        {
          splits: () => xs.filter((i) => buckets.length <= 8 || i % Math.ceil(buckets.length / 8) === 0),
          values: (_u, splits) => splits.map((i) => tick(buckets[i]?.from ?? '')),
          size: 36,
        },
        // Counts are whole numbers: ticks at whole steps only.
        {
          size: 40,
          splits: (_u, _axis, _min, max) =>
            Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step),
          values: (_u, splits) => splits.map((v) => String(v)),
        },
      ],
      series: [
        {
          label: t('stats.period'),
          value: (_u, i) => (i === null ? '' : span(buckets[i]?.from ?? '', buckets[i]?.to ?? '')),
        },
        {
          label: t('chart.received'),
          fill: '#8c0e1b',
          stroke: '#8c0e1b',
          width: 1,
          points: { show: false },
          paths: uPlot.paths.bars?.({ size: [0.6, 48], align: 0 }),
          value: (_u, v) => (v === null ? '' : String(v)),
        },
        {
          label: t('chart.verifiedOnTime'),
          stroke: '#0b6e3b',
          width: 2,
          points: { show: true, size: 6 },
          value: (_u, v) => (v === null ? '' : String(v)),
        },
      ],
    },
    [xs, received, onTime],
    container,
  );
  charts.push(chart);
  sizing.observe(container);
  // A click on a bucket opens the list of the cases received in it.
  chart.over.addEventListener('click', () => {
    const index = chart.cursor.idx;
    const bucket = index === null || index === undefined ? undefined : buckets[index];
    if (bucket !== undefined) location.hash = listLink({ show: 'all', from: bucket.from, to: bucket.to });
  });
  container.setAttribute('role', 'img');
  container.setAttribute(
    'aria-label',
    buckets
      .map(
        (b) =>
          `${span(b.from, b.to)}: ${t('chart.received')} ${b.received}, ${t('chart.verifiedOnTime')} ${b.verifiedOnTime}`,
      )
      .join('; '),
  );
  byId('trend-links').replaceChildren(
    ...buckets
      .filter((b) => b.received > 0 || b.verified > 0)
      .map((b) =>
        el(
          'li',
          {},
          el('a', {
            href: listLink({ show: 'all', from: b.from, to: b.to }),
            text: `${span(b.from, b.to)}: ${t('chart.received')} ${b.received} · ${t('chart.verifiedOnTime')} ${b.verifiedOnTime}/${b.verified}`,
          }),
        ),
      ),
  );
}

/** @param {Statistics} stats */
export function renderStats(stats) {
  sizing.disconnect();
  for (const chart of charts.splice(0)) chart.destroy();
  const total = stats.total;
  const period = { from: stats.from, to: stats.to };
  /** @param {import('./i18n.js').TextKey} key @param {string | number} value */
  const tile = (key, value) => el('div', {}, el('dt', { text: t(key) }), el('dd', { text: String(value) }));
  /** @param {{ onTime: number, total: number }} counted */
  const share = (counted) =>
    counted.total === 0 ? t('chart.noCases') : `${counted.onTime}/${counted.total}`;
  /** Satisfied or basically satisfied of those who rated; "no ratings" when nobody rated, never 0%. */
  /** @param {Statistics['total']['satisfaction']} rated */
  const satisfied = (rated) =>
    !rated || rated.rated === 0
      ? t('chart.noRatings')
      : `${rated.satisfied + rated.basicallySatisfied}/${rated.rated} (${t('dissatisfied')} ${rated.dissatisfied})`;
  byId('stats-totals').replaceChildren(
    tile('total.received', total.received.total),
    tile('total.acknowledged', share(total.acknowledged)),
    tile('total.verified', share(total.verified)),
    tile('total.overdue', total.overdueNow),
    tile('total.substantiated', total.outcomes.substantiated ?? 0),
    tile('total.people', total.peopleHeldAccountable),
    tile(
      'total.extensions',
      total.extensions ? `${total.extensions.granted}/${total.extensions.requested}` : '—',
    ),
    tile('total.supervised', total.supervised ?? 0),
    tile('total.satisfaction', satisfied(total.satisfaction)),
  );
  /** @param {import('./i18n.js').LabelKind} kind @param {Readonly<Record<string, number>>} record @param {(key: string) => string | undefined} href */
  const bars = (kind, record, href) =>
    Object.entries(record).map(([key, value]) => ({ name: label(kind, key), value, href: href(key) }));
  barList(
    'chart-category',
    bars('category', total.received.byCategory, (k) =>
      k === 'untriaged' ? undefined : listLink({ show: 'all', category: k, ...period }),
    ),
  );
  barList(
    'chart-channel',
    bars('channel', total.received.byChannel, (k) => listLink({ show: 'all', channel: k, ...period })),
  );
  barList(
    'chart-outcomes',
    bars('outcome', total.outcomes, (k) => listLink({ show: k })),
  );
  barList(
    'chart-sanctions',
    bars('sanction', total.sanctions, () => undefined),
  );
  onTimeList(stats);
  trend(stats);
  byId('stats-bodies').replaceChildren(
    ...stats.byBody.map((b) =>
      el(
        'tr',
        {},
        el(
          'th',
          { scope: 'row' },
          el('a', { href: listLink({ show: 'all', body: b.bodyId, ...period }), text: bodyName(b.bodyId) }),
        ),
        el('td', { 'data-label': t('s.received'), text: String(b.received.total) }),
        el('td', {
          'data-label': t('s.ontime'),
          text: b.verified.total === 0 ? t('chart.noConcluded') : `${b.verified.onTime}/${b.verified.total}`,
        }),
        el('td', { 'data-label': t('s.overdue'), text: String(b.overdueNow) }),
        el('td', { 'data-label': t('s.substantiated'), text: String(b.outcomes.substantiated ?? 0) }),
        el('td', { 'data-label': t('s.people'), text: String(b.peopleHeldAccountable) }),
        el('td', {
          'data-label': t('s.extensions'),
          text: b.extensions
            ? `${b.extensions.requested}/${b.extensions.granted}/${b.extensions.refused}`
            : '—',
        }),
        el('td', { 'data-label': t('s.supervised'), text: String(b.supervised ?? 0) }),
        el('td', { 'data-label': t('s.satisfaction'), text: satisfied(b.satisfaction) }),
      ),
    ),
  );
  byId('stats-hotspots').replaceChildren(
    ...(stats.hotspots.length
      ? stats.hotspots.map((h) =>
          el(
            'li',
            { class: h.flaggedForInspection ? 'flagged' : undefined },
            el('a', {
              href: listLink({ show: 'all', unit: h.unitId, ...period }),
              text: `${unitName(h.unitId)}: ${h.complaints} ${t('complaints')}`,
            }),
            h.flaggedForInspection ? ` — ${t('flagged')}` : '',
          ),
        )
      : [el('li', { text: t('none') })]),
  );
}

/** The statistics of the period the form shows; by default the 30 days up to today in the office's calendar. */
export async function loadStats() {
  const owner = form('stats-form');
  const to = control(owner, 'to');
  const from = control(owner, 'from');
  if (!to.value) {
    to.value = officeDay(new Date());
    from.value = officeDay(new Date(Date.now() - 29 * DAY_MS));
  }
  /** @type {Statistics} */
  const stats = await api('GET', `/stats?${new URLSearchParams({ from: from.value, to: to.value })}`);
  renderStats(stats);
}

form('stats-form').addEventListener('submit', (event) => event.preventDefault());
