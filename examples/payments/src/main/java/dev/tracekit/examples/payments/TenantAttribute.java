package dev.tracekit.examples.payments;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;

/**
 * Copies the W3C baggage entry {@code tenant.id} onto the current (server) span.
 *
 * <p>The agent extracts the incoming trace context and baggage before the handler runs, so
 * both are current here. Without the agent, or when OTEL_PROPAGATORS leaves out {@code
 * baggage}, there is nothing to copy and this does nothing.
 */
final class TenantAttribute {
  static final String KEY = "tenant.id";

  private TenantAttribute() {}

  static void recordOnCurrentSpan() {
    String tenant = Baggage.current().getEntryValue(KEY);
    if (tenant != null && !tenant.isEmpty()) {
      Span.current().setAttribute(KEY, tenant);
    }
  }
}
