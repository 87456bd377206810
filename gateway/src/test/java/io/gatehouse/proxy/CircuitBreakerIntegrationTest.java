package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.TrafficSupport.backend;
import static io.gatehouse.proxy.TrafficSupport.endpoints;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.EventLoopCounts;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The circuit breaker through the real gateway, as the admin API and the metrics report it: closed below
 * {@code min-requests}, open at the volume and error rate (refusing without reaching the origin), half open after
 * {@code open-for}, closed again by passing probes or reopened by a failing one. Each request goes on a connection
 * of its own, so with several event loops the breaker sees requests from all of them.
 */
@ExtendWith(LeakDetectionExtension.class)
class CircuitBreakerIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String BREAKER = "circuit-breaker: { window: 10s, buckets: 10, min-requests: 5, "
            + "error-rate: 50%, open-for: 1s, half-open-requests: 2 }";
    private static final String STATE_METRIC = "gatehouse_upstream_breaker_state{upstream=\"backend\"}";

    private final TestOrigin origin = TestOrigin.start().on("/api", Behaviour.status(500).body("failing"));
    private TestGateway gateway;
    private AdminClient admin;

    private void start(int loops) {
        gateway = TestGateway.start(TestGateway.config(loops, backend(endpoints(origin), BREAKER, "")));
        admin = new AdminClient(gateway);
    }

    @AfterEach
    void close() {
        TestResources.closeAll(gateway, origin);
    }

    private JsonNode breaker() {
        return admin.upstream("backend").path("breaker");
    }

    private String state() {
        return breaker().path("state").asText();
    }

    private RawResponse call() throws IOException {
        return TrafficSupport.get(gateway, "/api");
    }

    private void openTheBreaker() throws IOException {
        for (int i = 0; i < 5; i++) {
            assertThat(call().status()).isEqualTo(500);
        }
        assertThat(state()).isEqualTo("open");
    }

    private void awaitOpenForToPass() {
        // An idle breaker reports half open once its open period is over, before any probe arrives.
        Eventually.await("open-for to pass", WAIT, () -> "half_open".equals(state()));
    }

    @EventLoopCounts
    void staysClosedBelowMinRequestsThenOpensAndRefusesWithoutReachingTheOrigin(int loops) throws Exception {
        start(loops);
        for (int i = 0; i < 4; i++) {
            assertThat(call().status()).isEqualTo(500);
        }
        assertThat(state()).as("four failures of four, below min-requests").isEqualTo("closed");
        assertThat(breaker().path("failures").asLong()).isEqualTo(4);

        assertThat(call().status()).isEqualTo(500);
        assertThat(state()).isEqualTo("open");
        assertThat(breaker().path("times_opened").asLong()).isEqualTo(1);
        assertThat(admin.metric(STATE_METRIC)).isEqualTo(1.0);

        RawResponse refused = call();
        assertProblem(refused, 503);
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(origin.requests()).hasSize(5);
        assertThat(admin.upstream("backend").at("/counters/refused_breaker_open").asLong()).isEqualTo(1);
    }

    @EventLoopCounts
    void passingProbesCloseItAfterOpenFor(int loops) throws Exception {
        start(loops);
        openTheBreaker();
        origin.on("/api", Behaviour.status(200).body("recovered"));
        awaitOpenForToPass();

        RawResponse firstProbe = call();
        assertThat(firstProbe.bodyText()).isEqualTo("recovered");
        assertThat(state()).as("one of two probes passed").isEqualTo("half_open");
        assertThat(admin.metric(STATE_METRIC)).isEqualTo(2.0);

        assertThat(call().bodyText()).isEqualTo("recovered");
        assertThat(state()).isEqualTo("closed");
        assertThat(admin.metric(STATE_METRIC)).isZero();
        assertThat(call().status()).isEqualTo(200);
        assertThat(origin.requests()).hasSize(8);
    }

    @EventLoopCounts
    void aFailingProbeReopensIt(int loops) throws Exception {
        start(loops);
        openTheBreaker();
        awaitOpenForToPass();

        // The probe's own answer is passed on; its failure opens the breaker again at once.
        assertThat(call().status()).isEqualTo(500);
        assertThat(state()).isEqualTo("open");
        assertThat(breaker().path("times_opened").asLong()).isEqualTo(2);

        assertProblem(call(), 503);
        assertThat(origin.requests()).hasSize(6);
    }
}
