// @ts-check
// The case page: every fact of the case (what was demanded, when and where, how it came in), each running clock
// with the one overdue marked, triage's reasons and the history in words with people's names, the actions allowed
// now with the fields each needs, internal notes, and the reporter's contact for a supervisor, on an explicit,
// recorded request.
import { ApiError, api } from './api.js';
import { byId, el, flash, form, textarea } from './dom.js';
import { showEvidence } from './evidence.js';
import {
  dayEnd,
  dayWords,
  deadlineWords,
  inLang,
  label,
  labelValues,
  lang,
  listWords,
  officeDay,
  reasonWords,
  t,
  when,
} from './i18n.js';
import { bodyName, isBody, personName, rememberPeople, unitName, units } from './names.js';
import { currentPerson } from './session.js';

/** @typedef {import('../types').CaseFile} CaseFile */
/** @typedef {import('../types').HistoryEntry} HistoryEntry */
/** @typedef {import('./i18n.js').TextKey} TextKey */

/** What each action asks for; the API checks the same and more. `reason` is a note the action cannot do without. */
/** @type {Record<string, readonly string[]>} */
const ACTION_FIELDS = {
  acknowledge: ['note'],
  verify: ['note'],
  substantiate: ['findings', 'sanctions', 'note'],
  unfound: ['findings', 'note'],
  close: ['note'],
  transfer: ['targetBodyId', 'reason'],
  merge: ['mergeInto', 'note'],
  unmerge: ['reason'],
  reopen: ['reason'],
  triage: ['triage', 'note'],
  assign: ['assigneeId', 'note'],
  return: ['reason'],
  'request-extension': ['extendUntil', 'reason'],
  'grant-extension': ['note'],
  'refuse-extension': ['reason'],
  supervise: ['superviseBy', 'reason'],
};
const REFERENCE = /^HL[WHOI]-[0-9A-Z]{5}-[0-9A-Z]{5}$/;

/** @type {CaseFile | null} */
let current = null;
/** The merge target the dialog previewed, once it is one the caller may merge into. */
let previewed = '';

const currentCase = () => {
  if (current === null) throw new Error('no case is shown');
  return current.case;
};

/** @param {HTMLElement} list @param {TextKey} key @param {string | Node | number | null | undefined | false} value */
function fact(list, key, value) {
  if (value === undefined || value === null || value === '' || value === false) return;
  list.append(el('dt', { text: t(key) }), el('dd', {}, value instanceof Node ? value : String(value)));
}
/** @param {readonly string[]} references */
function caseLinks(references) {
  const span = el('span');
  references.forEach((reference, i) => {
    if (i > 0) span.append(', ');
    span.append(el('a', { href: `#/cases/${reference}`, text: reference }));
  });
  return span;
}
/** An id in words: a body's name or a person's. @param {unknown} id */
const who = (id) => (typeof id !== 'string' ? '—' : isBody(id) ? bodyName(id) : personName(id));

/** What was demanded, as the reporter wrote it and as triage read it. @param {import('../types').CaseHead} c */
function demandWords(c) {
  const parts = [];
  if (c.complaint.amountDemanded) parts.push(c.complaint.amountDemanded);
  const demand = c.demand;
  if (demand !== undefined) {
    const read = [];
    if (demand.amount !== null)
      read.push(`${demand.nearly ? (lang() === 'zh' ? '近' : 'nearly ') : ''}¥${demand.amount}`);
    if (demand.goods.length > 0) read.push(listWords(demand.goods.map((g) => label('goods', g))));
    if (read.length > 0 && !(parts.length === 1 && demand.source === 'field'))
      parts.push(`${read.join(' · ')}${demand.term ? ` (“${demand.term}”)` : ''}`);
  }
  return parts.join(' — ');
}
/** @param {import('../types').CaseHead} c */
function incidentWords(c) {
  if (c.complaint.incidentDate) return dayWords(c.complaint.incidentDate);
  const read = c.incidentDateRead;
  if (read === undefined) return undefined;
  return read.from === read.to ? dayWords(read.from) : `${dayWords(read.from)} – ${dayWords(read.to)}`;
}
/** @param {number} seconds */
const duration = (seconds) =>
  lang() === 'zh'
    ? `${Math.floor(seconds / 60)} 分 ${seconds % 60} 秒`
    : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;

