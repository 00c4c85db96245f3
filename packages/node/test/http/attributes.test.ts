import { describe, expect, it } from 'vitest';
import { methodAttributes, parseHost } from '../../src/http/attributes.js';

describe('parseHost', () => {
  it.each([
    ['example.com', 80, { address: 'example.com', port: 80 }],
    ['example.com', 443, { address: 'example.com', port: 443 }],
    ['example.com:8080', 443, { address: 'example.com', port: 8080 }],
    ['[::1]:3000', 80, { address: '::1', port: 3000 }],
    ['[::1]', 443, { address: '::1', port: 443 }],
    ['a:b:c', 80, {}],
    ['', 80, {}],
    [undefined, 80, {}],
  ])('%s (default port %i)', (host, defaultPort, expected) => {
    expect(parseHost(host, defaultPort)).toEqual(expected);
    // the second answer comes from the cache and must be the same
    expect(parseHost(host, defaultPort)).toEqual(expected);
  });

  it('keeps http and https defaults apart for the same Host header', () => {
    expect(parseHost('shop.local', 80).port).toBe(80);
    expect(parseHost('shop.local', 443).port).toBe(443);
    expect(parseHost('shop.local', 80).port).toBe(80);
  });

  it('stays correct when far more distinct hosts arrive than it caches', () => {
    for (let i = 0; i < 1000; i++) expect(parseHost(`host-${i}:${1000 + i}`, 80)).toEqual({ address: `host-${i}`, port: 1000 + i });
  });
});

describe('methodAttributes', () => {
  it.each([
    ['GET', 'GET', { 'http.request.method': 'GET' }],
    ['get', 'GET', { 'http.request.method': 'GET' }],
    [undefined, 'GET', { 'http.request.method': 'GET' }],
    ['PURGE', 'HTTP', { 'http.request.method': '_OTHER', 'http.request.method_original': 'PURGE' }],
  ])('%s', (method, name, attributes) => {
    expect(methodAttributes(method)).toEqual({ name, attributes });
  });
});
