/**
 * tracekit's span and trace ids (src/trace/random-ids.ts): well-formed, distinct across refills
 * of the random pool, evenly spread over the hex digits, and never the invalid all-zero id.
 */
import { isValidSpanId, isValidTraceId } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { PooledRandomIdGenerator } from '../src/trace/random-ids.js';

describe('PooledRandomIdGenerator', () => {
  it('gives valid, distinct ids across many refills of its pool', () => {
    const ids = new PooledRandomIdGenerator();
    const seen = new Set<string>();
    // 4 KiB a refill: 60,000 ids of 16 + 8 bytes take about 350 refills.
    for (let i = 0; i < 30_000; i++) {
      const traceId = ids.generateTraceId();
      const spanId = ids.generateSpanId();
      expect(isValidTraceId(traceId)).toBe(true);
      expect(isValidSpanId(spanId)).toBe(true);
      seen.add(traceId);
      seen.add(spanId);
    }
    expect(seen.size).toBe(60_000);
  });

  it('spreads ids evenly over the hex digits', () => {
    const ids = new PooledRandomIdGenerator();
    const counts = new Map<string, number>();
    const total = 20_000 * 32;
    for (let i = 0; i < 20_000; i++) for (const digit of ids.generateTraceId()) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe('0123456789abcdef');
    // Each digit expects total/16 = 40,000; a fair source stays within a few hundred of it.
    for (const count of counts.values()) expect(Math.abs(count - total / 16)).toBeLessThan(2_000);
  });

  it('never gives the all-zero id, even when the random source yields zeros', () => {
    const ids = new PooledRandomIdGenerator((pool) => pool.fill(0));
    expect(ids.generateTraceId()).toBe(`${'0'.repeat(31)}1`);
    expect(ids.generateSpanId()).toBe(`${'0'.repeat(15)}1`);
  });
});
