package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Local replies for an upstream that cannot be reached, fails, is saturated or is too slow. */
@ExtendWith(LeakDetectionExtension.class)
class UpstreamFailureRepliesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestOrigin origin;
    private TestOrigin gone;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start()
                .on("/reset", Behaviour.echo().reset())
                .on("/slow", Behaviour.status(200).body("late").delay(Duration.ofSeconds(30)));
        gone = TestOrigin.start("gone");
        gone.close();
        gateway = TestGateway.start(HttpTestSupport.config("drain-timeout: 100ms", """
                upstreams:
                  origin: { endpoints: [ { address: "%s" } ], pool: { max-connections: 1, max-pending: 0 } }
                  gone: { endpoints: [ { address: "%s" } ] }
                routes:
                  - { name: gone, match: { prefix: /gone }, upstream: gone }
                  - { name: hurried, match: { prefix: /hurried }, upstream: origin,
                      rewrite: { path: /slow }, timeouts: { response: 200ms } }
                  - { name: origin, match: { prefix: / }, upstream: origin }
                """.formatted(origin.authority(), gone.authority())));
    }

    @AfterEach
    void stop() {
        gateway.close();
        origin.close();
    }

    private RawResponse exchange(String request) throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            return client.write(request).readResponse();
        }
    }

    @Test
    void refusedConnectionIs502() throws Exception {
        RawResponse response = exchange(get("/gone"));
        assertProblem(response, 502);
        assertThat(response.bodyText()).contains("refused");
    }

    @Test
    void resetBeforeTheResponseIs502() throws Exception {
        RawResponse response = exchange(get("/reset"));
        assertProblem(response, 502);
        assertThat(origin.requests()).hasSize(1);
    }

    @Test
    void fullPoolWithoutPendingRoomIs503() throws Exception {
        try (RawHttpClient slow = RawHttpClient.connect(gateway.port())) {
            slow.write(get("/slow"));
            origin.awaitRequests(1, WAIT);
            RawResponse response = exchange(get("/fast"));
            assertProblem(response, 503);
        }
        assertThat(origin.requests()).extracting(request -> request.path()).containsExactly("/slow");
    }

    @Test
    void upstreamSlowerThanTheResponseTimeoutIs504() throws Exception {
        RawResponse response = exchange(get("/hurried"));
        assertProblem(response, 504);
        assertThat(origin.requests()).extracting(request -> request.path()).containsExactly("/slow");
        origin.awaitOpenConnections(0, WAIT);
    }
}
