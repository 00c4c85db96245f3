package main

import (
	"net/http"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/baggage"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// tenantKey is the W3C baggage entry that the gateway sets and every service records.
const tenantKey = "tenant.id"

// annotateServerSpan adds to the server span what otelhttp cannot know before the mux has
// matched: http.route (from the Go 1.22 pattern), and tenant.id from the incoming baggage.
func annotateServerSpan(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		span := trace.SpanFromContext(r.Context())
		if route := routeOf(r.Pattern); route != "" {
			span.SetAttributes(semconv.HTTPRoute(route))
		}
		if tenant := baggage.FromContext(r.Context()).Member(tenantKey).Value(); tenant != "" {
			span.SetAttributes(attribute.String(tenantKey, tenant))
		}
		next.ServeHTTP(w, r)
	})
}

// routeOf drops the method and host from a ServeMux pattern: "GET /a/{b}" → "/a/{b}".
func routeOf(pattern string) string {
	if _, rest, found := strings.Cut(pattern, " "); found {
		pattern = strings.TrimLeft(rest, " \t")
	}
	if i := strings.IndexByte(pattern, '/'); i > 0 {
		pattern = pattern[i:]
	}
	return pattern
}
