// @ts-check
// An undercover inspection's finding, filed by an investigator or supervisor: it takes the same path as a complaint
// (queue, worker, triage). The time seen may not be later than now, as the API requires: the form says so first.
import { ApiError, api } from './api.js';
import { byId, control, el, form, input } from './dom.js';
import { lang, t } from './i18n.js';

/** The browser's local time now, as a datetime-local field writes it. */
function localNow() {
  const now = new Date();
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

export function showInspection() {
  byId('insp-done').hidden = true;
  input('insp-at').max = localNow();
}

form('inspection-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const owner = form('inspection-form');
  byId('insp-error').textContent = '';
  const local = control(owner, 'observedAt').value;
  const observedAt = local ? new Date(local) : undefined;
  if (observedAt !== undefined && observedAt.getTime() > Date.now()) {
    byId('insp-error').textContent = t('insp.future');
    input('insp-at').focus();
    return;
  }
  /** @type {Record<string, string>} */
  const body = {
    unit: control(owner, 'unit').value.trim(),
    observed: control(owner, 'observed').value.trim(),
    observedAt: observedAt ? observedAt.toISOString() : '',
    language: lang() === 'zh' ? 'zh-CN' : 'en',
  };
  for (const name of ['officialName', 'location', 'amountDemanded']) {
    const value = control(owner, name).value.trim();
    if (value) body[name] = value;
  }
  try {
    /** @type {{ reference: string }} */
    const result = await api('POST', '/cases', body);
    owner.reset();
    byId('insp-done').hidden = false;
    byId('insp-done').replaceChildren(
      `${t('insp.done')} `,
      el('a', { href: `#/cases/${result.reference}`, text: result.reference }),
    );
  } catch (error) {
    byId('insp-error').textContent = error instanceof ApiError ? error.words() : String(error);
  }
});
