import http from 'node:http';

/** GET a JSON resource; a failed downstream becomes a 502 with the reason. */
export function forwardJson(url) {
  return new Promise((resolve) => {
    http
      .get(url, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 502, body: parse(text) }));
      })
      .on('error', (error) => resolve({ status: 502, body: { error: error.message } }));
  });
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}
