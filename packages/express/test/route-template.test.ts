import { describe, expect, it } from 'vitest';
import { templateOf } from '../src/route-template.js';

describe('templateOf (mount path values back to parameters)', () => {
  it.each([
    { matched: '/users/42', params: { id: '42' }, expected: '/users/:id' },
    { matched: '/v1/1', params: { n: '1' }, expected: '/v1/:n' },
    { matched: '/a/42/b/42', params: { x: '42' }, expected: '/a/:x/b/42' },
    { matched: '/files/report.json', params: { name: 'report' }, expected: '/files/:name.json' },
    { matched: '/caf%C3%A9/x', params: { word: 'café' }, expected: '/:word/x' },
    { matched: '/files/a/b', params: { splat: ['a', 'b'] }, expected: '/files/:splat' },
    { matched: '/static', params: {}, expected: '/static' },
    { matched: '/users/42', params: undefined, expected: '/users/42' },
  ])('$matched with $params → $expected', ({ matched, params, expected }) => {
    expect(templateOf(matched, params)).toBe(expected);
  });
});
