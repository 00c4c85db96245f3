import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { SessionStorageKind } from './types.js';

/** The semantic conventions' attribute for the session a span belongs to. */
export const ATTR_SESSION_ID = 'session.id';
export const SESSION_STORAGE_KEY = 'tracekit.session';

interface SessionRecord {
  id: string;
  startedAt: number;
  lastActiveAt: number;
}

export interface SessionSettings {
  storage: SessionStorageKind;
  inactivityTimeoutMinutes: number;
  maxDurationMinutes: number;
}

/** Only write the last-activity time back when it moved this much, not on every span. */
const ACTIVITY_WRITE_INTERVAL_MS = 10_000;

/**
 * A session id (32 hex digits) kept in Web Storage, so the pages of one visit share it. A new
 * one starts after `inactivityTimeoutMinutes` without a span or `maxDurationMinutes` in all.
 * Blocked storage (privacy modes, sandboxed frames) falls back to memory.
 */
export class Session {
  private record: SessionRecord | undefined;
  private readonly store: Storage | undefined;

  constructor(
    private readonly settings: SessionSettings,
    private readonly now: () => number = Date.now,
    scope: { localStorage?: Storage; sessionStorage?: Storage } = globalThis,
  ) {
    this.store = openStorage(settings.storage, scope);
  }

  /** The current id, starting a new session when the last one expired. */
  id(): string {
    const now = this.now();
    let record = this.record ?? this.load();
    if (!record || this.expired(record, now)) {
      record = { id: randomHex(16), startedAt: now, lastActiveAt: now };
      this.save(record);
    } else if (now - record.lastActiveAt >= ACTIVITY_WRITE_INTERVAL_MS) {
      record.lastActiveAt = now;
      this.save(record);
    } else {
      record.lastActiveAt = now;
    }
    this.record = record;
    return record.id;
  }

  private expired(record: SessionRecord, now: number): boolean {
    return (
      now - record.lastActiveAt > this.settings.inactivityTimeoutMinutes * 60_000 ||
      now - record.startedAt > this.settings.maxDurationMinutes * 60_000
    );
  }

  private load(): SessionRecord | undefined {
    try {
      const parsed = JSON.parse(this.store?.getItem(SESSION_STORAGE_KEY) ?? 'null') as Partial<SessionRecord> | null;
      if (parsed && typeof parsed.id === 'string' && /^[0-9a-f]{32}$/.test(parsed.id) && typeof parsed.startedAt === 'number' && typeof parsed.lastActiveAt === 'number') {
        return { id: parsed.id, startedAt: parsed.startedAt, lastActiveAt: parsed.lastActiveAt };
      }
    } catch {
      // Unreadable: start a new session.
    }
    return undefined;
  }

  private save(record: SessionRecord): void {
    try {
      this.store?.setItem(SESSION_STORAGE_KEY, JSON.stringify(record));
    } catch {
      // Quota or privacy settings: the session lives in memory for this page.
    }
  }
}

function openStorage(kind: SessionStorageKind, scope: { localStorage?: Storage; sessionStorage?: Storage }): Storage | undefined {
  if (kind === 'memory') return undefined;
  try {
    return scope[kind];
  } catch {
    return undefined; // Accessing the property itself throws when storage is blocked.
  }
}

export function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('');
}

/** Puts `session.id` on every span when it starts, where samplers and processors see it. */
export class SessionSpanProcessor implements SpanProcessor {
  constructor(private readonly session: Session) {}
  onStart(span: Span, _parentContext: Context): void {
    span.setAttribute(ATTR_SESSION_ID, this.session.id());
  }
  onEnd(_span: ReadableSpan): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
