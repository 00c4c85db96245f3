import { describe, expect, it } from 'vitest';
import { Session, SESSION_STORAGE_KEY } from '../src/session.js';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

const settings = { storage: 'localStorage' as const, inactivityTimeoutMinutes: 30, maxDurationMinutes: 240 };

describe('session ids', () => {
  it('are 32 hex digits, kept in storage, shared by the next page of the visit', () => {
    const localStorage = memoryStorage();
    let now = 1_000_000;
    const first = new Session(settings, () => now, { localStorage });
    const id = first.id();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!).id).toBe(id);
    now += 60_000;
    expect(new Session(settings, () => now, { localStorage }).id(), 'another page, a minute later').toBe(id);
  });

  it('start again after 30 minutes without a span', () => {
    const localStorage = memoryStorage();
    let now = 0;
    const session = new Session(settings, () => now, { localStorage });
    const id = session.id();
    now += 29 * 60_000;
    expect(session.id()).toBe(id);
    now += 29 * 60_000;
    expect(session.id(), 'activity keeps it alive').toBe(id);
    now += 31 * 60_000;
    expect(session.id()).not.toBe(id);
  });

  it('start again after 4 hours in any case', () => {
    let now = 0;
    const session = new Session(settings, () => now, { localStorage: memoryStorage() });
    const id = session.id();
    for (let minute = 0; minute <= 240; minute += 20) {
      now = minute * 60_000;
      session.id();
    }
    now = 241 * 60_000;
    expect(session.id()).not.toBe(id);
  });

  it('live in memory when storage is blocked', () => {
    const blocked = {} as { localStorage?: Storage };
    Object.defineProperty(blocked, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const session = new Session(settings, Date.now, blocked);
    expect(session.id()).toBe(session.id());
  });

  it('ignore a stored value that is not ours', () => {
    const localStorage = memoryStorage();
    localStorage.setItem(SESSION_STORAGE_KEY, '{"id":"<script>"}');
    expect(new Session(settings, Date.now, { localStorage }).id()).toMatch(/^[0-9a-f]{32}$/);
  });
});
