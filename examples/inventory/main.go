// Command inventory is the shop's stock service: GET /inventory/{sku} answers how many
// items are available. It is traced with the upstream OpenTelemetry Go SDK and configured
// only by the standard OTEL_* environment variables (see telemetry.go).
//
// Knobs: HOST (default 0.0.0.0), PORT (default 8082), INVENTORY_DELAY_MS (default 0).
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	if err := run(); err != nil {
		log.Fatalf("inventory: %v", err)
	}
}

func run() error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	delay, err := millisFromEnv("INVENTORY_DELAY_MS", 0)
	if err != nil {
		return err
	}

	shutdownTracing, err := setupTracing(ctx)
	if err != nil {
		return fmt.Errorf("setting up tracing: %w", err)
	}

	listener, err := net.Listen("tcp", net.JoinHostPort(envOr("HOST", "0.0.0.0"), envOr("PORT", "8082")))
	if err != nil {
		return err
	}
	server := &http.Server{
		Handler:           newHandler(delay),
		ReadHeaderTimeout: 10 * time.Second,
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- server.Serve(listener) }()
	fmt.Printf("LISTENING %d\n", listener.Addr().(*net.TCPAddr).Port)

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}

	// SIGTERM: finish the requests in flight, then flush the spans they produced.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Printf("inventory: http shutdown: %v", err)
	}
	return shutdownTracing(shutdownCtx)
}
