// @ts-check
// The investigators' console: the router between its screens (sign-in, the case list, a case, an inspection
// finding, statistics), the language switch, and the start. Everything it shows comes from the JWT-protected cases
// API; the modules beside this one each own one screen or one concern.
import { ApiError } from './api.js';
import {
  afterSignIn,
  finishHostedSignIn,
  loadSignInConfig,
  rememberWanted,
  showSignIn,
  signInConfig,
  signOut,
} from './auth.js';
import { relabelCase, showCase } from './case-page.js';
import { byId, flash, form } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { showInspection } from './inspection.js';
import { fillFilterOptions, filtersFromAddress, loadCases } from './list.js';
import { bodyName, loadOffice, personBody } from './names.js';
import { askOtherTabs, currentPerson, onSessionChange, signedIn } from './session.js';
import { loadStats } from './stats.js';

/** @param {'signin' | 'list' | 'case' | 'inspection' | 'stats'} view */
function show(view) {
  for (const section of document.querySelectorAll('.view'))
    if (section instanceof HTMLElement) section.hidden = section.id !== `view-${view}`;
  byId('nav').hidden = !signedIn();
  byId('signout').hidden = !signedIn();
  showWho();
  for (const link of document.querySelectorAll('#nav a')) {
    const here = link.getAttribute('href') === `#/${view === 'list' || view === 'case' ? 'cases' : view}`;
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const heading = byId(`view-${view}`).querySelector('h1');
  heading?.setAttribute('tabindex', '-1');
  heading?.focus();
}

/** Who is signed in, in the bar: name, role and body, in the viewer's language. */
function showWho() {
  const person = currentPerson();
  byId('whoami').textContent =
    signedIn() && person
      ? [
          person.name,
          ['investigator', 'supervisor', 'admin'].includes(person.role)
            ? t(/** @type {import('./i18n.js').TextKey} */ (`role.${person.role}`))
            : person.role,
          // A hosted sign-in's token names no body: the list's answer does, once it has come.
          bodyName(person.bodyId ?? personBody(person.id)),
        ]
          .filter((part) => part !== '—')
          .join(' · ')
      : '';
}

/** @param {unknown} error */
function report(error) {
  if (error instanceof ApiError) {
    if (error.status !== 401) flash(error.words());
  } else if (error instanceof Error) flash(error.message);
}

/** The route of the address, drawn; the sign-in first for someone not signed in (the link kept for after). */
async function route() {
  const hash = location.hash || '#/cases';
  if (!signedIn() && hash !== '#/signin') {
    rememberWanted(hash);
    location.hash = '#/signin';
    return;
  }
  try {
    if (hash === '#/signin') {
      show('signin');
      return await showSignIn();
    }
    const caseMatch = /^#\/cases\/(HL[WHOI]-[0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(hash);
    if (caseMatch?.[1]) {
      await showCase(caseMatch[1]);
      return show('case');
    }
    if (hash === '#/inspection') {
      show('inspection');
      return showInspection();
    }
    if (hash === '#/stats') {
      show('stats');
      return await loadStats();
    }
    show('list');
    filtersFromAddress(hash);
    await loadCases(false);
    showWho();
  } catch (error) {
    report(error);
  }
}

function applyLanguage() {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · Sunshine Hotline`;
  for (const node of document.querySelectorAll('[data-i18n]'))
    if (node instanceof HTMLElement)
      node.textContent = t(/** @type {import('./i18n.js').TextKey} */ (node.dataset.i18n));
  byId('nav').setAttribute('aria-label', t('nav.label'));
  byId('lang').setAttribute('lang', lang() === 'zh' ? 'en' : 'zh-CN');
  showWho();
  // The last message was in the other language.
  flash('');
  fillFilterOptions();
}

byId('lang').addEventListener('click', () => {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  applyLanguage();
  // A case is drawn again from what was fetched, so an action half filled in is not lost; other screens reload.
  if (!byId('view-case').hidden) relabelCase();
  else route();
});
byId('signout').addEventListener('click', signOut);
form('stats-form').addEventListener('change', () => loadStats().catch(report));

async function start() {
  await Promise.all([loadSignInConfig(), loadOffice()]);
  applyLanguage();
  if (signInConfig().signIn === 'cognito') await finishHostedSignIn().catch(report);
  if (!signedIn()) {
    // One sign-in serves every console tab of the browser session: ask the open ones first.
    // The question is shown while it is asked, then the message before it (a failed hosted sign-in's) again.
    const before = byId('flash').textContent ?? '';
    flash(t('signin.checking'));
    await askOtherTabs();
    if (byId('flash').textContent === t('signin.checking')) flash(before);
    if (signedIn() && location.hash === '#/signin') location.hash = afterSignIn();
  }
  // Another tab signed in (this one was waiting at the sign-in) or signed out: follow it.
  onSessionChange(() => {
    if (!signedIn()) location.hash = '#/signin';
    else if (location.hash === '#/signin') {
      flash('');
      location.hash = afterSignIn();
    }
  });
  window.addEventListener('hashchange', route);
  await route();
}
start();
