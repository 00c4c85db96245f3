package dev.tracekit.examples.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * {@code GET|POST /payments/authorize?amount=…} answers {@code {"authorized":true,"id":…}}.
 *
 * <p>An amount above 1000 is declined with 402 (a client error: the server span stays
 * unset), a missing or bad amount is 400, and with PAYMENTS_FAIL=true every authorization
 * fails with 500 (the agent marks the server span as an error).
 */
final class AuthorizeHandler implements HttpHandler {
  static final BigDecimal LIMIT = new BigDecimal(1000);

  private final boolean fail;

  AuthorizeHandler(boolean fail) {
    this.fail = fail;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      TenantAttribute.recordOnCurrentSpan();
      if (!"/payments/authorize".equals(exchange.getRequestURI().getPath())) {
        Responses.json(exchange, 404, "{\"error\":\"not found\"}");
        return;
      }
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"POST".equals(method)) {
        exchange.getResponseHeaders().set("Allow", "GET, POST");
        Responses.json(exchange, 405, "{\"error\":\"use GET or POST\"}");
        return;
      }
      BigDecimal amount = amountOf(exchange.getRequestURI().getRawQuery());
      if (amount == null) {
        Responses.json(exchange, 400, "{\"error\":\"amount must be a number >= 0\"}");
      } else if (fail) {
        Responses.json(exchange, 500, "{\"error\":\"payment provider unavailable\"}");
      } else if (amount.compareTo(LIMIT) > 0) {
        Responses.json(
            exchange, 402, "{\"authorized\":false,\"error\":\"amount exceeds the limit of 1000\"}");
      } else {
        Responses.json(exchange, 200, "{\"authorized\":true,\"id\":\"pay_" + UUID.randomUUID() + "\"}");
      }
    }
  }

  /** The {@code amount} query parameter, or null when it is missing, negative or not a number. */
  static BigDecimal amountOf(String rawQuery) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith("amount=")) {
        try {
          BigDecimal amount = new BigDecimal(pair.substring("amount=".length()));
          return amount.signum() < 0 ? null : amount;
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }
}
