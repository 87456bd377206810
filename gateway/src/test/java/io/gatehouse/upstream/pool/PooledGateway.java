package io.gatehouse.upstream.pool;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The real gateway with one upstream ({@code backend}, round-robin over the given endpoints) behind a catch-all
 * route, its pool and route timeouts set per test. Closing it closes the gateway and the origins handed to it.
 */
final class PooledGateway implements AutoCloseable {

    private final TestGateway gateway;
    private final List<TestOrigin> origins;

    private PooledGateway(TestGateway gateway, List<TestOrigin> origins) {
        this.gateway = gateway;
        this.origins = origins;
    }

    static Builder withLoops(int loops) {
        return new Builder(loops);
    }

    static final class Builder {
        private final int loops;
        private String limits = "";
        private String pool = "";
        private String timeouts = "";

        private Builder(int loops) {
            this.loops = loops;
        }

        /** Upstream limits in YAML flow style without braces, e.g. {@code "max-connections: 1, max-pending: 0"}. */
        Builder limits(String settings) {
            limits = settings;
            return this;
        }

        /** Pool settings in YAML flow style without braces, e.g. {@code "idle-timeout: 200ms"}. */
        Builder pool(String settings) {
            pool = settings;
            return this;
        }

        /** The route's timeouts in the same style, e.g. {@code "connect: 200ms"}. */
        Builder timeouts(String settings) {
            timeouts = settings;
            return this;
        }

        PooledGateway start(TestOrigin... origins) {
            return start(Arrays.stream(origins).map(TestOrigin::authority).toList(), origins);
        }

        /** Proxies to {@code authorities}, which need not be origins; {@code owned} are closed with the gateway. */
        PooledGateway start(List<String> authorities, TestOrigin... owned) {
            List<TestOrigin> origins = List.of(owned);
            try {
                return new PooledGateway(TestGateway.start(config(authorities)), origins);
            } catch (RuntimeException e) {
                origins.forEach(TestOrigin::close);
                throw e;
            }
        }

        private String config(List<String> authorities) {
            String endpoints = authorities.stream().map(authority -> "{ address: \"" + authority + "\" }")
                    .collect(Collectors.joining(", "));
            return TestGateway.config(loops, """
                    upstreams:
                      backend: { endpoints: [ %s ], limits: { %s }, pool: { %s } }
                    routes:
                      - { name: all, match: { prefix: / }, upstream: backend, timeouts: { %s } }
                    """.formatted(endpoints, limits, pool, timeouts));
        }
    }

    int port() {
        return gateway.port();
    }

    AdminClient admin() {
        return new AdminClient(gateway);
    }

    RawHttpClient connect() throws IOException {
        return RawHttpClient.connect(gateway.port());
    }

    /** Sends a bodiless GET without waiting for its response. */
    static void sendGet(RawHttpClient client, String path) throws IOException {
        client.write("GET " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n");
    }

    static RawResponse get(RawHttpClient client, String path) throws IOException {
        sendGet(client, path);
        return client.readResponse();
    }

    /** One GET on a connection of its own. */
    RawResponse get(String path) throws IOException {
        try (RawHttpClient client = connect()) {
            return get(client, path);
        }
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            origins.forEach(TestOrigin::close);
        }
    }
}
