import { describe, expect, it } from 'vitest';
import { formatTraceParent, parseTraceParent } from '../../src/propagation/traceparent.js';

const TRACE_ID = '12345678901234567890123456789012';
const SPAN_ID = '1234567890123456';

// Rows follow the W3C Trace Context test suite (test/test.py) and Level 2 §3.2.
const valid: ReadonlyArray<{ header: string; traceFlags: number; why: string }> = [
  { header: `00-${TRACE_ID}-${SPAN_ID}-01`, traceFlags: 0x01, why: 'sampled' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-00`, traceFlags: 0x00, why: 'not sampled' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-03`, traceFlags: 0x03, why: 'sampled and random' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-ff`, traceFlags: 0xff, why: 'unknown flags are kept for the caller to mask' },
  { header: ` 00-${TRACE_ID}-${SPAN_ID}-01`, traceFlags: 0x01, why: 'leading space (OWS)' },
  { header: `\t 00-${TRACE_ID}-${SPAN_ID}-01 \t`, traceFlags: 0x01, why: 'OWS on both sides' },
  { header: `cc-${TRACE_ID}-${SPAN_ID}-01`, traceFlags: 0x01, why: 'future version, same length' },
  { header: `cc-${TRACE_ID}-${SPAN_ID}-01-what-the-future-will-be-like`, traceFlags: 0x01, why: 'future version with more fields' },
  { header: `01-${TRACE_ID}-${SPAN_ID}-02-`, traceFlags: 0x02, why: 'future version, empty extra field' },
];

const invalid: ReadonlyArray<{ header: string; why: string }> = [
  { header: '', why: 'empty' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-01.`, why: 'version 00 with a trailing character' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-01-what-the-future-will-be-like`, why: 'version 00 with extra fields' },
  { header: `cc-${TRACE_ID}-${SPAN_ID}-01.what-the-future-will-be-like`, why: 'future version not followed by a dash' },
  { header: `ff-${TRACE_ID}-${SPAN_ID}-01`, why: 'forbidden version ff' },
  { header: `.0-${TRACE_ID}-${SPAN_ID}-01`, why: 'illegal character in version' },
  { header: `0.-${TRACE_ID}-${SPAN_ID}-01`, why: 'illegal character in version' },
  { header: `0A-${TRACE_ID}-${SPAN_ID}-01`, why: 'uppercase version' },
  { header: `000-${TRACE_ID}-${SPAN_ID}-01`, why: 'version too long' },
  { header: `0-${TRACE_ID}-${SPAN_ID}-01`, why: 'version too short' },
  { header: `00-${'0'.repeat(32)}-${SPAN_ID}-01`, why: 'all-zero trace id' },
  { header: `00-.2345678901234567890123456789012-${SPAN_ID}-01`, why: 'illegal character in trace id' },
  { header: `00-ABCDEF78901234567890123456789012-${SPAN_ID}-01`, why: 'uppercase trace id' },
  { header: `00-${TRACE_ID}3-${SPAN_ID}-01`, why: 'trace id too long' },
  { header: `00-${TRACE_ID.slice(1)}-${SPAN_ID}-01`, why: 'trace id too short' },
  { header: `00-${TRACE_ID}-${'0'.repeat(16)}-01`, why: 'all-zero parent id' },
  { header: `00-${TRACE_ID}-.234567890123456-01`, why: 'illegal character in parent id' },
  { header: `00-${TRACE_ID}-ABCDEF7890123456-01`, why: 'uppercase parent id' },
  { header: `00-${TRACE_ID}-${SPAN_ID}7-01`, why: 'parent id too long' },
  { header: `00-${TRACE_ID}-${SPAN_ID.slice(1)}-01`, why: 'parent id too short' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-.0`, why: 'illegal character in flags' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-0.`, why: 'illegal character in flags' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-0A`, why: 'uppercase flags' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-001`, why: 'flags too long' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-1`, why: 'flags too short' },
  { header: `00_${TRACE_ID}_${SPAN_ID}_01`, why: 'wrong delimiters' },
  { header: `cc-${TRACE_ID}-${SPAN_ID}-0`, why: 'future version shorter than 55 characters' },
  { header: `00-${TRACE_ID}-${SPAN_ID}-01\n`, why: 'trailing line feed is not OWS' },
];

describe('parseTraceParent', () => {
  it.each(valid)('accepts $why: "$header"', ({ header, traceFlags }) => {
    expect(parseTraceParent(header)).toEqual({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags });
  });

  it.each(invalid)('rejects $why: "$header"', ({ header }) => {
    expect(parseTraceParent(header)).toBeUndefined();
  });

  it('rejects a huge value without reading all of it as fields', () => {
    expect(parseTraceParent(`00-${TRACE_ID}-${SPAN_ID}-01${'-x'.repeat(500_000)}`)).toBeUndefined();
  });
});

describe('formatTraceParent', () => {
  it('writes version 00 with only the sampled and random bits', () => {
    expect(formatTraceParent(TRACE_ID, SPAN_ID, 0xff)).toBe(`00-${TRACE_ID}-${SPAN_ID}-03`);
    expect(formatTraceParent(TRACE_ID, SPAN_ID, 0x01)).toBe(`00-${TRACE_ID}-${SPAN_ID}-01`);
    expect(formatTraceParent(TRACE_ID, SPAN_ID, 0x00)).toBe(`00-${TRACE_ID}-${SPAN_ID}-00`);
  });
});
