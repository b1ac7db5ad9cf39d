// The investigators' console: sign in, the case list, the case page with the actions allowed now, inspection
// findings and statistics with charts (uPlot). Everything it shows comes from the JWT-protected cases API.

const TEXT = {
  zh: {
    skip: '跳到正文',
    title: '阳光热线 · 核查工作台',
    'nav.cases': '案件',
    'nav.inspection': '暗访发现',
    'nav.stats': '统计',
    lang: 'English',
    signout: '退出',
    'signin.title': '登录',
    'signin.person': '选择本机目录中的人员',
    'signin.submit': '登录',
    'signin.cloud': '请使用单位账号通过统一身份认证登录。',
    'signin.hosted': '使用单位账号登录',
    'signin.failed': '登录未完成，请重新登录。',
    'list.title': '案件列表',
    'f.status': '状态',
    'f.category': '类别',
    'f.severity': '严重程度',
    'f.any': '全部',
    'f.overdue': '仅看超期',
    'f.apply': '筛选',
    'c.reference': '编号',
    'c.received': '受理时间',
    'c.status': '状态',
    'c.category': '类别',
    'c.severity': '严重程度',
    'c.body': '承办机关',
    'c.due': '核查期限',
    'list.empty': '没有符合条件的案件。',
    'list.more': '加载更多',
    'case.title': '案件',
    'case.complaint': '反映内容',
    'case.findings': '核查结论',
    'case.contact': '举报人联系方式',
    'case.contactOpen': '查看联系方式（将记入案件记录）',
    'case.actions': '可进行的操作',
    'case.reasons': '分派理由',
    'case.related': '相关案件',
    'case.history': '办理记录',
    'h.at': '时间',
    'h.actor': '办理人',
    'h.action': '事项',
    'h.note': '说明',
    'action.submit': '确认',
    'action.cancel': '取消',
    'insp.title': '登记暗访发现',
    'insp.unit': '被暗访单位',
    'insp.observed': '发现的问题',
    'insp.at': '暗访时间',
    'insp.official': '涉及人员（可选）',
    'insp.location': '地点（可选）',
    'insp.submit': '提交',
    'insp.done': '已登记，编号',
    'stats.title': '统计',
    'stats.from': '起',
    'stats.to': '止',
    'chart.category': '按类别受理',
    'chart.channel': '按渠道受理',
    'chart.outcomes': '办理结果',
    'chart.sanctions': '处理方式',
    'chart.ontime': '各机关按期核查率 (%)',
    'stats.bodies': '各机关',
    's.received': '受理',
    's.ontime': '按期核查',
    's.overdue': '当前超期',
    's.substantiated': '属实',
    's.people': '问责人数',
    'stats.hotspots': '举报集中的单位',
    overdue: '已超期',
    dueSoon: '即将到期',
    none: '无',
    flagged: '建议开展靶向暗访',
    complaints: '件',
    'fact.status': '状态',
    'fact.channel': '渠道',
    'fact.category': '类别',
    'fact.severity': '严重程度',
    'fact.unit': '被反映单位',
    'fact.official': '被反映人',
    'fact.body': '承办机关',
    'fact.received': '受理时间',
    'fact.due': '核查期限',
    'fact.version': '版本',
    'fact.mergedInto': '已并入',
    'fact.mergedCases': '并入本案的案件',
    'fact.inspector': '暗访人',
    'fact.review': '需复核分派',
    'field.note': '说明',
    'field.reason': '理由',
    'field.findings': '核查结论',
    'field.target': '移交至',
    'field.mergeInto': '并入案件编号',
    'field.person': '被问责人（姓名或职务）',
    'field.other': '其他处理（说明）',
    'field.addSanction': '添加被问责人',
    'field.unit': '被反映单位编号（可选）',
    stale: '案件已被他人更新，已重新载入，请再试一次。',
    signedOut: '登录已失效，请重新登录。',
    'total.received': '受理',
    'total.acknowledged': '按期签收',
    'total.verified': '按期核查',
    'total.overdue': '当前超期',
    'total.people': '问责人数',
    'total.substantiated': '属实',
    more: '还有更多',
    name: '姓名',
    phone: '电话',
    email: '邮箱',
  },
  en: {
    skip: 'Skip to content',
    title: 'Sunshine Hotline · Console',
    'nav.cases': 'Cases',
    'nav.inspection': 'Inspection finding',
    'nav.stats': 'Statistics',
    lang: '中文',
    signout: 'Sign out',
    'signin.title': 'Sign in',
    'signin.person': 'Choose a person of this machine’s directory',
    'signin.submit': 'Sign in',
    'signin.cloud': 'Sign in with your office account.',
    'signin.hosted': 'Sign in with your office account',
    'signin.failed': 'Signing in did not complete; please try again.',
    'list.title': 'Cases',
    'f.status': 'Status',
    'f.category': 'Category',
    'f.severity': 'Severity',
    'f.any': 'Any',
    'f.overdue': 'Overdue only',
    'f.apply': 'Apply',
    'c.reference': 'Reference',
    'c.received': 'Received',
    'c.status': 'Status',
    'c.category': 'Category',
    'c.severity': 'Severity',
    'c.body': 'Body',
    'c.due': 'Verification due',
    'list.empty': 'No cases match.',
    'list.more': 'Load more',
    'case.title': 'Case',
    'case.complaint': 'Complaint',
    'case.findings': 'Findings',
    'case.contact': 'Reporter’s contact',
    'case.contactOpen': 'Show contact details (recorded in the history)',
    'case.actions': 'Actions allowed now',
    'case.reasons': 'Triage reasons',
    'case.related': 'Related cases',
    'case.history': 'History',
    'h.at': 'When',
    'h.actor': 'Who',
    'h.action': 'What',
    'h.note': 'Note',
    'action.submit': 'Confirm',
    'action.cancel': 'Cancel',
    'insp.title': 'File an inspection finding',
    'insp.unit': 'Unit inspected',
    'insp.observed': 'What was observed',
    'insp.at': 'When',
    'insp.official': 'Official involved (optional)',
    'insp.location': 'Place (optional)',
    'insp.submit': 'File',
    'insp.done': 'Filed as',
    'stats.title': 'Statistics',
    'stats.from': 'From',
    'stats.to': 'To',
    'chart.category': 'Received by category',
    'chart.channel': 'Received by channel',
    'chart.outcomes': 'Outcomes',
    'chart.sanctions': 'Sanctions by kind',
    'chart.ontime': 'Verified on time, by body (%)',
    'stats.bodies': 'By body',
    's.received': 'Received',
    's.ontime': 'Verified on time',
    's.overdue': 'Overdue now',
    's.substantiated': 'Substantiated',
    's.people': 'People held accountable',
    'stats.hotspots': 'Units most complained about',
    overdue: 'overdue',
    dueSoon: 'due soon',
    none: 'none',
    flagged: 'directed inspection advised',
    complaints: 'complaints',
    'fact.status': 'Status',
    'fact.channel': 'Channel',
    'fact.category': 'Category',
    'fact.severity': 'Severity',
    'fact.unit': 'Unit',
    'fact.official': 'Official',
    'fact.body': 'Body',
    'fact.received': 'Received',
    'fact.due': 'Verification due',
    'fact.version': 'Version',
    'fact.mergedInto': 'Merged into',
    'fact.mergedCases': 'Merged into this case',
    'fact.inspector': 'Inspector',
    'fact.review': 'Triage to be checked',
    'field.note': 'Note',
    'field.reason': 'Reason',
    'field.findings': 'Findings',
    'field.target': 'Transfer to',
    'field.mergeInto': 'Merge into (reference)',
    'field.person': 'Person held accountable (name or post)',
    'field.other': 'Other sanction (describe)',
    'field.addSanction': 'Add a person',
    'field.unit': 'Unit id (optional)',
    stale: 'Someone else changed this case; it has been reloaded. Please try again.',
    signedOut: 'Your session has ended; please sign in again.',
    'total.received': 'Received',
    'total.acknowledged': 'Acknowledged on time',
    'total.verified': 'Verified on time',
    'total.overdue': 'Overdue now',
    'total.people': 'People held accountable',
    'total.substantiated': 'Substantiated',
    more: 'and more',
    name: 'Name',
    phone: 'Phone',
    email: 'Email',
  },
};
const LABELS = {
  status: {
    received: ['待分派', 'received'],
    triaged: ['待签收', 'triaged'],
    acknowledged: ['已签收', 'acknowledged'],
    verifying: ['核查中', 'verifying'],
    substantiated: ['属实', 'substantiated'],
    unfounded: ['不属实', 'unfounded'],
    closed: ['已办结', 'closed'],
    merged: ['已合并', 'merged'],
  },
  category: {
    solicitation: ['吃拿卡要', 'solicitation'],
    misconduct: ['滥用职权', 'misconduct'],
    obstruction: ['推诿拖延', 'obstruction'],
    attitude: ['作风态度', 'attitude'],
    other: ['其他', 'other'],
    untriaged: ['未分类', 'untriaged'],
  },
  severity: {
    critical: ['特别严重', 'critical'],
    high: ['严重', 'high'],
    normal: ['一般', 'normal'],
    low: ['轻微', 'low'],
  },
  channel: {
    web: ['网络', 'web'],
    hotline: ['电话', 'hotline'],
    open311: ['Open311', 'Open311'],
    inspection: ['暗访', 'inspection'],
  },
  action: {
    acknowledge: ['签收', 'Acknowledge'],
    verify: ['开始核查', 'Start verification'],
    substantiate: ['认定属实', 'Substantiate'],
    unfound: ['认定不属实', 'Find unfounded'],
    close: ['办结', 'Close'],
    transfer: ['移交', 'Transfer'],
    merge: ['合并', 'Merge'],
    reopen: ['重新打开', 'Reopen'],
    triage: ['人工分派', 'Triage'],
  },
  outcome: {
    substantiated: ['属实', 'substantiated'],
    unfounded: ['不属实', 'unfounded'],
    merged: ['合并', 'merged'],
    open: ['办理中', 'open'],
  },
  sanction: {
    admonition_talk: ['诫勉谈话', 'admonition talk'],
    notified_criticism: ['通报批评', 'notified criticism'],
    removal_from_post: ['免职', 'removal from post'],
    party_warning: ['党内警告', 'party warning'],
    case_filed: ['立案调查', 'case filed'],
    other: ['其他', 'other'],
  },
};
/** What each action asks for; the API checks the same and more. */
const ACTION_FIELDS = {
  acknowledge: ['note'],
  verify: ['note'],
  substantiate: ['findings', 'sanctions', 'note'],
  unfound: ['findings', 'note'],
  close: ['note'],
  transfer: ['targetBodyId', 'reason'],
  merge: ['mergeInto', 'note'],
  reopen: ['reason'],
  triage: ['triage', 'note'],
};

