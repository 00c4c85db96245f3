const http = require('node:http');

/** GET a JSON resource: { ok, status, body }; a connection failure is status 0. */
function getJson(url) {
  return new Promise((resolve) => {
    http
      .get(url, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 300, status, body: parse(text) });
        });
      })
      .on('error', (error) => resolve({ ok: false, status: 0, body: { error: error.message } }));
  });
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}

module.exports = { getJson };
