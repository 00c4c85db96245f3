import type { TraceState } from '@opentelemetry/api';
import { forEachCommaSeparated, trimOptionalWhitespace } from './http-text.js';

/** Limits from W3C Trace Context Level 2 §3.3.1 (list) and §3.3.1.5 (tracestate limits). */
export const TRACE_STATE_MAX_MEMBERS = 32;
export const TRACE_STATE_MAX_PROPAGATED_LENGTH = 512;
/** Members longer than this are the first to go when the header must be truncated. */
export const TRACE_STATE_LARGE_MEMBER_LENGTH = 128;

type Member = readonly [key: string, value: string];

// key = simple-key / multi-tenant-key
// simple-key = lcalpha 0*255( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
// multi-tenant-key = tenant-id "@" system-id
// tenant-id = ( lcalpha / DIGIT ) 0*240( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
// system-id = lcalpha 0*13( lcalpha / DIGIT / "_" / "-"/ "*" / "/" )
const SIMPLE_KEY = /^[a-z][a-z0-9_\-*/]{0,255}$/;
const MULTI_TENANT_KEY = /^[a-z0-9][a-z0-9_\-*/]{0,240}@[a-z][a-z0-9_\-*/]{0,13}$/;
const MAX_KEY_LENGTH = 256;

// value = 0*255(chr) nblk-chr ; nblk-chr = %x21-2B / %x2D-3C / %x3E-7E ; chr = %x20 / nblk-chr
const VALUE = /^[\x20-\x2b\x2d-\x3c\x3e-\x7e]{0,255}[\x21-\x2b\x2d-\x3c\x3e-\x7e]$/;
const MAX_VALUE_LENGTH = 256;

export function isValidTraceStateKey(key: string): boolean {
  // The length check first keeps a hostile multi-megabyte key from reaching the regexes.
  return key.length <= MAX_KEY_LENGTH && (SIMPLE_KEY.test(key) || MULTI_TENANT_KEY.test(key));
}

export function isValidTraceStateValue(value: string): boolean {
  return value.length <= MAX_VALUE_LENGTH && VALUE.test(value);
}

/**
 * An immutable W3C `tracestate` list that only ever holds valid, uniquely keyed members, at most
 * {@link TRACE_STATE_MAX_MEMBERS} of them, most recently set first.
 */
export class W3CTraceState implements TraceState {
  private static readonly EMPTY = new W3CTraceState([]);

  private constructor(private readonly members: readonly Member[]) {}

  static empty(): W3CTraceState {
    return W3CTraceState.EMPTY;
  }

  /**
   * Parses a `tracestate` header value; repeated header fields must already be joined with `,`.
   *
   * Empty and whitespace-only list-members are skipped and do not count toward the 32.
   * If anything else is wrong with the header - a malformed member, an invalid key or value, a
   * key that appears twice, more than 32 members - the whole header is discarded and the empty
   * state returned. The spec allows either discarding the entire header or only invalid entries
   * (§4.3 step 3); we discard it whole because a header that breaks the grammar cannot be
   * trusted member by member (with a duplicated key there is no telling which entry is the
   * vendor's current position), and because the W3C test suite expects exactly this.
   * The traceparent is unaffected either way (§3.3).
   */
  static fromHeader(headerValue: string): W3CTraceState {
    const members = parseMembers(headerValue);
    return members === undefined || members.length === 0
      ? W3CTraceState.EMPTY
      : new W3CTraceState(members);
  }

  get size(): number {
    return this.members.length;
  }

  get(key: string): string | undefined {
    return this.members.find(([memberKey]) => memberKey === key)?.[1];
  }

  /**
   * Adds or updates `key` and moves it to the front, as the spec requires for modified keys.
   * An invalid key or value leaves the state unchanged. When the list is already full, the last
   * member makes room.
   */
  set(key: string, value: string): W3CTraceState {
    if (!isValidTraceStateKey(key) || !isValidTraceStateValue(value)) return this;
    const others = this.members.filter(([memberKey]) => memberKey !== key);
    return new W3CTraceState([[key, value] as const, ...others].slice(0, TRACE_STATE_MAX_MEMBERS));
  }

  unset(key: string): W3CTraceState {
    if (this.get(key) === undefined) return this;
    const remaining = this.members.filter(([memberKey]) => memberKey !== key);
    return remaining.length === 0 ? W3CTraceState.EMPTY : new W3CTraceState(remaining);
  }

  /**
   * The header value to send, truncated to {@link TRACE_STATE_MAX_PROPAGATED_LENGTH} characters
   * by dropping whole members as §3.3.1.5 recommends: members longer than 128 characters first,
   * then members from the end of the list.
   */
  serialize(): string {
    return truncateForPropagation(this.members).map(formatMember).join(',');
  }
}

function parseMembers(headerValue: string): Member[] | undefined {
  const members: Member[] = [];
  const keys = new Set<string>();
  let valid = true;
  forEachCommaSeparated(headerValue, (segment) => {
    const text = trimOptionalWhitespace(segment);
    if (text === '') return true;
    const member = parseMember(text);
    if (member === undefined || keys.has(member[0]) || members.length === TRACE_STATE_MAX_MEMBERS) {
      valid = false;
      return false;
    }
    keys.add(member[0]);
    members.push(member);
    return true;
  });
  return valid ? members : undefined;
}

// list-member = key "=" value (no whitespace around "=")
function parseMember(text: string): Member | undefined {
  const separator = text.indexOf('=');
  if (separator <= 0) return undefined;
  const key = text.slice(0, separator);
  const value = text.slice(separator + 1);
  return isValidTraceStateKey(key) && isValidTraceStateValue(value) ? [key, value] : undefined;
}

function truncateForPropagation(members: readonly Member[]): readonly Member[] {
  if (serializedLength(members) <= TRACE_STATE_MAX_PROPAGATED_LENGTH) return members;
  const kept = [...members];
  for (let index = kept.length - 1; index >= 0; index--) {
    if (serializedLength(kept) <= TRACE_STATE_MAX_PROPAGATED_LENGTH) return kept;
    if (memberLength(kept[index] as Member) > TRACE_STATE_LARGE_MEMBER_LENGTH) kept.splice(index, 1);
  }
  while (serializedLength(kept) > TRACE_STATE_MAX_PROPAGATED_LENGTH) kept.pop();
  return kept;
}

function serializedLength(members: readonly Member[]): number {
  const separators = Math.max(members.length - 1, 0);
  return members.reduce((total, member) => total + memberLength(member), separators);
}

function memberLength([key, value]: Member): number {
  return key.length + 1 + value.length;
}

function formatMember([key, value]: Member): string {
  return `${key}=${value}`;
}
