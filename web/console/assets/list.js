// @ts-check
// The case list: what to do next. Open cases by their next deadline (overdue first), "my cases" by default for an
// investigator, filters that apply as they change and live in the address (so a link, a statistic's bar or a
// reload shows the same list), searches by reference, official or words, a CSV export of the same list, and a
// quiet look every half minute for cases that came in since.
import { api, download } from './api.js';
import { button, byId, control, el, flash, form } from './dom.js';
import { dayEnd, dayStart, deadlineWords, label, labelValues, t, when } from './i18n.js';
import { bodies, bodyName, knownPeople, personName, rememberPeople, unitName, units } from './names.js';
import { currentPerson } from './session.js';

/** @typedef {import('../types').CaseSummary} CaseSummary */
/** @typedef {import('../types').ListAnswer} ListAnswer */

/** The filters a list may carry in the address, as the API names them (`show` and `q`/`by` are the page's). */
const FILTERS = [
  'show',
  'assignee',
  'category',
  'severity',
  'channel',
  'body',
  'unit',
  'from',
  'to',
  'q',
  'by',
];
const FLAGS = ['overdue', 'supervised', 'review', 'dissatisfied'];
const REFRESH_MS = 30_000;

/** @type {string | null} */
let cursor = null;
/** The references the list shows, to tell new cases from known ones. */
let shown = new Set();
/** The API query of the list on the page (an empty one is the default list), null before any is shown. */
/** @type {string | null} */
let shownQuery = null;
/** @type {ReturnType<typeof setInterval> | undefined} */
let refresher;

const filters = () => form('filters');
/** @param {HTMLFormElement} owner @param {string} name */
function checkbox(owner, name) {
  const box = control(owner, name);
  if (!(box instanceof HTMLInputElement)) throw new Error(`${name} is not a checkbox`);
  return box;
}

/** The next deadline still running (acknowledge before verification), and which clock it is. @param {CaseSummary} c */
export function runningDeadline(c) {
  if (!['received', 'triaged', 'acknowledged', 'verifying'].includes(c.status) || c.concludedAt)
    return undefined;
  if (c.acknowledgeDueAt && !c.acknowledgedAt && c.acknowledgeDueAt < c.verificationDueAt)
    return { clock: /** @type {const} */ ('acknowledge'), at: c.acknowledgeDueAt };
  return { clock: /** @type {const} */ ('verification'), at: c.verificationDueAt };
}

/** Fills the choices that come from tables (statuses, categories, units…), keeping what was chosen. */
export function fillFilterOptions() {
  const owner = filters();
  /** @param {string} name @param {{ value: string, text: string }[]} options */
  const fill = (name, options) => {
    const box = /** @type {HTMLSelectElement} */ (control(owner, name));
    const chosen = box.value;
    const fixed = [...box.options].filter((o) => o.dataset.fixed !== undefined);
    box.replaceChildren(...fixed, ...options.map((o) => el('option', { value: o.value, text: o.text })));
    box.value = chosen;
  };
  /** @param {import('./i18n.js').LabelKind} kind */
  const labelled = (kind) =>
    labelValues(kind)
      .filter((v) => v !== 'untriaged')
      .map((value) => ({ value, text: label(kind, value) }));
  fill('show', labelled('status'));
  fill('category', labelled('category'));
  fill('severity', labelled('severity'));
  fill('channel', labelled('channel'));
  fill(
    'body',
    bodies()
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((b) => ({ value: b.id, text: b.name })),
  );
  fill(
    'unit',
    units()
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((u) => ({ value: u.id, text: u.name })),
  );
  const me = currentPerson()?.id;
  fill(
    'assignee',
    knownPeople()
      .filter((p) => p.id !== me)
      .map((p) => ({ value: p.id, text: p.name })),
  );
}

