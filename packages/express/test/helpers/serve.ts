import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROOT_CONTEXT, context } from '@opentelemetry/api';
import express4 from 'express4';
import express5 from 'express5';
import { afterEach } from 'vitest';

export type ExpressFactory = typeof express5;

/** Both majors, for `describe.each(EXPRESS_MAJORS)`. */
export const EXPRESS_MAJORS: ReadonlyArray<readonly [string, ExpressFactory]> = [
  ['express 4', express4 as unknown as ExpressFactory],
  ['express 5', express5],
];

const servers = new Set<http.Server>();

afterEach(async () => {
  await Promise.all([...servers].map((server) => new Promise((resolve) => server.close(resolve))));
  servers.clear();
});

export interface Served {
  url(path: string): string;
  readonly server: http.Server;
}

/** Listens on a free loopback port (outside any span) and closes after the test. */
export async function serve(handler: http.RequestListener): Promise<Served> {
  const server = http.createServer({ keepAlive: false }, handler);
  servers.add(server);
  await context.with(ROOT_CONTEXT, () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  const { port } = server.address() as AddressInfo;
  return { server, url: (path) => `http://127.0.0.1:${port}${path}` };
}

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export async function get(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}
