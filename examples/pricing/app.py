"""Pricing service entry point: serves the Flask app with waitress.

No tracing code here: run it as `opentelemetry-instrument python app.py`, which configures the
OpenTelemetry SDK from the standard OTEL_* variables and instruments Flask before this file runs.

Knobs: HOST (default 0.0.0.0), PORT (default 8083), PRICING_DELAY_MS (default 0), SLOW_MS
(default 400, the wait for the sku "slow").
"""

import os
import signal
import sys

from waitress import create_server

from pricing import create_app


def stop(_signum, _frame):
    # SystemExit unwinds server.run(); the SDK's atexit hook then flushes the spans.
    # A second signal must not interrupt that flush.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(0)


def main():
    app = create_app(
        delay_ms=int(os.environ.get("PRICING_DELAY_MS") or 0),
        slow_ms=int(os.environ.get("SLOW_MS") or 400),
    )
    server = create_server(
        app,
        host=os.environ.get("HOST") or "0.0.0.0",
        port=int(os.environ.get("PORT") or 8083),
        ident="pricing",
    )
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"LISTENING {server.effective_port}", flush=True)
    try:
        server.run()
    finally:
        server.close()


if __name__ == "__main__":
    main()