const state = {
  lang: localStorage.getItem('console.lang') || 'zh',
  token: sessionStorage.getItem('console.token'),
  person: null,
  cursor: null,
  current: null,
};
try {
  state.person = JSON.parse(sessionStorage.getItem('console.person') || 'null');
} catch {
  state.person = null;
}

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key] ?? key;
const label = (kind, value) => {
  const pair = LABELS[kind]?.[value];
  return pair ? (state.lang === 'zh' ? pair[0] : pair[1]) : String(value ?? '—');
};
const when = (iso) => (iso ? new Date(iso).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en-GB') : '—');
/** A link to one case in the console, as deadline emails carry. */
const CASE_ROUTE = /^#\/cases\/HL[WHOI]-[0-9A-Z]{5}-[0-9A-Z]{5}$/;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}
function flash(message) {
  $('flash').textContent = message;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}
async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${state.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (response.status === 401) {
    forgetSession();
    location.hash = '#/signin';
    flash(t('signedOut'));
    throw new ApiError(401, json);
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const select of document.querySelectorAll('#filters select')) {
    const kind = select.name;
    for (const option of select.options) if (option.value) option.textContent = label(kind, option.value);
  }
}

function keepSession(token, person) {
  state.token = token;
  state.person = person;
  sessionStorage.setItem('console.token', token);
  sessionStorage.setItem('console.person', JSON.stringify(person));
}
function forgetSession() {
  state.token = null;
  state.person = null;
  sessionStorage.removeItem('console.token');
  sessionStorage.removeItem('console.person');
}
/** Signing out also ends the hosted sign-in's own session, or its cookie would sign the next person in as this one. */
function signOut() {
  forgetSession();
  if (signInConfig.signIn === 'cognito') {
    location.assign(logoutUrl(signInConfig));
    return;
  }
  location.hash = '#/signin';
}

function show(view) {
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${view}`;
  const signedIn = state.token !== null;
  $('nav').hidden = !signedIn;
  $('signout').hidden = !signedIn;
  $('whoami').textContent =
    signedIn && state.person
      ? [state.person.name, state.person.role, state.person.bodyId ?? state.person.id].join(' · ')
      : '';
  $(`view-${view}`).querySelector('h1')?.setAttribute('tabindex', '-1');
  $(`view-${view}`).querySelector('h1')?.focus();
}

// ---- sign-in: on this machine, a person of the directory; in AWS the hosted sign-in of the user pool, which the
// page reaches with OAuth 2.0's authorization code and PKCE (RFC 7636): the page is a public client with no secret,
// so the code is bound to a one-time verifier kept in this tab's sessionStorage, and `state` ties the answer to the
// request this tab made. The API is called with the ID token: it carries `custom:personId` (the directory person the
// API takes role and body from) and the groups, and its audience is the console client, which the API's JWT
// authorizer checks.

/** How this deployment signs people in (config.json, served beside the page). */
let signInConfig = { signIn: 'local' };
const PKCE_KEY = 'console.pkce';

/** base64url without padding (RFC 4648 §5), as PKCE encodes its verifier and challenge. */
function base64url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
/** A random value of `byteCount` bytes; 32 make a 43-character verifier, inside RFC 7636's 43 to 128. */
function randomToken(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}
/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
async function pkceChallenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
function authorizeUrl(config, challenge, oauthState) {
  const url = new URL('/oauth2/authorize', config.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    state: oauthState,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}
function logoutUrl(config) {
  const url = new URL('/logout', config.domain);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri }).toString();
  return url.href;
}
/** An ID token's claims, read only to show who is signed in: the API verifies every token it is given. */
function claimsOf(idToken) {
  const payload = (idToken.split('.')[1] ?? '').replaceAll('-', '+').replaceAll('_', '/');
  const padded = payload + '='.repeat((4 - (payload.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}
const ROLES = ['admin', 'supervisor', 'investigator'];
function personOf(claims) {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  return {
    name: String(claims.name ?? claims.email ?? '—'),
    // One group, exactly a role's name: anything else the API refuses, and the page says so on the first call.
    role: groups.length === 1 && ROLES.includes(groups[0]) ? groups[0] : '—',
    id: String(claims['custom:personId'] ?? '—'),
  };
}

async function startHostedSignIn() {
  const verifier = randomToken(32);
  const oauthState = randomToken(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state: oauthState }));
  location.assign(authorizeUrl(signInConfig, await pkceChallenge(verifier), oauthState));
}

/** Back from the hosted sign-in with `?code&state` (or `?error`): trade the code for tokens, once. */
async function finishHostedSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return;
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
  const response = await fetch(new URL('/oauth2/token', signInConfig.domain), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: signInConfig.clientId,
      code,
      redirect_uri: signInConfig.redirectUri,
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

async function showSignIn() {
  show('signin');
  $('signin-hosted').hidden = signInConfig.signIn !== 'cognito';
  if (signInConfig.signIn === 'cognito') {
    $('signin-form').hidden = true;
    $('signin-cloud').hidden = false;
    return;
  }
  const response = await fetch('/local/people');
  if (!response.ok) {
    $('signin-form').hidden = true;
    $('signin-cloud').hidden = false;
    return;
  }
  const { people } = await response.json();
  $('signin-person').replaceChildren(
    ...people.map((p) =>
      el('option', {
        value: p.id,
        text: `${p.name} — ${p.role} — ${state.lang === 'zh' ? p.bodyNames.zh : p.bodyNames.en}`,
      }),
    ),
  );
}
$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ investigatorId: $('signin-person').value }),
  });
  const result = await response.json();
  if (!response.ok) return flash(result.error?.message ?? 'sign-in failed');
  keepSession(result.token, result.person);
  flash('');
  location.hash = afterSignIn();
});

// ---- the case list
function fillFilterOptions() {
  for (const [name, kind] of [
    ['status', 'status'],
    ['category', 'category'],
    ['severity', 'severity'],
  ]) {
    const select = $('filters').elements[name];
    for (const value of Object.keys(LABELS[kind])) {
      if (value === 'untriaged') continue;
      select.append(el('option', { value, text: label(kind, value) }));
    }
  }
}
function caseRow(c) {
  const row = el('tr', { class: c.overdue ? 'overdue' : c.dueSoon ? 'due-soon' : '' });
  const link = el('a', { href: `#/cases/${c.reference}`, text: c.reference });
  const due = el('td', { text: when(c.verificationDueAt) });
  if (c.overdue) due.append(el('span', { class: 'badge', text: t('overdue') }));
  else if (c.dueSoon) due.append(el('span', { class: 'badge', text: t('dueSoon') }));
  row.append(
    el('td', {}, link),
    el('td', { text: when(c.receivedAt) }),
    el('td', { text: label('status', c.status) }),
    el('td', { text: label('category', c.category) }),
    el('td', { text: label('severity', c.severity) }),
    el('td', { text: c.bodyId ?? '—' }),
    due,
  );
  return row;
}
async function loadCases(append) {
  const form = $('filters');
  const query = new URLSearchParams();
  for (const name of ['status', 'category', 'severity'])
    if (form.elements[name].value) query.set(name, form.elements[name].value);
  if (form.elements.overdue.checked) query.set('overdue', 'true');
  if (append && state.cursor) query.set('cursor', state.cursor);
  const page = await api('GET', `/cases?${query}`);
  const rows = page.cases.map(caseRow);
  if (append) $('case-rows').append(...rows);
  else $('case-rows').replaceChildren(...rows);
  state.cursor = page.nextCursor ?? null;
  $('list-more').hidden = state.cursor === null;
  $('list-empty').hidden = $('case-rows').children.length > 0;
}
$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  loadCases(false).catch(report);
});
$('list-more').addEventListener('click', () => loadCases(true).catch(report));

