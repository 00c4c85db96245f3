/** What the receiver has taken in so far, and the tests waiting for it. */
import { formatTraceTrees } from './trace-format.js';
import type { ReceivedRequest, ReceivedSpan, SpanCondition, WaitOptions } from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

function describeCondition(condition: SpanCondition): string {
  if (typeof condition === 'number') return `at least ${condition} span${condition === 1 ? '' : 's'}`;
  return condition.name ? `condition ${condition.name}()` : 'the condition';
}

export class SpanStore {
  /** Live arrays: `clear()` empties them in place so references held by tests stay current. */
  readonly spans: ReceivedSpan[] = [];
  readonly requests: ReceivedRequest[] = [];
  readonly #waiters = new Set<Waiter>();
  #closed = false;

  record(request: ReceivedRequest, spans: readonly ReceivedSpan[]): void {
    if (this.#closed) return;
    this.requests.push(request);
    if (spans.length === 0) return;
    this.spans.push(...spans);
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  clear(): void {
    this.spans.length = 0;
    this.requests.length = 0;
  }

  waitForSpans(condition: SpanCondition, options: WaitOptions = {}): Promise<ReceivedSpan[]> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const test =
      typeof condition === 'number' ? (spans: readonly ReceivedSpan[]) => spans.length >= condition : condition;
    return new Promise<ReceivedSpan[]>((resolve, reject) => {
      let lastError: unknown;
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const waiter: Waiter = {
        check: () => {
          let met = false;
          try {
            met = test(this.spans);
          } catch (error) {
            lastError = error;
          }
          if (met) {
            finish();
            resolve([...this.spans]);
          }
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      if (this.#closed) {
        reject(new Error('waitForSpans: the receiver is closed'));
        return;
      }
      this.#waiters.add(waiter);
      timer = setTimeout(() => waiter.fail(this.#timeoutError(condition, timeoutMs, lastError)), timeoutMs);
      waiter.check();
    });
  }

  /** Rejects every pending wait; later records are ignored. */
  close(): void {
    this.#closed = true;
    for (const waiter of [...this.#waiters]) waiter.fail(new Error('waitForSpans: the receiver was closed'));
  }

  #timeoutError(condition: SpanCondition, timeoutMs: number, lastError: unknown): Error {
    const rejected = this.requests.filter((request) => !request.accepted);
    const lines = [
      `waitForSpans: timed out after ${timeoutMs} ms waiting for ${describeCondition(condition)}.`,
      `Received ${this.spans.length} span${this.spans.length === 1 ? '' : 's'} in ${this.requests.length} request${this.requests.length === 1 ? '' : 's'}` +
        (rejected.length > 0 ? ` (${rejected.length} rejected)` : '') +
        ':',
      formatTraceTrees(this.spans),
    ];
    for (const request of rejected) {
      lines.push(`rejected ${request.protocol} request: ${request.error ?? 'answered with an error'}`);
    }
    if (lastError !== undefined) {
      const message = lastError instanceof Error ? lastError.message : String(lastError);
      lines.push('', `Last error thrown by the condition:`, message);
    }
    const error = new Error(lines.join('\n'));
    if (lastError !== undefined) error.cause = lastError;
    return error;
  }
}
