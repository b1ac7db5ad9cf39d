// Looks a case up with its receipt code. The code goes in the request body, never in the address bar.
const form = document.getElementById('status-form');
const params = new URLSearchParams(location.search);
if (params.get('reference')) form.elements.reference.value = params.get('reference');

const STATUS_LABELS = {
  pending: '正在登记 Being registered',
  received: '已受理 Received',
  triaged: '已分派核查 Assigned for verification',
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
const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const error = document.getElementById('status-error');
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
      error.textContent = result.error?.message ?? '查询失败 Lookup failed';
      document.getElementById('status-result').hidden = true;
      return;
    }
    document.getElementById('status-reference').textContent = result.reference;
    document.getElementById('status-value').textContent = STATUS_LABELS[result.status] ?? result.status;
    document.getElementById('status-received').textContent = when(result.receivedAt);
    document.getElementById('status-due').textContent = when(result.verificationDueAt);
    const list = document.getElementById('status-milestones');
    list.replaceChildren(
      ...result.milestones.map((m) => {
        const item = document.createElement('li');
        item.textContent = `${when(m.at)} — ${MILESTONE_LABELS[m.milestone] ?? m.milestone}`;
        return item;
      }),
    );
    document.getElementById('status-result').hidden = false;
  } catch {
    error.textContent = '网络错误，请重试。Network error, please try again.';
  }
});
