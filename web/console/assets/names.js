// @ts-check
// Names, never ids: the office's bodies and units (office.json, served beside the page) and the people the API's
// answers name (a case file's actors and assignable people, a list's people), kept as they arrive.
import { inLang, setTimeZone, t } from './i18n.js';

/** @typedef {import('../types').Office} Office */

/** @type {Office} */
let office = { timeZone: 'Asia/Shanghai', bodies: {}, units: {} };
/** @type {Map<string, string>} */
const people = new Map();
/** @type {Map<string, string>} */
const bodiesOfPeople = new Map();

/** Loads the office's names and time zone once, at start. */
export async function loadOffice() {
  try {
    const response = await fetch('/console/assets/office.json');
    if (response.ok) office = await response.json();
  } catch {
    // Without them the page shows what it has; every deployment serves office.json.
  }
  setTimeZone(office.timeZone);
}

/** @param {string | null | undefined} id */
export const bodyName = (id) => (id ? (inLang(office.bodies[id]) ?? id) : '—');
/** @param {string} id */
export const isBody = (id) => Object.hasOwn(office.bodies, id);
/** @param {string | null | undefined} id */
export const unitName = (id) => (id ? (inLang(office.units[id]) ?? id) : '—');
/** Every body of the office, by name. */
export const bodies = () =>
  Object.entries(office.bodies).map(([id, names]) => ({ id, name: inLang(names) ?? id }));
export const units = () =>
  Object.entries(office.units).map(([id, names]) => ({ id, name: inLang(names) ?? id }));

/** Remembers people's names (and bodies) an answer gave. @param {Readonly<Record<string, { readonly name: string, readonly bodyId?: string }>> | undefined} named */
export function rememberPeople(named) {
  for (const [id, person] of Object.entries(named ?? {})) {
    people.set(id, person.name);
    if (person.bodyId) bodiesOfPeople.set(id, person.bodyId);
  }
}
/** The body a person belongs to, when an answer said. @param {string} id */
export const personBody = (id) => bodiesOfPeople.get(id);
/** The people whose names are known, for the assignee filter. */
export const knownPeople = () => [...people].map(([id, name]) => ({ id, name }));

/** A person by name; the system and reporters by what they are. @param {string | null | undefined} id */
export function personName(id) {
  if (!id) return '—';
  if (id === 'system') return t('who.system');
  if (id === 'reporter' || id.startsWith('reporter')) return t('who.reporter');
  return people.get(id) ?? id;
}
