"""GET /price/<sku> answers {sku, price, currency}; the sku "slow" is the slow path."""

import time
import zlib

from flask import Flask, jsonify

from tenant import record_tenant


def create_app(delay_ms=0, slow_ms=400):
    app = Flask(__name__)
    app.before_request(record_tenant)

    @app.get("/healthz")
    def healthz():
        return "ok"

    @app.get("/price/<sku>")
    def price(sku):
        wait_ms = delay_ms + (slow_ms if sku == "slow" else 0)
        if wait_ms > 0:
            time.sleep(wait_ms / 1000)
        return jsonify(sku=sku, price=price_of(sku), currency="EUR")

    return app


def price_of(sku):
    """A made-up but stable price between 1.00 and 50.99."""
    return round(1 + (zlib.crc32(sku.encode()) % 5000) / 100, 2)