/** A milestone of a notice in words (`verification:remind-24h`, `announce:serious`…). @param {unknown} id */
function milestoneWords(id) {
  if (typeof id !== 'string') return '';
  const zh = lang() === 'zh';
  if (id === 'announce:serious') return zh ? '严重案件通报' : 'serious case announced';
  if (id === 'reporter:conclusion') return zh ? '告知举报人结论' : 'conclusion sent to the reporter';
  if (id.startsWith('digest')) return zh ? '每日摘要' : 'morning digest';
  const [clock = '', step = ''] = id.split(':');
  const clockKey = clock.startsWith('verification') ? 'clock.verification' : `clock.${clock}`;
  const clockWords = ['clock.acknowledge', 'clock.verification', 'clock.reporterFeedback'].includes(clockKey)
    ? t(/** @type {TextKey} */ (clockKey))
    : clock;
  const hours = /^remind-(\d+)h$/.exec(step)?.[1];
  const level = /^escalate-(\d+)$/.exec(step)?.[1];
  const what =
    hours !== undefined
      ? zh
        ? `到期前 ${hours} 小时提醒`
        : `reminder ${hours} h before`
      : step === 'overdue'
        ? zh
          ? '超期通知'
          : 'overdue notice'
        : level !== undefined
          ? zh
            ? `第 ${level} 次上报`
            : `escalation ${level}`
          : step;
  return `${clockWords} · ${what}`;
}

/** What a history entry's details say, in words. @param {HistoryEntry} h */
function detailWords(h) {
  const d = h.details ?? {};
  const zh = lang() === 'zh';
  if (h.kind === 'notified') {
    return `${label('sendChannel', String(d.channel ?? ''))} → ${who(d.recipient)} · ${milestoneWords(d.milestone)}`;
  }
  const parts = [];
  if ('to' in d || 'from' in d) {
    if (h.kind === 'assigned' || h.kind === 'transferred' || h.kind === 'returned')
      parts.push(`${d.from ? who(d.from) : '—'} → ${d.to ? who(d.to) : '—'}`);
  }
  if (typeof d.until === 'string') parts.push(`${zh ? '延期至' : 'until'} ${when(d.until)}`);
  if (typeof d.requestedBy === 'string' && h.kind !== 'extension-requested')
    parts.push(`${zh ? '申请人' : 'asked by'} ${who(d.requestedBy)}`);
  if (typeof d.dueAt === 'string') parts.push(`${zh ? '督办期限' : 'due'} ${when(d.dueAt)}`);
  for (const key of ['into', 'mergeInto', 'mergedInto'])
    if (typeof d[key] === 'string') parts.push(`→ ${d[key]}`);
  if (typeof d.category === 'string') parts.push(label('category', d.category));
  if (typeof d.severity === 'string') parts.push(label('severity', d.severity));
  if (typeof d.bodyId === 'string') parts.push(bodyName(d.bodyId));
  if (typeof d.unitId === 'string') parts.push(unitName(d.unitId));
  return parts.join(' · ');
}

/** @param {HistoryEntry} h */
function historyRow(h) {
  const what = h.words?.[lang() === 'zh' ? 'zh-CN' : 'en'] ?? h.kind;
  const details = detailWords(h);
  return el(
    'tr',
    { class: h.kind === 'note' ? 'note' : undefined },
    el('td', { 'data-label': t('h.at'), text: when(h.at) }),
    el('td', { 'data-label': t('h.actor'), text: current?.actors[h.actor]?.name ?? personName(h.actor) }),
    el('td', { 'data-label': t('h.action'), text: what }),
    el('td', { 'data-label': t('h.note') }, details, details && h.note ? el('br') : null, h.note ?? ''),
  );
}

