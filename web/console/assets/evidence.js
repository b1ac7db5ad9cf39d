// @ts-check
// A case's files (证据材料): the files of the case that passed their checks, listed with who sent them and when.
// A file is never shown inside the console (its own markup never runs here): "download" records the view in the
// case's history, then fetches the file through a link valid for minutes, sent as an attachment.
import { api } from './api.js';
import { byId, el, flash } from './dom.js';
import { t, when } from './i18n.js';

/**
 * @typedef {{ fileId: string, name: string, type: string, size: number, uploadedAt: string, checkedAt?: string,
 *   origin: string, byName?: string, removed?: readonly string[] }} EvidenceFile
 */

/** @param {number} bytes */
const sizeWords = (bytes) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * Records the view, then downloads the file through its short-lived link.
 * @param {string} reference @param {EvidenceFile} file @param {() => void} after
 */
async function download(reference, file, after) {
  /** @type {{ url: string }} */
  const view = await api(
    'POST',
    `/cases/${encodeURIComponent(reference)}/evidence/${encodeURIComponent(file.fileId)}/views`,
  );
  const link = el('a', { href: view.url, rel: 'noopener noreferrer', download: file.name });
  document.body.append(link);
  link.click();
  link.remove();
  flash(t('ev.downloaded', { name: file.name }));
  after();
}

/**
 * Lists the case's files; `onView` runs after each download (the history has a new line).
 * @param {string} reference @param {() => void} onView @param {(error: unknown) => void} onError
 */
export async function showEvidence(reference, onView, onError) {
  /** @type {{ files: EvidenceFile[] }} */
  const answer = await api('GET', `/cases/${encodeURIComponent(reference)}/evidence`);
  byId('case-evidence-none').hidden = answer.files.length > 0;
  byId('case-evidence-table').hidden = answer.files.length === 0;
  byId('case-evidence').replaceChildren(
    ...answer.files.map((file) => {
      const button = el('button', { type: 'button', text: t('ev.download') });
      button.addEventListener('click', () => {
        download(reference, file, onView).catch(onError);
      });
      return el(
        'tr',
        {},
        el('td', { 'data-label': t('ev.name'), text: file.name }),
        el('td', { 'data-label': t('ev.type'), text: `${file.type} · ${sizeWords(file.size)}` }),
        el('td', {
          'data-label': t('ev.by'),
          text: file.origin === 'reporter' ? t('ev.reporter') : (file.byName ?? t('ev.office')),
        }),
        el('td', { 'data-label': t('ev.at'), text: when(file.checkedAt ?? file.uploadedAt) }),
        el('td', {}, button),
      );
    }),
  );
}
