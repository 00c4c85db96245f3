import type { Context } from '@opentelemetry/api';

const NO_KEY = Symbol('tracekit.context.none');
/** A lookup walks at most this many links before a map; a longer chain is copied into one. */
const MAX_DEPTH = 16;

/**
 * A Context as a chain of single entries: setting a value is one small object. The API's
 * BaseContext copies its whole Map and creates three closures for every value set, and a
 * traced request sets two or three (its span, its RPC metadata, the span injected into an
 * outgoing call). Behaves as BaseContext does: immutable, the newest value of a key wins, a
 * deleted key reads undefined. A chain may start on any other Context, which answers the keys
 * the chain does not hold.
 */
export class LinkedContext implements Context {
  /** Links from here down to the base or to a flattened link. */
  private readonly depth: number;

  private constructor(
    private readonly parent: Context | undefined,
    private readonly key: symbol,
    private readonly value: unknown,
    /** Set on a flattened link: every value of the links it replaced; its parent is then their base. */
    private readonly entries: Map<symbol, unknown> | undefined,
  ) {
    this.depth = entries === undefined && parent instanceof LinkedContext ? parent.depth + 1 : 0;
  }

  /** An empty context, the start of a chain. */
  static readonly EMPTY: LinkedContext = new LinkedContext(undefined, NO_KEY, undefined, undefined);

  /** `parent` with `key` set to `value`, whatever kind of Context `parent` is. */
  static with(parent: Context, key: symbol, value: unknown): LinkedContext {
    if (parent instanceof LinkedContext && parent.depth >= MAX_DEPTH) {
      const [entries, base] = parent.flatten();
      return new LinkedContext(base, key, value, entries);
    }
    return new LinkedContext(parent, key, value, undefined);
  }

  getValue(key: symbol): unknown {
    let context: Context | undefined = this;
    while (context instanceof LinkedContext) {
      if (context.key === key) return context.value;
      if (context.entries?.has(key)) return context.entries.get(key);
      context = context.parent;
    }
    return context?.getValue(key);
  }

  setValue(key: symbol, value: unknown): Context {
    return LinkedContext.with(this, key, value);
  }

  deleteValue(key: symbol): Context {
    return LinkedContext.with(this, key, undefined);
  }

  /** The values this chain holds, oldest first so newer ones win, and the Context under it. */
  private flatten(): [Map<symbol, unknown>, Context | undefined] {
    const links: LinkedContext[] = [];
    let context: Context | undefined = this;
    while (context instanceof LinkedContext) {
      links.push(context);
      context = context.parent;
    }
    const entries = new Map<symbol, unknown>();
    for (let i = links.length - 1; i >= 0; i--) {
      const link = links[i]!;
      if (link.entries !== undefined) for (const [key, value] of link.entries) entries.set(key, value);
      if (link.key !== NO_KEY) entries.set(link.key, link.value);
    }
    return [entries, context];
  }
}
