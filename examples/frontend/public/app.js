// Places an order through the frontend's /api proxy and shows the answer.
const result = document.getElementById('result');

for (const button of document.querySelectorAll('button[data-order]')) {
  button.addEventListener('click', async () => {
    result.textContent = 'Ordering…';
    const response = await fetch(`/api/orders/${button.dataset.order}`, { headers: { baggage: 'tenant.id=web-shop' } });
    result.textContent = `${response.status}\n${JSON.stringify(await response.json(), null, 2)}`;
  });
}
