// Looks a case up with its receipt code, and lets the reporter answer a question, add information (补充情况) and rate
// the outcome. The code goes in the request body, never in the address bar; it is kept in this page's memory only.
const form = document.getElementById('status-form');
const params = new URLSearchParams(location.search);
if (params.get('reference')) form.elements.reference.value = params.get('reference');

const STATUS_LABELS = {
  pending: '正在登记 Being registered',
  received: '已受理 Received',
  triaged: '已分派核查 Assigned for verification',
  merged: '已合并办理 Merged with another complaint',
  verifying: '核实中 Being verified',
  verified: '已核实 Verified',
  unfounded: '经核实不属实 Closed: unfounded',
  sanctioned: '已处理 Closed: sanction imposed',
  closed: '已办结 Closed',
};
const MILESTONE_LABELS = {
  received: '受理 Received',
  assigned: '分派 Assigned',
  'under-verification': '开始核实 Verification started',
  verified: '核实完毕 Verified',
  'closed-unfounded': '办结（不属实）Closed, unfounded',
  'closed-with-sanction': '办结（已处理）Closed, sanction imposed',
  closed: '办结 Closed',
};
const RATING_LABELS = {
  satisfied: '满意 Satisfied',
  'basically-satisfied': '基本满意 Basically satisfied',
  dissatisfied: '不满意 Not satisfied',
};
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const byId = (id) => document.getElementById(id);

/** The case looked up last: its reference and receipt code, for the follow-up requests. */
let current;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function post(path, body) {
  const response = await fetch(`/complaints/${encodeURIComponent(current.reference)}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ receiptCode: current.receiptCode, ...body }),
  });
  const result = await response.json();
  if (!response.ok) {
    byId('follow-up-error').textContent = result.error?.message ?? '提交失败 Not sent';
    return;
  }
  byId('follow-up-error').textContent = '';
  show(result);
}

function questionItem(question) {
  const item = element('li', undefined, 'question');
  item.append(element('p', `${when(question.askedAt)} — ${question.question}`));
  if (question.answer) {
    item.append(
      element('p', `您的答复 Your answer (${when(question.answer.at)}): ${question.answer.text}`, 'answer'),
    );
  } else if (question.open) {
    const answer = element('form', undefined, 'answer-form');
    const label = element('label', '您的答复 Your answer');
    const box = element('textarea');
    box.name = 'text';
    box.rows = 3;
    box.maxLength = 2000;
    box.id = `answer-${question.id}`;
    label.htmlFor = box.id;
    const send = element('button', '提交答复 Send answer');
    send.type = 'submit';
    answer.append(label, box, send);
    answer.addEventListener('submit', (event) => {
      event.preventDefault();
      post('answers', { question: question.id, text: box.value });
    });
    item.append(answer);
  }
  return item;
}

function outcomeText(result) {
  const outcome = result.outcome;
  if (!outcome) return undefined;
  const found =
    outcome.result === 'substantiated'
      ? `经核查，反映的问题属实${outcome.peopleHeldAccountable > 0 ? `，已对${outcome.peopleHeldAccountable}人作出处理` : ''}。 The complaint was substantiated${outcome.peopleHeldAccountable > 0 ? `; ${outcome.peopleHeldAccountable} people were held accountable` : ''}.`
      : '经核查，反映的问题未能查实。 What was reported could not be established.';
  return `${when(outcome.concludedAt)} — ${found}`;
}

function show(result) {
  byId('status-reference').textContent = result.reference;
  byId('status-value').textContent = STATUS_LABELS[result.status] ?? result.status;
  byId('status-received').textContent = when(result.receivedAt);
  byId('status-due').textContent = when(result.verificationDueAt);
  byId('status-milestones').replaceChildren(
    ...result.milestones.map((m) =>
      element('li', `${when(m.at)} — ${MILESTONE_LABELS[m.milestone] ?? m.milestone}`),
    ),
  );
  byId('status-merged').hidden = !result.merged;
  const outcome = outcomeText(result);
  byId('status-outcome').hidden = outcome === undefined;
  byId('status-outcome-text').textContent = outcome ?? '';
  const questions = result.questions ?? [];
  byId('status-questions').hidden = questions.length === 0;
  byId('status-question-list').replaceChildren(...questions.map(questionItem));
  const additions = result.additions ?? [];
  byId('status-additions').hidden = additions.length === 0;
  byId('status-addition-list').replaceChildren(
    ...additions.map((a) => element('li', `${when(a.at)} — ${a.text}`)),
  );
  byId('addition-form').hidden = !result.acceptsInformation;
  byId('addition-form').elements.text.value = '';
  const rating = result.rating ?? { replies: [] };
  byId('rating-form').hidden = rating.openUntil === undefined;
  byId('status-rating').hidden = rating.given === undefined && rating.replies.length === 0;
  byId('status-rating-text').textContent = rating.given
    ? `${when(rating.given.at)} — ${RATING_LABELS[rating.given.rating]}${rating.given.comment ? `: ${rating.given.comment}` : ''}`
    : '';
  byId('status-reply-list').replaceChildren(
    ...rating.replies.map((r) => element('li', `答复 Answer (${when(r.at)}): ${r.text}`)),
  );
  byId('status-result').hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = byId('status-error');
  error.textContent = '';
  const reference = form.elements.reference.value.trim().toUpperCase();
  const receiptCode = form.elements.receiptCode.value.trim();
  if (!reference || !receiptCode) {
    error.textContent = '请填写受理编号和查询码。Enter the reference and the receipt code.';
    return;
  }
  try {
    const response = await fetch(`/complaints/${encodeURIComponent(reference)}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receiptCode }),
    });
    const result = await response.json();
    if (!response.ok) {
      current = undefined;
      error.textContent = result.error?.message ?? '查询失败 Lookup failed';
      byId('status-result').hidden = true;
      return;
    }
    current = { reference: result.reference, receiptCode };
    show(result);
  } catch {
    error.textContent = '网络错误，请重试。Network error, please try again.';
  }
});

byId('addition-form').addEventListener('submit', (event) => {
  event.preventDefault();
  post('additions', { text: event.target.elements.text.value });
});

byId('rating-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const chosen = event.target.querySelector('input[name="rating"]:checked');
  if (!chosen) {
    byId('follow-up-error').textContent = '请选择评价。Choose a rating.';
    return;
  }
  const comment = event.target.elements.comment.value;
  post('rating', { rating: chosen.value, ...(comment.trim() ? { comment } : {}) });
});
