// A reporter's files, straight to the hotline's private evidence bucket: one upload slot per file is asked of the
// hotline with the reference and receipt code (a policy that pins the file's key, size and type for a few minutes),
// then each file is posted to the bucket with its slot's fields. On the complaint form the files go once the
// complaint is received; on the status page, while the case is open. Files are checked before anyone sees them.
export const MAX_FILES = 10;
export const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPTED = /\.(jpe?g|jfif|png|webp|heic|heif|pdf|m4a|mp4a|mp3|amr|aac|wav)$/i;

/** What is wrong with these files before anything is sent, or '' when they may go. */
export function problemWith(files) {
  if (files.length > MAX_FILES) return `最多 ${MAX_FILES} 个文件。At most ${MAX_FILES} files.`;
  for (const file of files) {
    if (file.size > MAX_BYTES) return `“${file.name}”超过 20 MB。"${file.name}" is over 20 MB.`;
    if (file.size === 0) return `“${file.name}”是空文件。"${file.name}" is empty.`;
    if (!ACCEPTED.test(file.name) && !/^(image|audio)\/|^application\/pdf$/.test(file.type))
      return `不接受“${file.name}”这类文件。Files like "${file.name}" are not accepted.`;
  }
  return '';
}

/** Asks for slots, then posts each file; `onEach(file, state, detail)` hears 'uploading', 'uploaded' or 'failed'. */
export async function uploadEvidence(reference, receiptCode, files, onEach = () => {}, sizes = undefined) {
  const response = await fetch(`/complaints/${encodeURIComponent(reference)}/evidence`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      receiptCode: receiptCode.replace(/\s+/g, ''),
      files: files.map((file, i) => ({ name: file.name, type: file.type, size: sizes?.[i] ?? file.size })),
    }),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
  const results = [];
  for (const [i, slot] of answer.uploads.entries()) {
    const file = files[i];
    onEach(file, 'uploading');
    const form = new FormData();
    for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
    form.append('file', file);
    try {
      const posted = await fetch(slot.url, { method: 'POST', body: form });
      const ok = posted.status >= 200 && posted.status < 300;
      const code = ok
        ? ''
        : (/<Code>([^<]*)<\/Code>/.exec(await posted.text())?.[1] ?? String(posted.status));
      onEach(file, ok ? 'uploaded' : 'failed', code);
      results.push({ fileId: slot.fileId, name: file.name, ok, code });
    } catch {
      onEach(file, 'failed', 'network');
      results.push({ fileId: slot.fileId, name: file.name, ok: false, code: 'network' });
    }
  }
  return results;
}

const STATE_WORDS = {
  uploading: '上传中… Uploading…',
  uploaded: '已上传，检查后提交核查人员 Uploaded; checked before investigators see it',
  failed: '上传失败 Upload failed',
};

/** A list under `after` that shows each file's progress. */
function progressList(after) {
  const list = document.createElement('ul');
  list.id = 'evidence-progress';
  after.append(list);
  const items = new Map();
  return (file, state, detail) => {
    let item = items.get(file);
    if (item === undefined) {
      item = document.createElement('li');
      items.set(file, item);
      list.append(item);
    }
    item.dataset.state = state;
    item.textContent = `${file.name} — ${STATE_WORDS[state]}${detail ? ` (${detail})` : ''}`;
  };
}

/** Runs `then` once when `element` is shown (its `hidden` attribute removed). */
function whenShown(element, then) {
  const observer = new MutationObserver(() => {
    if (!element.hidden) {
      observer.disconnect();
      then();
    }
  });
  observer.observe(element, { attributes: true, attributeFilter: ['hidden'] });
}

// The complaint form: files chosen with the complaint go once it is received (its receipt shown).
const formInput = document.getElementById('evidence');
const receipt = document.getElementById('receipt');
if (formInput && receipt) {
  const error = document.getElementById('evidence-error');
  formInput.addEventListener('change', () => {
    error.textContent = problemWith([...formInput.files]);
  });
  whenShown(receipt, async () => {
    const files = [...formInput.files];
    if (files.length === 0 || problemWith(files) !== '') return;
    const reference = document.getElementById('receipt-reference').textContent.trim();
    const code = document.getElementById('receipt-code').textContent;
    const show = progressList(receipt);
    try {
      await uploadEvidence(reference, code, files, show);
    } catch (failure) {
      const item = document.createElement('p');
      item.className = 'error';
      item.textContent = `材料未能上传：${failure.message} Files not uploaded; add them on the status page.`;
      receipt.append(item);
    }
  });
}

// The status page: more files while the case is open, with the reference and code just used to look it up.
const statusResult = document.getElementById('status-result');
const statusForm = document.getElementById('status-form');
if (statusResult && statusForm) {
  const section = document.createElement('section');
  section.id = 'evidence-more';
  const label = document.createElement('label');
  label.htmlFor = 'evidence-more-files';
  label.textContent =
    '补充证据材料（照片、PDF、录音，每个不超过 20 MB）Add evidence (photos, PDF, recordings; 20 MB each)';
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'evidence-more-files';
  input.multiple = true;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '上传 Upload';
  const error = document.createElement('p');
  error.className = 'error';
  error.setAttribute('role', 'alert');
  const sent = document.createElement('ul');
  sent.id = 'evidence-files';
  section.append(sent, label, input, button, error);
  statusResult.append(section);

  // The files this reporter sent (never the office's), as the status answer lists them.
  const credentials = () => ({
    reference: statusForm.elements.reference.value.trim().toUpperCase(),
    receiptCode: statusForm.elements.receiptCode.value.replace(/\s+/g, ''),
  });
  const FILE_STATES = { checked: '已通过检查 Checked', refused: '未通过检查 Refused' };
  async function showSent() {
    const { reference, receiptCode } = credentials();
    const response = await fetch(`/complaints/${encodeURIComponent(reference)}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ receiptCode }),
    });
    if (!response.ok) return;
    const { evidence = [] } = await response.json();
    sent.replaceChildren(
      ...evidence.map((file) => {
        const item = document.createElement('li');
        item.dataset.state = file.state;
        const why = file.reasonWords ? `：${file.reasonWords['zh-CN']} ${file.reasonWords.en}` : '';
        item.textContent = `${file.name} — ${FILE_STATES[file.state] ?? file.state}${why}`;
        return item;
      }),
    );
  }
  // status-lookup.js writes the status on every lookup (a new text node): the files are drawn then too.
  new MutationObserver(() => showSent().catch(() => {})).observe(document.getElementById('status-value'), {
    childList: true,
  });
  input.addEventListener('change', () => {
    error.textContent = problemWith([...input.files]);
  });
  button.addEventListener('click', async () => {
    const files = [...input.files];
    error.textContent = files.length === 0 ? '请选择文件。Choose files first.' : problemWith(files);
    if (error.textContent) return;
    button.disabled = true;
    try {
      const { reference, receiptCode } = credentials();
      await uploadEvidence(reference, receiptCode, files, progressList(section));
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      button.disabled = false;
    }
  });
}
