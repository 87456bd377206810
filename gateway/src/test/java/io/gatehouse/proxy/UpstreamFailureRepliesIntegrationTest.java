package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestOrigin;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Local replies for an upstream that cannot be reached, fails, is saturated or is too slow. */
@ExtendWith(LeakDetectionExtension.class)
class UpstreamFailureRepliesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withoutClient(() -> TestOrigin.start()
                    .on("/reset", Behaviour.echo().reset())
                    .on("/slow", Behaviour.status(200).body("late").delay(Duration.ofSeconds(30))),
            authority -> HttpTestSupport.config("drain-timeout: 100ms", """
                    upstreams:
                      origin: { endpoints: [ { address: "%s" } ], limits: { max-connections: 1, max-pending: 0 } }
                      gone: { endpoints: [ { address: "%s" } ] }
                    routes:
                      - { name: gone, match: { prefix: /gone }, upstream: gone }
                      - { name: hurried, match: { prefix: /hurried }, upstream: origin,
                          rewrite: { path: /slow }, timeouts: { response: 200ms } }
                      - { name: origin, match: { prefix: / }, upstream: origin }
                    """.formatted(authority, TestOrigin.closedAuthority())));

    private RawResponse exchange(String request) throws Exception {
        return HttpTestSupport.exchange(rig.gateway().port(), request);
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
        assertThat(rig.origin().requests()).hasSize(1);
    }

    @Test
    void fullPoolWithoutPendingRoomIs503() throws Exception {
        try (RawHttpClient slow = RawHttpClient.connect(rig.gateway().port())) {
            slow.write(get("/slow"));
            rig.origin().awaitRequests(1, WAIT);
            RawResponse response = exchange(get("/fast"));
            assertProblem(response, 503);
        }
        assertThat(rig.origin().requests()).extracting(request -> request.path()).containsExactly("/slow");
    }

    @Test
    void upstreamSlowerThanTheResponseTimeoutIs504() throws Exception {
        RawResponse response = exchange(get("/hurried"));
        assertProblem(response, 504);
        assertThat(rig.origin().requests()).extracting(request -> request.path()).containsExactly("/slow");
        rig.origin().awaitOpenConnections(0, WAIT);
    }
}
