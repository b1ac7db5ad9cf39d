// Submits the complaint as JSON with an idempotency key, so a retry after a network failure never files twice.
const form = document.getElementById('complaint-form');
const contact = document.getElementById('contact');
const KEY_STORE = 'hotline-idempotency-key';

function idempotencyKey() {
  let key = sessionStorage.getItem(KEY_STORE);
  if (!key) {
    key = crypto.randomUUID();
    sessionStorage.setItem(KEY_STORE, key);
  }
  return key;
}

// While "report anonymously" is chosen, the contact fields are neither shown nor reachable (hidden and disabled):
// nothing can be typed there only to be dropped.
function showContact() {
  const anonymous = form.elements.anonymous.value !== 'false';
  contact.hidden = anonymous;
  for (const field of contact.querySelectorAll('input')) field.disabled = anonymous;
}
for (const radio of form.querySelectorAll('input[name="anonymous"]'))
  radio.addEventListener('change', showContact);
showContact();

function clearErrors() {
  for (const el of form.querySelectorAll('.error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

function showErrors(error) {
  const fields = error.fields ?? {};
  let placed = false;
  for (const [name, message] of Object.entries(fields)) {
    const slot = document.getElementById(`${name}-error`);
    const input = form.elements.namedItem(name);
    if (slot) {
      slot.textContent = message;
      placed = true;
    }
    if (input && 'setAttribute' in input) input.setAttribute('aria-invalid', 'true');
  }
  if (!placed)
    document.getElementById('form-error').textContent = error.message ?? '提交失败 Submission failed';
}

function payload() {
  const data = new FormData(form);
  const body = {};
  const anonymous = data.get('anonymous') !== 'false';
  body.anonymous = anonymous;
  for (const name of [
    'description',
    'subjectUnit',
    'officialName',
    'incidentDate',
    'location',
    'amountDemanded',
    'language',
  ]) {
    const value = String(data.get(name) ?? '').trim();
    if (value) body[name] = value;
  }
  if (!anonymous) {
    const details = {};
    for (const name of ['name', 'phone', 'email']) {
      const value = String(data.get(`contact.${name}`) ?? '').trim();
      if (value) details[name] = value;
    }
    body.contact = details;
  }
  return body;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const response = await fetch('/complaints', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey() },
      body: JSON.stringify(payload()),
    });
    const result = await response.json();
    if (!response.ok) {
      showErrors(result.error ?? {});
      return;
    }
    sessionStorage.removeItem(KEY_STORE);
    document.getElementById('receipt-reference').textContent = result.reference;
    document.getElementById('receipt-code').textContent = result.receiptCode.replace(/(\d{4})(?=\d)/g, '$1 ');
    document.getElementById('receipt-status-link').href =
      `/status?reference=${encodeURIComponent(result.reference)}`;
    form.hidden = true;
    document.getElementById('receipt').hidden = false;
  } catch {
    document.getElementById('form-error').textContent =
      '网络错误，请重试（不会重复提交）。Network error: try again (it will not be filed twice).';
  } finally {
    button.disabled = false;
  }
});
