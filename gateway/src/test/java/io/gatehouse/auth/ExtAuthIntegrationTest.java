package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.CapturedLogs;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ext-auth's call while the request waits for it: stopped when the client goes away or the filter's timeout passes
 * (the authorization service sees its connection closed long before the call's own timeout), and its own timeout
 * honoured when it is longer than the route's default filter timeout.
 */
@ExtendWith(LeakDetectionExtension.class)
class ExtAuthIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestOrigin origin;
    private TestOrigin authz;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start("app");
        authz = TestOrigin.start("authz");
        for (String path : new String[] {"/check/patient/a", "/check/bounded/a", "/check/lenient/a"}) {
            authz.on(path, Behaviour.neverAnswers());
        }
        gateway = TestGateway.start(TestGateway.config(1, """
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: patient
                    match: { prefix: /patient }
                    upstream: app
                    filters:
                      - auth: { any-of: [ext-auth], ext-auth: { url: "%s", timeout: 5m } }
                  - name: bounded
                    match: { prefix: /bounded }
                    upstream: app
                    filters:
                      - auth: { any-of: [ext-auth], ext-auth: { url: "%s", timeout: 5m } }
                        timeout: 300ms
                  - name: lenient
                    match: { prefix: /lenient }
                    upstream: app
                    timeouts: { filter: 100ms }
                    filters:
                      - auth: { any-of: [ext-auth], ext-auth: { url: "%s", timeout: 600ms, on-failure: allow } }
                """.formatted(origin.authority(), authz.uri("/check"), authz.uri("/check"), authz.uri("/check"))));
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, authz, origin);
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n";
    }

    @Test
    void aClientThatLeavesStopsTheCallItsRequestWaitsFor() throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(get("/patient/a"));
            authz.awaitOpenConnections(1, WAIT);
        }
        // The call's own timeout is five minutes: only the cancellation closes the connection this soon.
        authz.awaitOpenConnections(0, WAIT);
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void aDecisionThatDoesNotComeWithinTheFiltersTimeoutIsA504AndTheCallStops() throws IOException {
        try (CapturedLogs logs = new CapturedLogs("io.gatehouse.proxy.FilterChain");
             RawHttpClient client = RawHttpClient.connect(gateway.port(), WAIT)) {
            RawResponse response = client.write(get("/bounded/a")).readResponse();

            assertThat(response.status()).isEqualTo(504);
            assertThat(response.bodyText()).contains("filter auth did not decide within 300 ms");
            assertThat(logs.count("filter auth on route bounded did not decide within 300 ms")).isEqualTo(1);
            assertThat(MetricSamples.of(gateway).value("gatehouse_filter_timeouts_total", "route=\"bounded\"",
                    "filter=\"auth\"")).isEqualTo(1.0);
            authz.awaitOpenConnections(0, WAIT);
            assertThat(origin.requests()).isEmpty();
        }
    }

    @Test
    void aCallTimeoutLongerThanTheRoutesFilterTimeoutIsHonoured() throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port(), WAIT)) {
            RawResponse response = client.write(get("/lenient/a")).readResponse();

            // Let in by on-failure: allow once the call timed out, not cut off at the route's 100ms.
            assertThat(response.status()).isEqualTo(200);
            assertThat(origin.requests()).hasSize(1);
        }
    }
}
