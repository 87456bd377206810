package io.gatehouse.proxy;

import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Shared pieces of the retry, breaker, fallback, limits and timeout integration tests. */
final class TrafficSupport {

    private TrafficSupport() {
    }

    /** An upstream's {@code endpoints} list in YAML flow style, from authorities ({@code 127.0.0.1:PORT}). */
    static String endpoints(String... authorities) {
        return Arrays.stream(authorities).map(authority -> "{ address: \"" + authority + "\" }")
                .collect(Collectors.joining(", ", "[ ", " ]"));
    }

    static String endpoints(TestOrigin... origins) {
        return endpoints(Arrays.stream(origins).map(TestOrigin::authority).toArray(String[]::new));
    }

    /**
     * One upstream {@code backend} over {@code endpoints} with the given extra upstream settings, and one catch-all
     * route {@code main} to it with the given route settings (both YAML flow style without braces, may be empty).
     */
    static String backend(String endpoints, String upstreamSettings, String routeSettings) {
        return """
                upstreams:
                  backend: { endpoints: %s%s }
                routes:
                  - { name: main, match: { prefix: / }, upstream: backend%s }
                """.formatted(endpoints, prefixed(upstreamSettings), prefixed(routeSettings));
    }

    private static String prefixed(String settings) {
        return settings.isEmpty() ? "" : ", " + settings;
    }

    /** A bodiless GET on a connection of its own. */
    static RawResponse get(TestGateway gateway, String path) throws IOException {
        return HttpTestSupport.exchange(gateway.port(), HttpTestSupport.get(path));
    }

    /** Sends a bodiless GET on a new connection without waiting for the answer; the caller reads and closes. */
    static RawHttpClient sendGet(TestGateway gateway, String path) throws IOException {
        RawHttpClient client = RawHttpClient.connect(gateway.port());
        try {
            client.write(HttpTestSupport.get(path));
            return client;
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    /** Requests all the origins received, together. */
    static int requestsTo(TestOrigin... origins) {
        return Arrays.stream(origins).mapToInt(origin -> origin.requests().size()).sum();
    }
}
