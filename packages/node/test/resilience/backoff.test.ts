import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../src/export/backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially up to the cap (no jitter at the middle of the random range)', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => backoffDelay(retry, DEFAULT_BACKOFF, middle))).toEqual([
      1000, 1500, 2250, 3375, 5000, 5000, 5000,
    ]);
  });

  it('moves each delay by at most ± the jitter share, both ways', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBeCloseTo(800);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.999999)).toBeCloseTo(1200, 1);
    const delays = Array.from({ length: 200 }, () => backoffDelay(3));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2250 * 0.8);
      expect(delay).toBeLessThanOrEqual(2250 * 1.2);
    }
    expect(new Set(delays).size).toBeGreaterThan(100);
  });
});
