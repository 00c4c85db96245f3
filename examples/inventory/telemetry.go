package main

import (
	"context"

	"go.opentelemetry.io/contrib/exporters/autoexport"
	"go.opentelemetry.io/contrib/propagators/autoprop"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// setupTracing installs a global tracer provider and propagator configured only by the
// standard variables:
//   - OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES: resource (resource.WithFromEnv)
//   - OTEL_TRACES_EXPORTER (default otlp), OTEL_EXPORTER_OTLP_PROTOCOL (default
//     http/protobuf), OTEL_EXPORTER_OTLP_ENDPOINT, ...: exporter (autoexport)
//   - OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG, OTEL_BSP_*: read by the SDK itself
//   - OTEL_PROPAGATORS (default tracecontext,baggage; b3, b3multi, jaeger, ... too): autoprop
//
// The returned function flushes and stops the provider.
func setupTracing(ctx context.Context) (func(context.Context) error, error) {
	detected, err := resource.New(ctx,
		resource.WithFromEnv(),
		resource.WithTelemetrySDK(),
		resource.WithProcessPID(),
		resource.WithProcessRuntimeName(),
		resource.WithProcessRuntimeVersion(),
		resource.WithHost(),
	)
	if err != nil && detected == nil {
		return nil, err
	}
	// resource.Default() supplies service.name=unknown_service:<binary> when none is set.
	res, err := resource.Merge(resource.Default(), detected)
	if err != nil {
		return nil, err
	}

	exporter, err := autoexport.NewSpanExporter(ctx)
	if err != nil {
		return nil, err
	}

	provider := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exporter),
		sdktrace.WithResource(res),
	)
	otel.SetTracerProvider(provider)
	otel.SetTextMapPropagator(autoprop.NewTextMapPropagator())

	return provider.Shutdown, nil
}
