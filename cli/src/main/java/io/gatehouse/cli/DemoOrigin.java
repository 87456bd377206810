package io.gatehouse.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny backend for the demo, on the JDK's built-in HTTP server: it answers every request with JSON saying which
 * origin it is and what it received, so balancing and rewriting are visible in curl's output.
 */
final class DemoOrigin implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private DemoOrigin(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static DemoOrigin start(String name, String host, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "demo-" + name);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(name, exchange));
        server.start();
        return new DemoOrigin(server, executor);
    }

    private static void answer(String name, HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String json = "{\"origin\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                + "\",\"path\":\"" + exchange.getRequestURI().getRawPath().replace("\"", "%22")
                + "\",\"x_forwarded_for\":\"" + header(exchange, "X-Forwarded-For")
                + "\",\"x_request_id\":\"" + header(exchange, "X-Request-Id") + "\"}\n";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String header(HttpExchange exchange, String name) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null ? "" : value.replace("\"", "");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