/** @param {CaseFile} detail */
export function renderCase(detail) {
  current = detail;
  rememberPeople(detail.actors);
  rememberPeople(Object.fromEntries(detail.assignable.map((p) => [p.id, p])));
  const c = detail.case;
  byId('case-reference').textContent = c.reference;
  const marks = byId('case-marks');
  marks.replaceChildren();
  if (c.supervision)
    marks.append(
      el('span', { class: 'badge mark', text: `${t('supervisedMark')} ${when(c.supervision.dueAt)}` }),
    );
  if (c.needsReview || c.needsManualTriage)
    marks.append(el('span', { class: 'badge review', text: t('reviewMark') }));
  if (detail.clocks.some((clock) => clock.overdue))
    marks.append(el('span', { class: 'badge late', text: t('overdue') }));

  const facts = byId('case-facts');
  facts.replaceChildren();
  fact(facts, 'fact.status', label('status', c.status));
  fact(facts, 'fact.channel', label('channel', c.channel));
  fact(facts, 'fact.category', c.category && label('category', c.category));
  fact(facts, 'fact.severity', c.severity && label('severity', c.severity));
  fact(facts, 'fact.unit', c.unitId ? unitName(c.unitId) : undefined);
  if (c.complaint.subjectUnit && c.complaint.subjectUnit !== (c.unitId ? unitName(c.unitId) : ''))
    fact(facts, 'fact.unitWritten', c.complaint.subjectUnit);
  fact(facts, 'fact.official', c.complaint.officialName);
  fact(facts, 'fact.amount', demandWords(c));
  fact(facts, 'fact.incidentDate', incidentWords(c));
  fact(facts, 'fact.place', c.complaint.location);
  fact(
    facts,
    'fact.delay',
    c.delayDays === undefined ? undefined : `${c.delayDays} ${lang() === 'zh' ? '天' : 'days'}`,
  );
  fact(facts, 'fact.body', c.bodyId && bodyName(c.bodyId));
  fact(
    facts,
    'fact.assignee',
    c.bodyId ? (c.assigneeId ? personName(c.assigneeId) : t('nobody')) : undefined,
  );
  fact(facts, 'fact.returnedFrom', c.returnedFrom && bodyName(c.returnedFrom));
  fact(facts, 'fact.received', when(c.receivedAt));
  fact(facts, 'fact.language', label('language', c.language));
  fact(facts, 'fact.anonymous', c.anonymous && t('yes'));
  if (c.call) {
    fact(facts, 'fact.line', c.call.line && label('line', c.call.line));
    fact(facts, 'fact.operator', c.call.operatorId);
    fact(facts, 'fact.callStarted', c.call.startedAt && when(c.call.startedAt));
    fact(
      facts,
      'fact.callDuration',
      c.call.durationSeconds !== undefined && duration(c.call.durationSeconds),
    );
  }
  fact(facts, 'fact.callback', c.callbackRequested && t('yes'));
  fact(
    facts,
    'fact.inspector',
    c.inspection && `${personName(c.inspection.inspectorId)} · ${when(c.inspection.observedAt)}`,
  );
  fact(
    facts,
    'fact.extension',
    c.extension && `${deadlineWords(c.extension.until)} · ${personName(c.extension.requestedBy)}`,
  );
  fact(
    facts,
    'fact.extendedUntil',
    c.extensionsGranted ? `${deadlineWords(c.verificationDueAt)} (×${c.extensionsGranted})` : undefined,
  );
  fact(
    facts,
    'fact.supervision',
    c.supervision && `${deadlineWords(c.supervision.dueAt)} · ${personName(c.supervision.by)}`,
  );
  fact(facts, 'fact.mergedInto', c.mergedInto && caseLinks([c.mergedInto]));
  fact(
    facts,
    'fact.mergedCases',
    c.mergedCases?.length ? caseLinks(c.mergedCases.map((m) => m.reference)) : undefined,
  );
  fact(facts, 'fact.review', (c.needsReview || c.needsManualTriage) && t('yes'));
  fact(facts, 'fact.version', c.version);

  byId('case-clocks').replaceChildren(
    ...(detail.clocks.length
      ? detail.clocks.map((clock) =>
          el(
            'li',
            { class: clock.overdue ? 'late' : undefined },
            `${t(/** @type {TextKey} */ (`clock.${clock.clock}`))}: ${deadlineWords(clock.dueAt)}`,
            clock.overdue ? el('span', { class: 'badge late', text: t('overdue') }) : null,
          ),
        )
      : [el('li', { text: t('none') })]),
  );

  byId('case-description').textContent = c.complaint.description;
  byId('case-conclusion').hidden = c.findings === undefined;
  byId('case-findings').textContent = c.findings ?? '';
  byId('case-sanctions').replaceChildren(
    ...(c.sanctionDetails ?? []).map((s) =>
      el('li', {
        text: `${s.person}: ${listWords(s.kinds.map((k) => label('sanction', k)))}${s.other ? ` (${s.other})` : ''}`,
      }),
    ),
  );
  const supervisor = currentPerson()?.role === 'supervisor';
  byId('case-contact-box').hidden = !(supervisor && (c.hasContact || c.callbackRequested));
  byId('case-contact').hidden = detail.contact === undefined;
  if (detail.contact) {
    const list = byId('case-contact');
    list.replaceChildren();
    fact(list, 'name', detail.contact.name);
    fact(list, 'phone', detail.contact.phone);
    fact(list, 'email', detail.contact.email);
  }
  byId('case-actions').replaceChildren(
    ...detail.allowedActions.map((action) => {
      const control = el('button', { type: 'button', 'data-action': action, text: label('action', action) });
      control.addEventListener('click', () => openAction(action));
      return control;
    }),
  );
  if (detail.allowedActions.length === 0) byId('case-actions').append(el('span', { text: t('none') }));
  // Notes are for the people who work the case: investigators and supervisors, not administrators (read only).
  form('note-form').hidden =
    !['investigator', 'supervisor'].includes(currentPerson()?.role ?? '') || c.status === 'merged';
  byId('case-reasons').replaceChildren(
    ...(c.triageReasons ?? []).map((reason) =>
      el('li', { title: reason.rule, text: reasonWords(reason, bodyName, unitName) }),
    ),
    ...(c.triageFailure ? [el('li', { text: c.triageFailure })] : []),
  );
  if (!c.triageReasons?.length && !c.triageFailure)
    byId('case-reasons').append(el('li', { text: t('none') }));
  const related = detail.related.references;
  byId('case-related').replaceChildren(
    ...(related.length
      ? related.map((r) => el('li', {}, el('a', { href: `#/cases/${r}`, text: r })))
      : [el('li', { text: t('none') })]),
    ...(detail.related.more ? [el('li', { text: t('more') })] : []),
    ...(detail.related.elsewhere > 0
      ? [el('li', { text: t('case.elsewhere', { n: detail.related.elsewhere }) })]
      : []),
  );
  byId('case-history').replaceChildren(...detail.history.map(historyRow));
  byId('history-more').hidden = detail.historyCursor === undefined;
}

