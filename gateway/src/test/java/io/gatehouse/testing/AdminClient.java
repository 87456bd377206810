package io.gatehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a {@link TestGateway}'s admin listener. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestGateway gateway;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public AdminClient(TestGateway gateway) {
        this(gateway, null);
    }

    /** A client that sends {@code Authorization: Bearer token} with every request (null for none). */
    public AdminClient(TestGateway gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(gateway.adminUri(path)).GET());
    }

    public HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(gateway.adminUri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of one sample in {@code /metrics}, e.g. {@code gatehouse_config_reloads_total{result="ok"}}; 0 if absent. */
    public double metric(String sample) {
        return sampleValue(get("/metrics").body(), sample);
    }

    public static double sampleValue(String scrape, String sample) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }

    /** The named upstream as {@code GET /admin/upstreams} shows it: breaker, limits, counters and endpoints. */
    public JsonNode upstream(String name) {
        HttpResponse<String> response = get("/admin/upstreams");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /admin/upstreams answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            for (JsonNode upstream : JSON.readTree(response.body())) {
                if (name.equals(upstream.path("name").asText())) {
                    return upstream;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no upstream \"" + name + "\" in " + response.body());
    }

    public double reloadsOk() {
        return metric("gatehouse_config_reloads_total{result=\"ok\"}");
    }

    public double reloadsFailed() {
        return metric("gatehouse_config_reloads_total{result=\"failed\"}");
    }
}
