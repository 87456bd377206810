package io.gatehouse.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The rate-limit filter on the real gateway in front of a real origin, with per-node limiters. */
@ExtendWith(LeakDetectionExtension.class)
class RateLimitIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void startOrigin() {
        origin = TestOrigin.start("app");
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, origin);
    }

    private void start(String limitersAndFilters) {
        gateway = TestGateway.start(config(limitersAndFilters));
    }

    private String config(String limitersAndFilters) {
        return TestGateway.config(2, """
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                %s
                """.formatted(origin.authority(), limitersAndFilters));
    }

    private RawResponse get(String path, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(request.append("\r\n").toString());
            return client.readResponse();
        }
    }

    private static final String PER_CLIENT = """
            limiters:
              per-client: { key: client-address, token-bucket: { capacity: 3, rate: 1/h } }
            routes:
              - name: api
                match: { prefix: / }
                upstream: app
                filters: [ { rate-limit: { limiters: [per-client] } } ]
            """;

    @Test
    void aFullBucketAnswers429WithRetryAfterAndTheDraftFields() throws Exception {
        start(PER_CLIENT);
        for (int i = 0; i < 3; i++) {
            RawResponse ok = get("/a");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("ratelimit-policy")).isEqualTo("\"per-client\";q=3;w=10800");
            assertThat(ok.header("ratelimit")).startsWith("\"per-client\";r=" + (2 - i) + ";t=");
        }
        RawResponse refused = get("/a");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("content-type")).isEqualTo("application/problem+json");
        assertThat(refused.bodyText()).contains("rate limit \\\"per-client\\\" exceeded");
        assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(1L, 3600L);
        assertThat(refused.header("ratelimit")).startsWith("\"per-client\";r=0;");
        assertThat(origin.requests()).hasSize(3);

        String scrape = new AdminClient(gateway).get("/metrics").body();
        assertThat(AdminClient.sampleValue(scrape, "gatehouse_ratelimit_decisions_total{decision=\"allowed\","
                + "limiter=\"per-client\",route=\"api\"}")).isEqualTo(3);
        assertThat(AdminClient.sampleValue(scrape, "gatehouse_ratelimit_decisions_total{decision=\"rejected\","
                + "limiter=\"per-client\",route=\"api\"}")).isEqualTo(1);
    }

    @Test
    void aReloadNeverRefillsABucket() throws Exception {
        start(PER_CLIENT);
        for (int i = 0; i < 3; i++) {
            assertThat(get("/a").status()).isEqualTo(200);
        }
        gateway.rewriteConfig(config(PER_CLIENT.replace("prefix: /", "prefix: /, methods: [GET]")));
        Eventually.await("the reload", Duration.ofSeconds(10),
                () -> gateway.gateway().config().routes().get(0).match().methods().contains("GET"));
        assertThat(get("/a").status()).isEqualTo(429);
    }

    @Test
    void keysSeparateClientsAndAMissingKeyIsRejectedOrFallsBack() throws Exception {
        start("""
                limiters:
                  per-key: { key: "header:X-Api-Key", fixed-window: { limit: 1, window: 1h } }
                  lenient: { key: "header:X-Api-Key", missing-key: { use: anonymous },
                             fixed-window: { limit: 1, window: 1h } }
                routes:
                  - { name: strict, match: { prefix: /strict }, upstream: app,
                      filters: [ { rate-limit: { limiters: [per-key] } } ] }
                  - { name: lenient, match: { prefix: /lenient }, upstream: app,
                      filters: [ { rate-limit: { limiters: [lenient] } } ] }
                """);
        assertThat(get("/strict", "X-Api-Key: a").status()).isEqualTo(200);
        assertThat(get("/strict", "X-Api-Key: b").status()).isEqualTo(200);
        assertThat(get("/strict", "X-Api-Key: a").status()).isEqualTo(429);

        RawResponse keyless = get("/strict");
        assertThat(keyless.status()).isEqualTo(429);
        assertThat(keyless.bodyText()).contains("header X-Api-Key");

        assertThat(get("/lenient").status()).isEqualTo(200);
        assertThat(get("/lenient").status()).as("every keyless request shares one key").isEqualTo(429);
        assertThat(get("/lenient", "X-Api-Key: c").status()).isEqualTo(200);
    }

    @Test
    void theClientAddressComesThroughTrustedProxiesOnly() throws Exception {
        gateway = TestGateway.start(TestGateway.config(1, "trusted-proxies: [127.0.0.1/32]", """
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                limiters:
                  per-client: { key: client-address, fixed-window: { limit: 1, window: 1h } }
                routes:
                  - { name: api, match: { prefix: / }, upstream: app,
                      filters: [ { rate-limit: { limiters: [per-client] } } ] }
                """.formatted(origin.authority())));
        assertThat(get("/", "X-Forwarded-For: 198.51.100.1").status()).isEqualTo(200);
        assertThat(get("/", "X-Forwarded-For: 198.51.100.2").status()).isEqualTo(200);
        assertThat(get("/", "X-Forwarded-For: 198.51.100.1").status()).isEqualTo(429);
    }

    @Test
    void aShapingBucketDelaysRequestsInsteadOfRefusingThemUntilItsQueueIsFull() throws Exception {
        start("""
                routes:
                  - name: api
                    match: { prefix: / }
                    upstream: app
                    filters: [ { rate-limit: { key: route, leaky-bucket: { rate: 20/s, queue: 3, max-wait: 5s } } } ]
                """);
        List<RawHttpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                RawHttpClient client = RawHttpClient.connect(gateway.port());
                clients.add(client);
                client.write("GET /s" + i + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n");
            }
            List<Integer> statuses = new ArrayList<>();
            for (RawHttpClient client : clients) {
                statuses.add(client.readResponse().status());
            }
            // one goes at once, three wait their turn, the fifth finds the queue full
            assertThat(statuses).containsExactlyInAnyOrder(200, 200, 200, 200, 429);
        } finally {
            TestResources.closeAll(clients.toArray(new AutoCloseable[0]));
        }
        assertThat(origin.requests()).hasSize(4);
    }

    private double decisions(String verdict) {
        return MetricSamples.of(gateway).value("gatehouse_ratelimit_decisions_total",
                "decision=\"" + verdict + "\"", "route=\"api\"");
    }

    /** Requests on route api that ended with a 4xx status, a client that went away (499) included. */
    private double clientErrors() {
        return MetricSamples.of(gateway).values("gatehouse_requests_total", "route=\"api\"", "status=\"4xx\"")
                .stream().mapToDouble(Double::doubleValue).sum();
    }

    private static final String SLOW_SHAPER = """
            routes:
              - name: api
                match: { prefix: / }
                upstream: app
                filters:
                  - rate-limit: { key: route, leaky-bucket: { rate: 1/m, queue: 1, max-wait: 10m } }
            """;

    @Test
    void aRequestWhoseClientLeavesWhileItWaitsGivesItsPlaceInTheQueueToTheNext() throws Exception {
        start(SLOW_SHAPER);
        assertThat(get("/first").status()).isEqualTo(200);
        try (RawHttpClient waiting = RawHttpClient.connect(gateway.port())) {
            waiting.write("GET /waits HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n");
            Eventually.await("the second request delayed", WAIT, () -> decisions("delayed") == 1);
            assertThat(get("/full").status()).as("the one place is taken").isEqualTo(429);
        }
        Eventually.await("the waiting request ended", WAIT, () -> clientErrors() == 2);

        try (RawHttpClient next = RawHttpClient.connect(gateway.port())) {
            next.write("GET /next HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n");
            Eventually.await("the next request judged", WAIT,
                    () -> decisions("delayed") + decisions("rejected") == 3);
            assertThat(decisions("delayed")).as("the place was given back").isEqualTo(2);
        }
        assertThat(origin.requests()).hasSize(1);
    }

    @Test
    void aShapedRequestThatOutwaitsItsFilterTimeoutIsA504AndGivesItsPlaceBack() throws Exception {
        start(SLOW_SHAPER.replace("max-wait: 10m } }", "max-wait: 10m } }\n        timeout: 200ms"));
        assertThat(get("/first").status()).isEqualTo(200);

        RawResponse timedOut = get("/waits");
        assertThat(timedOut.status()).isEqualTo(504);
        assertThat(timedOut.bodyText()).contains("filter rate-limit did not decide within 200 ms");
        assertThat(get("/next").status()).as("delayed in the place given back, then timed out too")
                .isEqualTo(504);
        assertThat(decisions("delayed")).isEqualTo(2);
        assertThat(decisions("rejected")).isZero();
    }

    @Test
    void aShapersWaitLongerThanTheRoutesFilterTimeoutIsWaitedFor() throws Exception {
        start("""
                routes:
                  - name: api
                    match: { prefix: / }
                    upstream: app
                    timeouts: { filter: 50ms }
                    filters:
                      - rate-limit: { key: route, leaky-bucket: { rate: 4/s, queue: 2, max-wait: 5s } }
                """);
        List<RawHttpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                clients.add(RawHttpClient.connect(gateway.port()));
                clients.get(i).write("GET /s" + i + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n");
            }
            for (RawHttpClient client : clients) {
                assertThat(client.readResponse().status()).isEqualTo(200);
            }
        } finally {
            TestResources.closeAll(clients.toArray(new AutoCloseable[0]));
        }
        assertThat(decisions("delayed")).as("the second waited its turn, four times the filter timeout")
                .isEqualTo(1);
    }

    @Test
    void twoShapersOnOneRouteEachServeTheirWaitInTurn() throws Exception {
        start("""
                routes:
                  - name: api
                    match: { prefix: / }
                    upstream: app
                    filters:
                      - rate-limit: { key: route, leaky-bucket: { rate: 10/s, queue: 2, max-wait: 5s } }
                      - rate-limit: { key: route, leaky-bucket: { rate: 2/s, queue: 2, max-wait: 5s } }
                """);
        List<RawHttpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                clients.add(RawHttpClient.connect(gateway.port(), WAIT));
                clients.get(i).write("GET /s" + i + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n");
            }
            for (RawHttpClient client : clients) {
                assertThat(client.readResponse().status()).isEqualTo(200);
            }
        } finally {
            TestResources.closeAll(clients.toArray(new AutoCloseable[0]));
        }
        assertThat(MetricSamples.of(gateway).values("gatehouse_ratelimit_decisions_total", "decision=\"delayed\"")
                .stream().mapToDouble(Double::doubleValue).sum()).as("the second request waited for both").isEqualTo(2);
    }
}