// ---- the case page
function fact(list, key, value) {
  if (value === undefined || value === null || value === '') return;
  list.append(el('dt', { text: t(key) }), el('dd', {}, value instanceof Node ? value : String(value)));
}
function caseLinks(references) {
  const span = el('span');
  references.forEach((reference, i) => {
    if (i > 0) span.append(', ');
    span.append(el('a', { href: `#/cases/${reference}`, text: reference }));
  });
  return span;
}
function renderCase(detail) {
  state.current = detail;
  const c = detail.case;
  $('case-reference').textContent = c.reference;
  const facts = $('case-facts');
  facts.replaceChildren();
  fact(facts, 'fact.status', label('status', c.status));
  fact(facts, 'fact.channel', label('channel', c.channel));
  fact(facts, 'fact.category', c.category && label('category', c.category));
  fact(facts, 'fact.severity', c.severity && label('severity', c.severity));
  fact(facts, 'fact.unit', c.complaint.subjectUnit ?? c.unitId);
  fact(facts, 'fact.official', c.complaint.officialName);
  fact(facts, 'fact.body', c.bodyId);
  fact(facts, 'fact.received', when(c.receivedAt));
  fact(facts, 'fact.due', when(c.verificationDueAt));
  fact(facts, 'fact.version', c.version);
  fact(
    facts,
    'fact.inspector',
    c.inspection && `${c.inspection.inspectorId} · ${when(c.inspection.observedAt)}`,
  );
  fact(facts, 'fact.mergedInto', c.mergedInto && caseLinks([c.mergedInto]));
  fact(
    facts,
    'fact.mergedCases',
    c.mergedCases?.length ? caseLinks(c.mergedCases.map((m) => m.reference)) : undefined,
  );
  fact(facts, 'fact.review', c.needsReview || c.needsManualTriage ? '✓' : undefined);
  $('case-description').textContent = c.complaint.description;
  $('case-conclusion').hidden = c.findings === undefined;
  $('case-findings').textContent = c.findings ?? '';
  $('case-sanctions').replaceChildren(
    ...(c.sanctionDetails ?? []).map((s) =>
      el('li', {
        text: `${s.person}: ${s.kinds.map((k) => label('sanction', k)).join('、')}${s.other ? ` (${s.other})` : ''}`,
      }),
    ),
  );
  const supervisor = state.person?.role === 'supervisor';
  $('case-contact-box').hidden = !(supervisor && c.hasContact);
  $('case-contact').hidden = detail.contact === undefined;
  if (detail.contact) {
    const list = $('case-contact');
    list.replaceChildren();
    fact(list, 'name', detail.contact.name);
    fact(list, 'phone', detail.contact.phone);
    fact(list, 'email', detail.contact.email);
  }
  $('case-actions').replaceChildren(
    ...detail.allowedActions.map((action) => {
      const button = el('button', { type: 'button', 'data-action': action, text: label('action', action) });
      button.addEventListener('click', () => openAction(action));
      return button;
    }),
  );
  if (detail.allowedActions.length === 0) $('case-actions').append(el('span', { text: t('none') }));
  $('case-reasons').replaceChildren(
    ...(c.triageReasons ?? []).map((reason) => {
      const { rule, ...details } = reason;
      return el('li', {}, el('strong', { text: rule }), ' ', el('code', { text: JSON.stringify(details) }));
    }),
  );
  const related = detail.related.references;
  $('case-related').replaceChildren(
    ...(related.length
      ? related.map((r) => el('li', {}, el('a', { href: `#/cases/${r}`, text: r })))
      : [el('li', { text: t('none') })]),
    ...(detail.related.more ? [el('li', { text: t('more') })] : []),
  );
  $('case-history').replaceChildren(
    ...detail.history.map((h) =>
      el(
        'tr',
        {},
        el('td', { text: when(h.at) }),
        el('td', { text: detail.actors?.[h.actor]?.name ?? h.actorName ?? h.actor }),
        el('td', { text: h.words?.[state.lang === 'zh' ? 'zh-CN' : 'en'] ?? h.kind }),
        el('td', { text: h.note ?? '' }),
      ),
    ),
  );
}
async function showCase(reference, contact) {
  // Fetched first, so the page never shows the previous case while the next one loads.
  const detail = await api('GET', `/cases/${encodeURIComponent(reference)}`);
  $('action-form').hidden = true;
  renderCase(contact === undefined ? detail : { ...detail, contact });
  show('case');
}
// Opening a reporter's contact is an act of its own, recorded in the case before it is shown.
$('case-contact-open').addEventListener('click', () => {
  const reference = state.current.case.reference;
  api('POST', `/cases/${encodeURIComponent(reference)}/contact-views`)
    .then((answer) => showCase(reference, answer.contact ?? undefined))
    .catch(report);
});