/** Shows a case, fetched first so the page never shows the previous one while the next loads. @param {string} reference @param {CaseFile['contact']} [contact] */
export async function showCase(reference, contact) {
  /** @type {CaseFile} */
  const detail = await api('GET', `/cases/${encodeURIComponent(reference)}`);
  form('action-form').hidden = true;
  renderCase(contact === undefined ? detail : { ...detail, contact });
  // The files come after the case: the page never waits on them.
  showEvidence(
    reference,
    () => {
      showCase(reference).catch(reportHere);
    },
    reportHere,
  ).catch(reportHere);
}

// Back to this tab (after working in another, or a colleague's call): the case as it is now, unless an action or a
// note is being written here, which a redraw would lose.
document.addEventListener('visibilitychange', () => {
  if (document.hidden || current === null || byId('view-case').hidden) return;
  if (!form('action-form').hidden || textarea('note-text').value.trim() !== '') return;
  showCase(current.case.reference).catch(reportHere);
});

// Opening a reporter's contact is an act of its own, recorded in the case before it is shown.
byId('case-contact-open').addEventListener('click', () => {
  const reference = currentCase().reference;
  /** @type {Promise<{ contact?: CaseFile['contact'] }>} */
  const opened = api('POST', `/cases/${encodeURIComponent(reference)}/contact-views`);
  opened.then((answer) => showCase(reference, answer.contact ?? undefined)).catch(reportHere);
});
byId('history-more').addEventListener('click', async () => {
  if (current?.historyCursor === undefined) return;
  try {
    /** @type {CaseFile} */
    const older = await api(
      'GET',
      `/cases/${currentCase().reference}?historyCursor=${encodeURIComponent(current.historyCursor)}`,
    );
    rememberPeople(older.actors);
    current = {
      ...current,
      actors: { ...current.actors, ...older.actors },
      historyCursor: older.historyCursor,
    };
    byId('case-history').append(...older.history.map(historyRow));
    byId('history-more').hidden = older.historyCursor === undefined;
  } catch (error) {
    reportHere(error);
  }
});

