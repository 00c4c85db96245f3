// Serves the built @tracekit/web script-tag bundle (and its source map) from the installed
// package, so the page traces itself without a build step of its own: /tracekit/tracekit-web.js.
import express from 'express';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export function tracekitScript() {
  const dist = dirname(fileURLToPath(import.meta.resolve('@tracekit/web/script')));
  return express.static(dist, {
    index: false,
    maxAge: '1h',
    setHeaders: (res) => {
      // Lets pages on other origins load it with crossorigin="anonymous" and see its errors.
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
}