/** The filters of an address (`#/cases?…`) put into the form; an investigator's bare list is "my cases". @param {string} hash */
export function filtersFromAddress(hash) {
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  const owner = filters();
  if (!hash.includes('?') && currentPerson()?.role === 'investigator') query.set('assignee', 'me');
  for (const name of FILTERS) {
    const box = control(owner, name);
    const value = query.get(name) ?? (name === 'by' ? 'reference' : '');
    if (box instanceof HTMLSelectElement && value !== '' && ![...box.options].some((o) => o.value === value))
      box.append(el('option', { value, text: name === 'assignee' ? personName(value) : value }));
    box.value = value;
  }
  for (const name of FLAGS) checkbox(owner, name).checked = query.get(name) === 'true';
  syncControls();
}

/** The form's filters as the page's address carries them. */
function addressQuery() {
  const owner = filters();
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = control(owner, name).value.trim();
    if (value !== '' && !(name === 'by' && control(owner, 'q').value.trim() === '')) query.set(name, value);
  }
  for (const name of FLAGS) if (checkbox(owner, name).checked) query.set(name, 'true');
  return query;
}

/** The address's filters as the API's query: a search, or the list with its filters. @param {URLSearchParams} address */
export function apiQuery(address) {
  const query = new URLSearchParams();
  const q = address.get('q');
  if (q) {
    query.set(address.get('by') ?? 'reference', q);
    return query;
  }
  const show = address.get('show') ?? '';
  if (show === 'all') query.set('view', 'all');
  else if (show !== '') query.set('status', show);
  for (const name of ['assignee', 'category', 'severity', 'channel', 'body', 'unit']) {
    const value = address.get(name);
    if (value) query.set(name, value);
  }
  // Days of the office's calendar, sent as its instants: a day in Shanghai is not a day in UTC.
  const from = address.get('from');
  const to = address.get('to');
  if (from) query.set('from', dayStart(from));
  if (to) query.set('to', dayEnd(to));
  if (address.get('overdue') === 'true' && show === '') query.set('overdue', 'true');
  if (address.get('supervised') === 'true') query.set('supervised', 'true');
  if (address.get('review') === 'true') query.set('review', 'true');
  if (address.get('dissatisfied') === 'true') query.set('dissatisfied', 'true');
  return query;
}

/** A search ignores the filters, and "overdue" applies to the open list only: the form says so by disabling them. */
function syncControls() {
  const owner = filters();
  const searching = control(owner, 'q').value.trim() !== '';
  byId('filter-set', HTMLFieldSetElement).disabled = searching;
  checkbox(owner, 'overdue').disabled = control(owner, 'show').value !== '';
}

/** @param {CaseSummary} c */
function caseRow(c) {
  const due = runningDeadline(c);
  const row = el('tr', { class: c.overdue ? 'overdue' : c.dueSoon ? 'due-soon' : undefined });
  /** @param {import('./i18n.js').TextKey} key @param {...import('./dom.js').Child} content */
  const cell = (key, ...content) => el('td', { 'data-label': t(key) }, ...content);
  const dueCell = cell(
    'c.due',
    due === undefined
      ? label('status', c.status)
      : `${t(due.clock === 'acknowledge' ? 'clock.acknowledge' : 'clock.verification')} ${deadlineWords(due.at)}`,
  );
  if (c.overdue) dueCell.append(' ', el('span', { class: 'badge late', text: t('overdue') }));
  else if (c.dueSoon) dueCell.append(' ', el('span', { class: 'badge soon', text: t('dueSoon') }));
  const marks = cell('c.marks');
  if (c.supervision)
    marks.append(
      el('span', {
        class: 'badge mark',
        text: `${t('supervisedMark')} ${deadlineWords(c.supervision.dueAt)}`,
        title: personName(c.supervision.by),
      }),
      ' ',
    );
  if (c.needsReview || c.needsManualTriage)
    marks.append(el('span', { class: 'badge review', text: t('reviewMark') }), ' ');
  if (c.extension) marks.append(el('span', { class: 'badge', text: t('extensionMark') }));
  row.append(
    cell('c.reference', el('a', { href: `#/cases/${c.reference}`, text: c.reference })),
    cell('c.received', when(c.receivedAt)),
    cell('c.status', label('status', c.status)),
    cell('c.category', c.category ? label('category', c.category) : label('category', 'untriaged')),
    cell('c.severity', c.severity ? label('severity', c.severity) : '—'),
    cell('c.unit', c.unitId ? unitName(c.unitId) : '—'),
    cell('c.body', bodyName(c.bodyId)),
    cell('c.assignee', c.assigneeId ? personName(c.assigneeId) : t('nobody')),
    dueCell,
    marks,
  );
  return row;
}