/** @param {unknown} error */
function reportHere(error) {
  if (error instanceof ApiError) {
    if (error.status !== 401) flash(error.words());
  } else if (error instanceof Error) flash(error.message);
}

// ---- internal notes
form('note-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = textarea('note-text').value.trim();
  byId('note-error').textContent = '';
  if (text === '') return;
  try {
    await api('POST', `/cases/${currentCase().reference}/notes`, { text });
    textarea('note-text').value = '';
    await showCase(currentCase().reference);
    flash(t('case.noteAdded'));
  } catch (error) {
    byId('note-error').textContent = error instanceof ApiError ? error.words() : String(error);
  }
});

// ---- the action form
/** @param {string} id @param {string} text @param {HTMLElement} control */
const labelled = (id, text, control) => [el('label', { for: id, text }), control];

/** @param {number} index */
function sanctionBlock(index) {
  const block = el('div', { class: 'sanction' });
  const personId = `sanction-person-${index}`;
  block.append(
    ...labelled(
      personId,
      t('field.person'),
      el('input', { id: personId, type: 'text', 'data-sanction': 'person', maxlength: '100' }),
    ),
  );
  const kinds = el('fieldset', {}, el('legend', { class: 'visually-hidden', text: t('field.sanctions') }));
  for (const kind of labelValues('sanction')) {
    const id = `sanction-${index}-${kind}`;
    kinds.append(
      el(
        'label',
        { for: id },
        el('input', { id, type: 'checkbox', value: kind, 'data-sanction': 'kind' }),
        ` ${label('sanction', kind)}`,
      ),
    );
  }
  const otherId = `sanction-other-${index}`;
  block.append(
    kinds,
    ...labelled(
      otherId,
      t('field.other'),
      el('input', { id: otherId, type: 'text', 'data-sanction': 'other', maxlength: '200' }),
    ),
  );
  return block;
}

/** A date field for a deadline, from tomorrow on, in the office's calendar. @param {string} id @param {string} [min] */
function dateField(id, min) {
  const tomorrow = officeDay(new Date(Date.now() + 86_400_000));
  return el('input', { id, type: 'date', required: '', min: min && min > tomorrow ? min : tomorrow });
}

