// @ts-check
// Calls to the cases API with the session's ID token; a refusal becomes an ApiError that says, in the viewer's
// language, what went wrong. A 401 ends the session (in every tab) and sends the person to the sign-in.
import { flash } from './dom.js';
import { errorWords, label, t } from './i18n.js';
import { currentToken, forgetSession } from './session.js';

/** @typedef {import('../types').ErrorBody} ErrorBody */

/** What the console calls each field a refusal names. */
/** @type {Record<string, import('./i18n.js').TextKey>} */
const FIELD_LABELS = {
  note: 'field.note',
  findings: 'field.findings',
  sanctions: 'field.sanctions',
  targetBodyId: 'field.target',
  mergeInto: 'field.mergeInto',
  triage: 'fact.category',
  assigneeId: 'field.assignee',
  extendUntil: 'field.extendUntil',
  superviseBy: 'field.superviseBy',
  text: 'field.text',
  unit: 'insp.unit',
  observed: 'insp.observed',
  observedAt: 'insp.at',
  officialName: 'insp.official',
  location: 'insp.location',
  amountDemanded: 'insp.amount',
  from: 'f.from',
  to: 'f.to',
  reference: 'f.by.reference',
  official: 'f.by.official',
};
/** @param {string} field */
export function fieldLabel(field) {
  const top = field.split('.')[0] ?? field;
  const key = FIELD_LABELS[top];
  return key === undefined ? field : t(key);
}

export class ApiError extends Error {
  /** @param {number} status @param {ErrorBody} body */
  constructor(status, body) {
    super(body.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.code = body.error?.code ?? (status === 429 ? 'too-many-requests' : undefined);
  }
  /** The refusal in the viewer's language. */
  words() {
    const error = this.body.error;
    const base = errorWords(this.code, error?.message, error?.fields, fieldLabel);
    const allowed =
      error?.allowed === undefined
        ? ''
        : ` ${t('err.allowed')}${error.allowed.map((action) => label('action', action)).join(', ') || t('none')}`;
    return `${base}${allowed}`;
  }
}

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<Response>}
 */
async function send(method, path, body) {
  /** @type {Response} */
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${currentToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, { error: { code: 'network', message: t('err.network') } });
  }
  if (response.status === 401) {
    forgetSession();
    location.hash = '#/signin';
    flash(t('signedOut'));
    throw new ApiError(401, {});
  }
  if (!response.ok) {
    const text = await response.text();
    /** @type {ErrorBody} */
    let parsed = {};
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = {};
    }
    throw new ApiError(response.status, parsed);
  }
  return response;
}

/**
 * A JSON call to the API; the answer is typed by the caller, who knows its route.
 * @template T
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<T>}
 */
export async function api(method, path, body) {
  const response = await send(method, path, body);
  const text = await response.text();
  return text ? JSON.parse(text) : /** @type {T} */ ({});
}

/** A download (the CSV export) as a Blob. @param {string} path */
export async function download(path) {
  return (await send('GET', path)).blob();
}
