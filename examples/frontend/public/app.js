// Places an order through the frontend's /api proxy and shows the answer, and the trace it
// belongs to (the `traceresponse` header: 00-<trace id>-<span id>-<flags>).
const result = document.getElementById('result');
const traceLine = document.getElementById('trace');

for (const button of document.querySelectorAll('button[data-order]')) {
  button.addEventListener('click', async () => {
    result.textContent = 'Ordering…';
    traceLine.textContent = '';
    const response = await fetch(`/api/orders/${button.dataset.order}`, { headers: { baggage: 'tenant.id=web-shop' } });
    const traceId = response.headers.get('traceresponse')?.split('-')[1];
    result.textContent = `${response.status}\n${JSON.stringify(await response.json(), null, 2)}`;
    if (traceId) {
      traceLine.dataset.traceId = traceId;
      traceLine.textContent = `trace ${traceId}`;
    }
  });
}