/** @param {string} action */
function openAction(action) {
  const fields = byId('action-fields');
  fields.replaceChildren();
  byId('action-error').textContent = '';
  byId('action-title').textContent = label('action', action);
  form('action-form').dataset.action = action;
  previewed = '';
  const detail = /** @type {CaseFile} */ (current);
  const c = detail.case;
  for (const field of ACTION_FIELDS[action] ?? []) {
    if (field === 'note' || field === 'reason') {
      const required = field === 'reason' || (action === 'assign' && c.assigneeId !== undefined);
      fields.append(
        ...labelled(
          'action-note',
          t(required ? 'field.reason' : 'field.note'),
          el('textarea', {
            id: 'action-note',
            rows: '2',
            maxlength: '2000',
            required: required ? '' : undefined,
          }),
        ),
      );
    } else if (field === 'findings') {
      fields.append(
        ...labelled(
          'action-findings',
          t('field.findings'),
          el('textarea', { id: 'action-findings', rows: '4', required: '', maxlength: '8000' }),
        ),
      );
    } else if (field === 'sanctions') {
      const list = el('div', { id: 'action-sanctions' }, sanctionBlock(0));
      const add = el('button', { type: 'button', id: 'action-add-sanction', text: t('field.addSanction') });
      add.addEventListener('click', () => list.append(sanctionBlock(list.children.length)));
      fields.append(list, add);
    } else if (field === 'targetBodyId') {
      fields.append(
        ...labelled(
          'action-target',
          t('field.target'),
          el(
            'select',
            { id: 'action-target', required: '' },
            ...detail.transferTargets.map((b) =>
              el('option', { value: b.id, text: inLang(b.names) ?? b.id }),
            ),
          ),
        ),
      );
    } else if (field === 'assigneeId') {
      fields.append(
        ...labelled(
          'action-assignee',
          t('field.assignee'),
          el(
            'select',
            { id: 'action-assignee', required: '' },
            ...detail.assignable
              .filter((p) => p.id !== c.assigneeId)
              .map((p) =>
                el('option', {
                  value: p.id,
                  text: `${p.name} · ${t(/** @type {TextKey} */ (`role.${p.role}`))}`,
                }),
              ),
          ),
        ),
      );
    } else if (field === 'extendUntil') {
      const present = officeDay(new Date(c.verificationDueAt));
      const after = officeDay(new Date(Date.parse(c.verificationDueAt) + 86_400_000));
      fields.append(
        ...labelled(
          'action-until',
          `${t('field.extendUntil')} (${t('clock.verification')} ${present})`,
          dateField('action-until', after),
        ),
      );
    } else if (field === 'superviseBy') {
      fields.append(...labelled('action-by', t('field.superviseBy'), dateField('action-by')));
    } else if (field === 'mergeInto') {
      const target = el('input', {
        id: 'action-merge',
        type: 'text',
        required: '',
        autocomplete: 'off',
        pattern: 'HL[WHOIwhoi]-[0-9A-Za-z]{5}-[0-9A-Za-z]{5}',
      });
      const preview = el('div', { id: 'merge-preview', class: 'preview', 'aria-live': 'polite' });
      target.addEventListener('input', () => previewMerge(target.value, preview));
      fields.append(...labelled('action-merge', t('field.mergeInto'), target), preview);
    } else if (field === 'triage') {
      /** @param {import('./i18n.js').LabelKind} kind @param {string | undefined} chosen */
      const options = (kind, chosen) =>
        labelValues(kind)
          .filter((v) => v !== 'untriaged')
          .map((v) =>
            el('option', { value: v, text: label(kind, v), selected: v === chosen ? '' : undefined }),
          );
      const bodies = [
        ...(c.bodyId ? [{ id: c.bodyId, name: bodyName(c.bodyId) }] : []),
        ...detail.transferTargets.map((b) => ({ id: b.id, name: inLang(b.names) ?? b.id })),
      ];
      fields.append(
        ...labelled(
          'action-category',
          t('fact.category'),
          el('select', { id: 'action-category' }, ...options('category', c.category)),
        ),
        ...labelled(
          'action-severity',
          t('fact.severity'),
          el('select', { id: 'action-severity' }, ...options('severity', c.severity)),
        ),
        ...labelled(
          'action-body',
          t('fact.body'),
          el(
            'select',
            { id: 'action-body' },
            ...bodies.map((b) => el('option', { value: b.id, text: b.name })),
          ),
        ),
        ...labelled(
          'action-unit',
          t('field.unit'),
          el(
            'select',
            { id: 'action-unit' },
            el('option', { value: '', text: t('field.noUnit') }),
            ...units()
              .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
              .map((u) =>
                el('option', { value: u.id, text: u.name, selected: u.id === c.unitId ? '' : undefined }),
              ),
          ),
        ),
      );
    }
  }
  form('action-form').hidden = false;
  const first = fields.querySelector('input, textarea, select');
  if (first instanceof HTMLElement) first.focus();
  else byId('action-submit').focus();
}

