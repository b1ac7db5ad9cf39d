// @ts-check
// Who is signed in, for this tab and the browser session's other console tabs. The token lives in this tab's memory
// and sessionStorage (gone when the tab closes, never on another site's reach, never in a cookie that would ride
// along with requests); a new tab asks the open ones for it over a same-origin BroadcastChannel, and signing out
// in one tab signs out all of them. docs/console.md says why this and not localStorage or a cookie.

/** @typedef {import('../types').Person} Person */
/** @typedef {{ type: 'who' } | { type: 'session', token: string, person: Person } | { type: 'signed-out' }} Message */

const TOKEN_KEY = 'console.token';
const PERSON_KEY = 'console.person';
/** How long a new tab waits for an open one to answer before it asks the person to sign in. */
const ANSWER_WAIT_MS = 350;

/** @type {string | null} */
let token = sessionStorage.getItem(TOKEN_KEY);
/** @type {Person | null} */
let person = null;
try {
  person = JSON.parse(sessionStorage.getItem(PERSON_KEY) || 'null');
} catch {
  person = null;
}

/** @type {Set<() => void>} */
const listeners = new Set();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('console.session') : null;

/** When a JWT expires (ms since the epoch), read only to avoid handing on a spent token; the API verifies it. @param {string} jwt */
function expiresAt(jwt) {
  try {
    const payload = (jwt.split('.')[1] ?? '').replaceAll('-', '+').replaceAll('_', '/');
    const claims = JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4)));
    return typeof claims.exp === 'number' ? claims.exp * 1000 : 0;
  } catch {
    return 0;
  }
}
/** @param {string | null} jwt */
const live = (jwt) => jwt !== null && expiresAt(jwt) > Date.now() + 5_000;

// A token past its expiry is of no use to this tab or another: it is dropped before anything asks for it.
if (token !== null && !live(token)) {
  token = null;
  person = null;
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(PERSON_KEY);
}

export const currentToken = () => token;
export const currentPerson = () => person;
export const signedIn = () => token !== null;

/** @param {() => void} listener */
export function onSessionChange(listener) {
  listeners.add(listener);
}
const changed = () => {
  for (const listener of listeners) listener();
};

/** @param {string} newToken @param {Person} newPerson */
function store(newToken, newPerson) {
  token = newToken;
  person = newPerson;
  sessionStorage.setItem(TOKEN_KEY, newToken);
  sessionStorage.setItem(PERSON_KEY, JSON.stringify(newPerson));
}

/** Signed in in this tab: kept, and offered to the other console tabs still waiting at the sign-in. @param {string} newToken @param {Person} newPerson */
export function keepSession(newToken, newPerson) {
  store(newToken, newPerson);
  /** @type {Message} */
  const message = { type: 'session', token: newToken, person: newPerson };
  channel?.postMessage(message);
}

/** Signed out (or the token was refused): forgotten here and, unless only this tab's copy was stale, everywhere. */
export function forgetSession({ everywhere = true } = {}) {
  token = null;
  person = null;
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(PERSON_KEY);
  if (everywhere) {
    /** @type {Message} */
    const message = { type: 'signed-out' };
    channel?.postMessage(message);
  }
}

if (channel !== null) {
  channel.addEventListener('message', (event) => {
    /** @type {Message} */
    const message = event.data;
    if (message?.type === 'who' && token !== null && person !== null && live(token)) {
      /** @type {Message} */
      const answer = { type: 'session', token, person };
      channel.postMessage(answer);
    } else if (message?.type === 'session' && token === null && live(message.token)) {
      // Only a tab nobody is signed in to takes a session from another: a signed-in tab keeps its own person.
      store(message.token, message.person);
      changed();
    } else if (message?.type === 'signed-out' && token !== null) {
      forgetSession({ everywhere: false });
      changed();
    }
  });
}

/** A tab with no session asks the open console tabs for theirs; true when one answered in time. */
export function askOtherTabs() {
  if (token !== null) return Promise.resolve(true);
  if (channel === null) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listeners.delete(done);
      resolve(token !== null);
    };
    const timer = setTimeout(done, ANSWER_WAIT_MS);
    listeners.add(done);
    /** @type {Message} */
    const question = { type: 'who' };
    channel.postMessage(question);
  });
}