/** Shows the list the form describes (or the next page of it). @param {boolean} append */
export async function loadCases(append) {
  const address = addressQuery();
  const query = apiQuery(address);
  const base = query.toString();
  if (append && cursor) query.set('cursor', cursor);
  /** @type {ListAnswer} */
  const page = await api('GET', `/cases?${query}`);
  rememberPeople(page.people);
  const rows = page.cases.map(caseRow);
  if (append) byId('case-rows').append(...rows);
  else {
    byId('case-rows').replaceChildren(...rows);
    shown = new Set();
    byId('list-new').hidden = true;
  }
  for (const c of page.cases) shown.add(c.reference);
  shownQuery = base;
  cursor = page.nextCursor ?? null;
  byId('list-more').hidden = cursor === null;
  byId('list-empty').hidden = byId('case-rows').children.length > 0;
  byId('list-searched').textContent = page.searched ? t('list.searched', { n: page.searched }) : '';
  fillFilterOptions();
  startRefreshing();
}

/** Looks again at the list's first page; says how many cases came in since, without moving the rows under the reader. */
export async function checkForNew() {
  if (byId('view-list').hidden || shownQuery === null || document.hidden) return 0;
  /** @type {ListAnswer} */
  const page = await api('GET', `/cases?${shownQuery}`);
  const fresh = page.cases.filter((c) => !shown.has(c.reference)).length;
  const notice = byId('list-new', HTMLButtonElement);
  notice.hidden = fresh === 0;
  notice.textContent = `${fresh} ${t('list.newCases')}`;
  return fresh;
}
function startRefreshing() {
  if (refresher === undefined)
    refresher = setInterval(() => checkForNew().catch(() => undefined), REFRESH_MS);
}
// Back to this tab after a while (another tab, a phone call): look at once rather than at the next half minute.
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) checkForNew().catch(() => undefined);
});

/** The address the form describes, written without a new history entry, and the list shown for it. */
function applyFilters() {
  syncControls();
  const query = addressQuery().toString();
  history.replaceState(null, '', `#/cases${query ? `?${query}` : '?'}`);
  loadCases(false).catch(report);
}
/** @param {unknown} error */
function report(error) {
  if (error instanceof Error && 'words' in error && typeof error.words === 'function') flash(error.words());
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let typing;
filters().addEventListener('change', (event) => {
  if (event.target instanceof HTMLInputElement && event.target.type === 'search') return;
  applyFilters();
});
filters().addEventListener('input', (event) => {
  if (!(event.target instanceof HTMLInputElement) || event.target.type !== 'search') return;
  clearTimeout(typing);
  typing = setTimeout(applyFilters, 400);
});
filters().addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  applyFilters();
});
button('filters-clear').addEventListener('click', () => {
  const owner = filters();
  for (const name of FILTERS) control(owner, name).value = name === 'by' ? 'reference' : '';
  for (const name of FLAGS) checkbox(owner, name).checked = false;
  applyFilters();
});
byId('list-more').addEventListener('click', () => loadCases(true).catch(report));
byId('list-new').addEventListener('click', () => loadCases(false).catch(report));

// The export is the list on the page, as the office's spreadsheet: fetched with the session's token (a plain link
// would carry none), then handed to the browser as a file.
button('list-export').addEventListener('click', async () => {
  try {
    const query = apiQuery(addressQuery());
    query.set('format', 'csv');
    const file = await download(`/cases?${query}`);
    const link = el('a', { href: URL.createObjectURL(file), download: 'cases.csv', hidden: '' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    flash(`${t('list.exported')}: cases.csv`);
  } catch (error) {
    report(error);
  }
});