/**
 * The case shown again in the viewer's new language, from what was fetched: an open action stays open, with what
 * was typed into it (and a merge's preview, asked again).
 */
export function relabelCase() {
  if (current === null) return;
  const owner = form('action-form');
  const open = owner.hidden ? undefined : owner.dataset.action;
  /** @type {Map<string, string | boolean>} */
  const typed = new Map();
  for (const field of byId('action-fields').querySelectorAll('input, textarea, select')) {
    if (!field.id) continue;
    if (field instanceof HTMLInputElement && field.type === 'checkbox') typed.set(field.id, field.checked);
    else if (
      field instanceof HTMLInputElement ||
      field instanceof HTMLTextAreaElement ||
      field instanceof HTMLSelectElement
    )
      typed.set(field.id, field.value);
  }
  const sanctions = document.getElementById('action-sanctions')?.children.length ?? 0;
  renderCase(current);
  if (open === undefined) return;
  openAction(open);
  const list = document.getElementById('action-sanctions');
  while (list !== null && list.children.length < sanctions) list.append(sanctionBlock(list.children.length));
  for (const [id, value] of typed) {
    const field = document.getElementById(id);
    if (field instanceof HTMLInputElement && field.type === 'checkbox') field.checked = value === true;
    else if (
      field instanceof HTMLInputElement ||
      field instanceof HTMLTextAreaElement ||
      field instanceof HTMLSelectElement
    )
      field.value = String(value);
  }
  const merge = document.getElementById('action-merge');
  const preview = document.getElementById('merge-preview');
  if (merge instanceof HTMLInputElement && preview !== null) previewMerge(merge.value, preview);
}

/** The merge dialog's preview of its target: unit, category, date and the complaint's first line, before anything is merged. @param {string} typed @param {HTMLElement} preview */
async function previewMerge(typed, preview) {
  const reference = typed.trim().toUpperCase();
  previewed = '';
  if (!REFERENCE.test(reference)) {
    preview.replaceChildren();
    return;
  }
  preview.replaceChildren(el('p', { text: t('merge.loading') }));
  try {
    /** @type {CaseFile} */
    const target = await api('GET', `/cases/${reference}`);
    if (/** @type {HTMLInputElement} */ (byId('action-merge')).value.trim().toUpperCase() !== reference)
      return;
    const tc = target.case;
    const list = el('dl', { class: 'facts' });
    fact(list, 'fact.unit', tc.unitId ? unitName(tc.unitId) : tc.complaint.subjectUnit);
    fact(
      list,
      'fact.category',
      tc.category ? label('category', tc.category) : label('category', 'untriaged'),
    );
    fact(list, 'fact.status', label('status', tc.status));
    fact(list, 'fact.received', when(tc.receivedAt));
    fact(list, 'case.complaint', tc.complaint.description.split(/\r?\n/)[0]?.slice(0, 120));
    preview.replaceChildren(el('h4', { text: `${t('merge.preview')} ${reference}` }), list);
    previewed = reference;
  } catch (error) {
    preview.replaceChildren(
      el('p', {
        class: 'error',
        text: error instanceof ApiError && error.status === 404 ? t('merge.notFound') : String(error),
      }),
    );
  }
}

