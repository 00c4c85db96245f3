package main

import (
	"encoding/json"
	"errors"
	"hash/fnv"
	"net/http"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/trace"
)

var errStoreUnavailable = errors.New("inventory store unavailable")

// newHandler routes with Go 1.22 ServeMux patterns; otelhttp names each server span after
// the matched pattern ("GET /inventory/{sku}"). /healthz is not traced.
func newHandler(delay time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok"))
	})
	mux.Handle("GET /inventory/{sku}", annotateServerSpan(inventory(delay)))

	return otelhttp.NewHandler(mux, "inventory",
		otelhttp.WithFilter(func(r *http.Request) bool { return r.URL.Path != "/healthz" }),
	)
}

// inventory answers {sku, available}. The sku "broken" answers 503 and marks the span failed.
func inventory(delay time.Duration) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sku := r.PathValue("sku")
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		if sku == "broken" {
			// otelhttp sets the Error status for any 5xx; the event says why.
			trace.SpanFromContext(r.Context()).RecordError(errStoreUnavailable)
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": errStoreUnavailable.Error()})
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"sku": sku, "available": stockOf(sku)})
	}
}

// stockOf makes up a stable quantity per sku.
func stockOf(sku string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(sku))
	return int(h.Sum32() % 50)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
