package dev.tracekit.examples.payments;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Payments service: {@code GET|POST /payments/authorize?amount=…}.
 *
 * <p>No tracing setup here: run it with {@code -javaagent:opentelemetry-javaagent.jar}, which
 * reads the standard OTEL_* variables and traces the JDK HTTP server (span name and
 * {@code http.route} come from the context path, e.g. {@code POST /payments/authorize}).
 *
 * <p>Knobs: HOST (default 0.0.0.0), PORT (default 8084), PAYMENTS_FAIL ({@code true} answers 500).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    String host = env("HOST", "0.0.0.0");
    int port = Integer.parseInt(env("PORT", "8084"));
    boolean fail = "true".equalsIgnoreCase(env("PAYMENTS_FAIL", "false"));

    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    ExecutorService workers = Executors.newFixedThreadPool(8);
    server.setExecutor(workers);
    server.createContext("/healthz", Responses::ok);
    server.createContext("/payments/authorize", new AuthorizeHandler(fail));
    server.start();

    // SIGTERM: stop accepting, give requests in flight a second; the agent's own shutdown
    // hook flushes the spans.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(1);
                  workers.shutdown();
                },
                "payments-shutdown"));

    System.out.println("LISTENING " + server.getAddress().getPort());
    System.out.flush();
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
