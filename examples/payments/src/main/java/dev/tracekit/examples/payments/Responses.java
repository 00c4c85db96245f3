package dev.tracekit.examples.payments;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writes small JSON and text answers. */
final class Responses {
  private Responses() {}

  static void ok(HttpExchange exchange) throws IOException {
    send(exchange, 200, "text/plain; charset=utf-8", "ok");
  }

  static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body);
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = Main.utf8(body);
    exchange.getRequestBody().readAllBytes(); // drain, so the connection can be reused
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
