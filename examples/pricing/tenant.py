"""Copies the W3C baggage entry tenant.id onto the server span.

The Flask instrumentation has already extracted the incoming context (trace and baggage) and
started the server span when Flask runs its before_request hooks, so both are current here.
With OTEL_PROPAGATORS lacking `baggage` (e.g. b3multi alone) there is no entry to copy.
"""

from opentelemetry import baggage, trace

TENANT_KEY = "tenant.id"


def record_tenant():
    tenant = baggage.get_baggage(TENANT_KEY)
    if tenant:
        trace.get_current_span().set_attribute(TENANT_KEY, str(tenant))
