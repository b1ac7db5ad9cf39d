// @ts-check
// Signing in: on this machine, a person of the directory; in AWS the hosted sign-in of the user pool, which the page
// reaches with OAuth 2.0's authorization code and PKCE (RFC 7636): the page is a public client with no secret, so the
// code is bound to a one-time verifier kept in this tab's sessionStorage, and `state` ties the answer to the request
// this tab made. The API is called with the ID token: it carries `custom:personId` (the directory person the API
// takes role and body from) and the groups, and its audience is the console client, which the API's JWT authorizer
// checks.
import { byId, el, flash, form, select } from './dom.js';
import { lang, t } from './i18n.js';
import { forgetSession, keepSession } from './session.js';

/** @typedef {import('../types').SignInConfig} SignInConfig */
/** @typedef {import('../types').Person} Person */

/** How this deployment signs people in (config.json, served beside the page). */
/** @type {SignInConfig} */
let config = { signIn: 'local' };
const PKCE_KEY = 'console.pkce';
const AFTER_KEY = 'console.after';
/** A link to one case in the console, as deadline emails carry. */
export const CASE_ROUTE = /^#\/cases\/HL[WHOI]-[0-9A-Z]{5}-[0-9A-Z]{5}$/;

export async function loadSignInConfig() {
  try {
    const response = await fetch('/console/assets/config.json');
    if (response.ok) config = await response.json();
  } catch {
    // Without its configuration the page signs in as on this machine; a deployment always serves it.
  }
}
export const signInConfig = () => config;

/** base64url without padding (RFC 4648 §5), as PKCE encodes its verifier and challenge. @param {Uint8Array} bytes */
function base64url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
/** A random value of `byteCount` bytes; 32 make a 43-character verifier, inside RFC 7636's 43 to 128. @param {number} byteCount */
export function randomToken(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}
/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). @param {string} verifier */
export async function pkceChallenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** @param {string} path @param {Record<string, string>} params */
function hostedUrl(path, params) {
  const url = new URL(path, config.domain);
  url.search = new URLSearchParams(params).toString();
  return url.href;
}

/** An ID token's claims, read only to show who is signed in: the API verifies every token it is given. @param {string} idToken */
function claimsOf(idToken) {
  const payload = (idToken.split('.')[1] ?? '').replaceAll('-', '+').replaceAll('_', '/');
  const padded = payload + '='.repeat((4 - (payload.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return /** @type {Record<string, unknown>} */ (JSON.parse(new TextDecoder().decode(bytes)));
}
const ROLES = ['admin', 'supervisor', 'investigator'];
/** @param {Record<string, unknown>} claims @returns {Person} */
function personOf(claims) {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  return {
    name: String(claims.name ?? claims.email ?? '—'),
    // One group, exactly a role's name: anything else the API refuses, and the page says so on the first call.
    role: groups.length === 1 && ROLES.includes(groups[0]) ? groups[0] : '—',
    id: String(claims['custom:personId'] ?? '—'),
  };
}

/** Remembers the case a link led to before signing in (an email's, say). @param {string} hash */
export function rememberWanted(hash) {
  if (CASE_ROUTE.test(hash)) sessionStorage.setItem(AFTER_KEY, hash);
}
/** The case a link led to before sign-in was needed: taken once, after signing in. */
export function afterSignIn() {
  const wanted = sessionStorage.getItem(AFTER_KEY);
  sessionStorage.removeItem(AFTER_KEY);
  return wanted !== null && CASE_ROUTE.test(wanted) ? wanted : '#/cases';
}

export async function startHostedSignIn() {
  const verifier = randomToken(32);
  const oauthState = randomToken(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state: oauthState }));
  location.assign(
    hostedUrl('/oauth2/authorize', {
      response_type: 'code',
      client_id: config.clientId ?? '',
      redirect_uri: config.redirectUri ?? '',
      scope: 'openid email profile',
      state: oauthState,
      code_challenge: await pkceChallenge(verifier),
      code_challenge_method: 'S256',
    }),
  );
}

/** Back from the hosted sign-in with `?code&state` (or `?error`): trade the code for tokens, once. */
export async function finishHostedSignIn() {
  if (config.signIn !== 'cognito') return;
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return;
  /** @type {{ verifier: string, state: string } | null} */
  let pending = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  } catch {
    pending = null;
  }
  sessionStorage.removeItem(PKCE_KEY);
  // The code is single-use and means nothing once traded: it leaves the address bar and the history either way.
  history.replaceState(null, '', `${location.pathname}#/signin`);
  const code = params.get('code');
  if (code === null || pending === null || params.get('state') !== pending.state) {
    flash(t('signin.failed'));
    return;
  }
  const response = await fetch(new URL('/oauth2/token', config.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId ?? '',
      code,
      redirect_uri: config.redirectUri ?? '',
      code_verifier: pending.verifier,
    }),
  });
  const tokens = response.ok ? await response.json() : {};
  if (typeof tokens.id_token !== 'string') {
    flash(t('signin.failed'));
    return;
  }
  keepSession(tokens.id_token, personOf(claimsOf(tokens.id_token)));
  flash('');
  history.replaceState(null, '', `${location.pathname}${afterSignIn()}`);
}

/** Signing out also ends the hosted sign-in's own session, or its cookie would sign the next person in as this one. */
export function signOut() {
  forgetSession();
  if (config.signIn === 'cognito') {
    location.assign(
      hostedUrl('/logout', { client_id: config.clientId ?? '', logout_uri: config.redirectUri ?? '' }),
    );
    return;
  }
  location.hash = '#/signin';
}

/** The sign-in page: the directory's people here, the office account's button in AWS. */
export async function showSignIn() {
  byId('signin-hosted').hidden = config.signIn !== 'cognito';
  const cloud = () => {
    form('signin-form').hidden = true;
    byId('signin-cloud').hidden = false;
  };
  if (config.signIn === 'cognito') return cloud();
  const response = await fetch('/local/people');
  if (!response.ok) return cloud();
  /** @type {{ people: { id: string, name: string, role: string, bodyNames: { zh: string, en: string } }[] }} */
  const { people } = await response.json();
  const chosen = select('signin-person').value;
  select('signin-person').replaceChildren(
    ...people.map((p) =>
      el('option', {
        value: p.id,
        text: `${p.name} — ${t(/** @type {import('./i18n.js').TextKey} */ (`role.${p.role}`))} — ${lang() === 'zh' ? p.bodyNames.zh : p.bodyNames.en}`,
      }),
    ),
  );
  if (chosen) select('signin-person').value = chosen;
}

form('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ investigatorId: select('signin-person').value }),
  });
  const result = await response.json();
  if (!response.ok) return flash(result.error?.message ?? t('signin.failed'));
  keepSession(result.token, result.person);
  flash('');
  location.hash = afterSignIn();
});
byId('signin-hosted').addEventListener('click', () => {
  startHostedSignIn().catch(() => flash(t('signin.failed')));
});