function labelled(id, text, control) {
  return [el('label', { for: id, text }), control];
}
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
  const kinds = el('fieldset');
  for (const kind of Object.keys(LABELS.sanction)) {
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
function openAction(action) {
  const fields = $('action-fields');
  fields.replaceChildren();
  $('action-error').textContent = '';
  $('action-title').textContent = label('action', action);
  $('action-form').dataset.action = action;
  const c = state.current.case;
  for (const field of ACTION_FIELDS[action]) {
    if (field === 'note' || field === 'reason') {
      fields.append(
        ...labelled(
          'action-note',
          t(field === 'note' ? 'field.note' : 'field.reason'),
          el('textarea', {
            id: 'action-note',
            rows: '2',
            maxlength: '2000',
            ...(field === 'reason' ? { required: '' } : {}),
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
      const select = el(
        'select',
        { id: 'action-target', required: '' },
        ...state.current.transferTargets.map((b) =>
          el('option', { value: b.id, text: `${state.lang === 'zh' ? b.names.zh : b.names.en} (${b.id})` }),
        ),
      );
      fields.append(...labelled('action-target', t('field.target'), select));
    } else if (field === 'mergeInto') {
      fields.append(
        ...labelled(
          'action-merge',
          t('field.mergeInto'),
          el('input', {
            id: 'action-merge',
            type: 'text',
            required: '',
            pattern: 'HL[WHOI]-[0-9A-Z]{5}-[0-9A-Z]{5}',
          }),
        ),
      );
    } else if (field === 'triage') {
      const options = (kind) =>
        Object.keys(LABELS[kind])
          .filter((v) => v !== 'untriaged')
          .map((v) => el('option', { value: v, text: label(kind, v) }));
      fields.append(
        ...labelled(
          'action-category',
          t('fact.category'),
          el('select', { id: 'action-category' }, ...options('category')),
        ),
        ...labelled(
          'action-severity',
          t('fact.severity'),
          el('select', { id: 'action-severity' }, ...options('severity')),
        ),
        ...labelled(
          'action-body',
          t('fact.body'),
          el(
            'select',
            { id: 'action-body' },
            ...state.current.transferTargets
              .concat(c.bodyId ? [{ id: c.bodyId, names: { zh: c.bodyId, en: c.bodyId } }] : [])
              .map((b) =>
                el('option', {
                  value: b.id,
                  text: `${state.lang === 'zh' ? b.names.zh : b.names.en} (${b.id})`,
                }),
              ),
          ),
        ),
        ...labelled(
          'action-unit',
          t('field.unit'),
          el('input', { id: 'action-unit', type: 'text', value: c.unitId ?? '' }),
        ),
      );
    }
  }
  $('action-form').hidden = false;
  fields.querySelector('input, textarea, select')?.focus() ?? $('action-submit').focus();
}
function actionBody(action) {
  const value = (id) => $(id)?.value.trim() || undefined;
  const body = { action, expectedVersion: state.current.case.version };
  const fields = ACTION_FIELDS[action];
  if (fields.includes('note') || fields.includes('reason')) body.note = value('action-note');
  if (fields.includes('findings')) body.findings = value('action-findings');
  if (fields.includes('sanctions')) {
    const sanctions = [...$('action-sanctions').children]
      .map((block) => {
        const person = block.querySelector('[data-sanction="person"]').value.trim();
        const kinds = [...block.querySelectorAll('[data-sanction="kind"]:checked')].map((box) => box.value);
        const other = block.querySelector('[data-sanction="other"]').value.trim();
        return { person, kinds, ...(other ? { other } : {}) };
      })
      .filter((s) => s.person !== '' || s.kinds.length > 0);
    if (sanctions.length > 0) body.sanctions = sanctions;
  }
  if (fields.includes('targetBodyId')) body.targetBodyId = value('action-target');
  if (fields.includes('mergeInto')) body.mergeInto = value('action-merge')?.toUpperCase();
  if (fields.includes('triage')) {
    body.triage = {
      category: value('action-category'),
      severity: value('action-severity'),
      bodyId: value('action-body'),
    };
    const unit = value('action-unit');
    if (unit) body.triage.unitId = unit;
  }
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}
$('action-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const action = $('action-form').dataset.action;
  try {
    const detail = await api('POST', `/cases/${state.current.case.reference}/actions`, actionBody(action));
    $('action-form').hidden = true;
    renderCase(detail);
    flash(`${label('action', action)} ✓`);
    $('case-actions').querySelector('button')?.focus();
  } catch (error) {
    if (error.status === 409) {
      await showCase(state.current.case.reference);
      return flash(t('stale'));
    }
    const details = error.body?.error;
    const extra = details?.fields
      ? ` ${Object.entries(details.fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')}`
      : '';
    const rule = details?.rule ? ` (${details.rule})` : '';
    const allowed = details?.allowed ? ` → ${details.allowed.map((a) => label('action', a)).join(', ')}` : '';
    $('action-error').textContent = `${error.message}${rule}${allowed}${extra}`;
  }
});
$('action-cancel').addEventListener('click', () => {
  $('action-form').hidden = true;
  $('case-actions').querySelector('button')?.focus();
});

// ---- inspection findings
$('inspection-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  $('insp-error').textContent = '';
  const local = form.elements.observedAt.value;
  const body = {
    unit: form.elements.unit.value.trim(),
    observed: form.elements.observed.value.trim(),
    observedAt: local ? new Date(local).toISOString() : '',
    language: state.lang === 'zh' ? 'zh-CN' : 'en',
  };
  for (const name of ['officialName', 'location'])
    if (form.elements[name].value.trim()) body[name] = form.elements[name].value.trim();
  try {
    const result = await api('POST', '/cases', body);
    form.reset();
    $('insp-done').hidden = false;
    $('insp-done').replaceChildren(
      `${t('insp.done')} `,
      el('a', { href: `#/cases/${result.reference}`, text: result.reference }),
    );
  } catch (error) {
    const fields = error.body?.error?.fields;
    $('insp-error').textContent = fields
      ? Object.entries(fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')
      : error.message;
  }
});

// ---- statistics
const charts = [];
function barChart(container, labels, values, color) {
  container.replaceChildren();
  const xs = labels.map((_, i) => i);
  const width = Math.max(320, container.clientWidth || 460);
  const chart = new uPlot(
    {
      width,
      height: 220,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, range: [-0.6, labels.length - 0.4] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
      },
      axes: [
        { splits: () => xs, values: (_u, splits) => splits.map((i) => labels[i] ?? ''), gap: 4, size: 40 },
        { size: 44 },
      ],
      series: [
        {},
        {
          label: '',
          fill: color,
          stroke: color,
          width: 1,
          points: { show: false },
          paths: uPlot.paths.bars({ size: [0.6, 64] }),
        },
      ],
    },
    [xs, values],
    container,
  );
  container.setAttribute('role', 'img');
  container.setAttribute('aria-label', labels.map((l, i) => `${l}: ${values[i]}`).join(', '));
  charts.push(chart);
}
function renderStats(stats) {
  for (const chart of charts.splice(0)) chart.destroy();
  const total = stats.total;
  const tile = (key, value) => el('div', {}, el('dt', { text: t(key) }), el('dd', { text: String(value) }));
  $('stats-totals').replaceChildren(
    tile('total.received', total.received.total),
    tile('total.acknowledged', `${total.acknowledged.onTime}/${total.acknowledged.total}`),
    tile('total.verified', `${total.verified.onTime}/${total.verified.total}`),
    tile('total.overdue', total.overdueNow),
    tile('total.substantiated', total.outcomes.substantiated),
    tile('total.people', total.peopleHeldAccountable),
  );
  const entries = (kind, record) => Object.entries(record).map(([k, v]) => [label(kind, k), v]);
  const draw = (id, pairs, color) =>
    barChart(
      $(id),
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
      color,
    );
  draw('chart-category', entries('category', total.received.byCategory), '#8c0e1b');
  draw('chart-channel', entries('channel', total.received.byChannel), '#0958d9');
  draw('chart-outcomes', entries('outcome', total.outcomes), '#389e0d');
  draw('chart-sanctions', entries('sanction', total.sanctions), '#d46b08');
  draw(
    'chart-ontime',
    stats.byBody.map((b) => [
      b.bodyId,
      b.verified.onTimeRate === null ? 0 : Math.round(b.verified.onTimeRate * 100),
    ]),
    '#531dab',
  );
  $('stats-bodies').replaceChildren(
    ...stats.byBody.map((b) =>
      el(
        'tr',
        {},
        el('td', { text: b.bodyId }),
        el('td', { text: String(b.received.total) }),
        el('td', { text: `${b.verified.onTime}/${b.verified.total}` }),
        el('td', { text: String(b.overdueNow) }),
        el('td', { text: String(b.outcomes.substantiated) }),
        el('td', { text: String(b.peopleHeldAccountable) }),
      ),
    ),
  );
  $('stats-hotspots').replaceChildren(
    ...(stats.hotspots.length
      ? stats.hotspots.map((h) =>
          el(
            'li',
            { class: h.flaggedForInspection ? 'flagged' : '' },
            `${h.unitId}: ${h.complaints} ${t('complaints')}${h.flaggedForInspection ? ` — ${t('flagged')}` : ''}`,
          ),
        )
      : [el('li', { text: t('none') })]),
  );
}
async function loadStats() {
  const form = $('stats-form');
  const query = new URLSearchParams({ from: form.elements.from.value, to: form.elements.to.value });
  renderStats(await api('GET', `/stats?${query}`));
}
$('stats-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadStats().catch(report);
});

// ---- navigation
function report(error) {
  if (error instanceof ApiError && error.status === 401) return;
  flash(error.message);
}
/** The case a link led to before sign-in was needed (an email's, say): taken once, after signing in. */
function afterSignIn() {
  const wanted = sessionStorage.getItem('console.after');
  sessionStorage.removeItem('console.after');
  return wanted !== null && CASE_ROUTE.test(wanted) ? wanted : '#/cases';
}

async function route() {
  const hash = location.hash || '#/cases';
  if (state.token === null && hash !== '#/signin') {
    if (CASE_ROUTE.test(hash)) sessionStorage.setItem('console.after', hash);
    location.hash = '#/signin';
    return;
  }
  try {
    if (hash === '#/signin') return await showSignIn();
    const caseMatch = /^#\/cases\/(HL[WHOI]-[0-9A-Z]{5}-[0-9A-Z]{5})$/.exec(hash);
    if (caseMatch) return await showCase(caseMatch[1]);
    if (hash === '#/inspection') {
      show('inspection');
      $('insp-done').hidden = true;
      return;
    }
    if (hash === '#/stats') {
      show('stats');
      const form = $('stats-form');
      if (!form.elements.to.value) {
        const today = new Date();
        form.elements.to.value = today.toISOString().slice(0, 10);
        form.elements.from.value = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
      }
      return await loadStats();
    }
    show('list');
    await loadCases(false);
  } catch (error) {
    report(error);
  }
}
$('lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('console.lang', state.lang);
  applyLanguage();
  route();
});
$('signout').addEventListener('click', signOut);
$('signin-hosted').addEventListener('click', () => startHostedSignIn().catch(report));

async function start() {
  try {
    const response = await fetch('/console/assets/config.json');
    if (response.ok) signInConfig = await response.json();
  } catch {
    // Without its configuration the page signs in as on this machine; a deployment always serves it.
  }
  fillFilterOptions();
  applyLanguage();
  if (signInConfig.signIn === 'cognito') await finishHostedSignIn().catch(report);
  window.addEventListener('hashchange', route);
  route();
}
start();