/** @param {string} action */
function actionBody(action) {
  /** @param {string} id */
  const value = (id) => {
    const found = document.getElementById(id);
    const text =
      found instanceof HTMLInputElement ||
      found instanceof HTMLTextAreaElement ||
      found instanceof HTMLSelectElement
        ? found.value.trim()
        : '';
    return text === '' ? undefined : text;
  };
  /** @type {Record<string, unknown>} */
  const body = { action, expectedVersion: currentCase().version };
  const fields = ACTION_FIELDS[action] ?? [];
  if (fields.includes('note') || fields.includes('reason')) body.note = value('action-note');
  if (fields.includes('findings')) body.findings = value('action-findings');
  if (fields.includes('sanctions')) {
    const sanctions = [...byId('action-sanctions').children]
      .map((block) => {
        const text = (/** @type {string} */ name) =>
          /** @type {HTMLInputElement | null} */ (
            block.querySelector(`[data-sanction="${name}"]`)
          )?.value.trim() ?? '';
        const kinds = [...block.querySelectorAll('[data-sanction="kind"]:checked')].map(
          (box) => /** @type {HTMLInputElement} */ (box).value,
        );
        const other = text('other');
        return { person: text('person'), kinds, ...(other ? { other } : {}) };
      })
      .filter((s) => s.person !== '' || s.kinds.length > 0);
    if (sanctions.length > 0) body.sanctions = sanctions;
  }
  if (fields.includes('targetBodyId')) body.targetBodyId = value('action-target');
  if (fields.includes('assigneeId')) body.assigneeId = value('action-assignee');
  if (fields.includes('mergeInto')) body.mergeInto = value('action-merge')?.toUpperCase();
  // A date is the end of that day in the office's calendar.
  const until = value('action-until');
  if (fields.includes('extendUntil') && until) body.extendUntil = dayEnd(until);
  const by = value('action-by');
  if (fields.includes('superviseBy') && by) body.superviseBy = dayEnd(by);
  if (fields.includes('triage')) {
    const unit = value('action-unit');
    body.triage = {
      category: value('action-category'),
      severity: value('action-severity'),
      bodyId: value('action-body'),
      ...(unit ? { unitId: unit } : {}),
    };
  }
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

form('action-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const action = form('action-form').dataset.action ?? '';
  const reference = currentCase().reference;
  if (action === 'merge' && previewed !== value('action-merge')) {
    byId('action-error').textContent = t('merge.needPreview');
    return;
  }
  try {
    /** @type {CaseFile} */
    const detail = await api('POST', `/cases/${reference}/actions`, actionBody(action));
    form('action-form').hidden = true;
    renderCase(detail);
    flash(`${label('action', action)} — ${t('action.done')}`);
    const next = byId('case-actions').querySelector('button');
    if (next instanceof HTMLElement) next.focus();
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      await showCase(reference);
      flash(t('stale'));
      return;
    }
    byId('action-error').textContent = error instanceof ApiError ? error.words() : String(error);
  }
});
/** @param {string} id */
function value(id) {
  const found = document.getElementById(id);
  return found instanceof HTMLInputElement ? found.value.trim().toUpperCase() : '';
}
byId('action-cancel').addEventListener('click', () => {
  form('action-form').hidden = true;
  const next = byId('case-actions').querySelector('button');
  if (next instanceof HTMLElement) next.focus();
});
