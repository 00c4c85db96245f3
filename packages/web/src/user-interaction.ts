import { type Context, context, type HrTime, SpanStatusCode, type Span as ApiSpan, type Tracer, trace } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { getElementXPath } from '@opentelemetry/web-common';

/** A span that waits for its requests ends at the latest this long after the event anyway. */
export const MAX_INTERACTION_MS = 30_000;

interface Interaction {
  span: ApiSpan;
  /** Spans started in the handlers' context that have not ended yet. */
  pending: number;
  /** The event's listeners have all run. */
  dispatched: boolean;
  endTime: HrTime | undefined;
}

type Listener = EventListenerOrEventListenerObject;

/**
 * A span per user interaction (`click` by default) that has listeners added after `enable()`,
 * active while those listeners run, so the fetch a click handler starts is its child and
 * continues into the backend. The span ends when every listener ran and every span started in
 * them (the requests) ended, and carries `event_type`, `target_element` and `target_xpath`.
 * An exception thrown by a listener is recorded on it. It is also the span processor that
 * counts those children, so it goes into the TracerProvider's `spanProcessors`.
 */
export class UserInteractions implements SpanProcessor {
  private readonly interactions = new WeakMap<object, Interaction>();
  private readonly byEvent = new WeakMap<Event, Interaction>();
  private readonly parentOf = new WeakMap<object, Interaction>();
  private restore: (() => void) | undefined;

  constructor(private readonly eventTypes: readonly string[]) {}

  enable(tracer: Tracer, Target: typeof EventTarget = globalThis.EventTarget): void {
    if (this.restore || !Target) return;
    const types = new Set(this.eventTypes);
    const proto = Target.prototype;
    const { addEventListener: add, removeEventListener: remove } = proto;
    const wrappers = new WeakMap<object, Map<string, EventListener>>();
    const wrap = (type: string, listener: Listener): EventListener => {
      let byType = wrappers.get(listener);
      if (!byType) {
        byType = new Map();
        wrappers.set(listener, byType);
      }
      let wrapped = byType.get(type);
      if (!wrapped) {
        const self = this;
        wrapped = function (this: EventTarget, event: Event) {
          const call = () => (typeof listener === 'function' ? listener.call(this, event) : listener.handleEvent(event));
          const interaction = self.interactionFor(event, tracer);
          if (!interaction) return call();
          return context.with(trace.setSpan(context.active(), interaction.span), () => {
            try {
              return call();
            } catch (error) {
              interaction.span.recordException(error instanceof Error ? error : String(error));
              interaction.span.setStatus({ code: SpanStatusCode.ERROR });
              throw error;
            }
          });
        };
        byType.set(type, wrapped);
      }
      return wrapped;
    };
    proto.addEventListener = function (type: string, listener: Listener | null, options?: boolean | AddEventListenerOptions) {
      return add.call(this, type, listener && types.has(type) ? wrap(type, listener) : listener, options);
    };
    proto.removeEventListener = function (type: string, listener: Listener | null, options?: boolean | EventListenerOptions) {
      return remove.call(this, type, (listener && wrappers.get(listener)?.get(type)) ?? listener, options);
    };
    this.restore = () => {
      proto.addEventListener = add;
      proto.removeEventListener = remove;
    };
  }

  disable(): void {
    this.restore?.();
    this.restore = undefined;
  }

  private interactionFor(event: Event, tracer: Tracer): Interaction | undefined {
    const known = this.byEvent.get(event);
    if (known) return known;
    const target = event.target as Element | null;
    if (!target || typeof target.tagName !== 'string') return undefined;
    const span = tracer.startSpan(event.type, {
      attributes: { event_type: event.type, target_element: target.tagName, target_xpath: getElementXPath(target, true) },
    });
    const interaction: Interaction = { span, pending: 0, dispatched: false, endTime: undefined };
    this.byEvent.set(event, interaction);
    this.interactions.set(span, interaction);
    // Listeners run synchronously: a task queued now runs once they all have.
    setTimeout(() => {
      interaction.dispatched = true;
      this.maybeEnd(interaction);
    });
    setTimeout(() => this.end(interaction), MAX_INTERACTION_MS);
    return interaction;
  }

  onStart(span: Span, parentContext: Context): void {
    const parent = trace.getSpan(parentContext);
    const interaction = parent && this.interactions.get(parent);
    if (interaction?.span.isRecording()) {
      interaction.pending++;
      this.parentOf.set(span, interaction);
    }
  }

  onEnd(span: ReadableSpan): void {
    const interaction = this.parentOf.get(span);
    if (!interaction) return;
    this.parentOf.delete(span);
    interaction.pending--;
    if (!interaction.endTime || later(span.endTime, interaction.endTime)) interaction.endTime = span.endTime;
    this.maybeEnd(interaction);
  }

  private maybeEnd(interaction: Interaction): void {
    if (interaction.dispatched && interaction.pending <= 0) this.end(interaction);
  }

  private end(interaction: Interaction): void {
    if (interaction.span.isRecording()) interaction.span.end(interaction.endTime);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.disable();
    return Promise.resolve();
  }
}

function later(a: HrTime, b: HrTime): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}
