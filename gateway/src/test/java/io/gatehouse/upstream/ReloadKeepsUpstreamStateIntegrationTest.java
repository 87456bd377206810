package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.AdminUpstreams;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.GatewayTraffic;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A reload that leaves an upstream's settings alone leaves its state alone: an open breaker stays open, an
 * ejected endpoint stays ejected, pooled connections keep serving, a weighted round robin goes on where it was.
 */
@ExtendWith(LeakDetectionExtension.class)
class ReloadKeepsUpstreamStateIntegrationTest {

    private TestOrigin guarded;
    private TestOrigin a;
    private TestOrigin b;
    private int loops;
    private TestGateway gateway;
    private AdminClient admin;
    private AdminUpstreams view;
    private GatewayTraffic traffic;

    @BeforeEach
    void startOrigins() {
        guarded = TestOrigin.start("guarded").on("/guarded/fail", Behaviour.status(500));
        a = TestOrigin.start("a").on("/app/fail", Behaviour.status(500));
        b = TestOrigin.start("b");
    }

    private void start(int loops) {
        this.loops = loops;
        gateway = TestGateway.start(config("/extra/1"));
        admin = new AdminClient(gateway);
        view = new AdminUpstreams(gateway);
        traffic = new GatewayTraffic(gateway);
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(traffic, gateway, guarded, a, b);
    }

    /** Versions differ only in the path of a route that no test request uses. */
    private String config(String extraPath) {
        return TestGateway.config(loops, """
                upstreams:
                  guarded:
                    endpoints: [ { address: "%s" } ]
                    circuit-breaker: { window: 1m, min-requests: 2, error-rate: 50%%, open-for: 5m }
                  app:
                    endpoints: [ { address: "%s" }, { address: "%s" } ]
                    outlier-detection: { consecutive-errors: 1, base-ejection: 5m }
                  weighted:
                    balancer: weighted-round-robin
                    endpoints: [ { address: "%s", weight: 5 }, { address: "%s" }, { address: "%s" } ]
                routes:
                  - { name: guarded, match: { prefix: /guarded }, upstream: guarded }
                  - { name: app, match: { prefix: /app }, upstream: app }
                  - { name: weighted, match: { prefix: /weighted }, upstream: weighted }
                  - { name: extra, match: { prefix: %s }, upstream: app }
                """.formatted(guarded.authority(), a.authority(), b.authority(), a.authority(), b.authority(),
                guarded.authority(), extraPath));
    }

    private void reload(String extraPath) {
        gateway.rewriteConfig(config(extraPath));
        HttpResponse<String> reload = admin.post("/admin/reload");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        assertThat(gateway.gateway().config().routes().get(3).match().prefix()).isEqualTo(extraPath);
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 4})
    void smoothWeightedRoundRobinGoesOnWithItsSequenceAcrossAReload(int loops) {
        start(loops);
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            served.add(originOf(traffic.get("/weighted/" + i)));
        }
        reload("/extra/2");
        for (int i = 3; i < 7; i++) {
            served.add(originOf(traffic.get("/weighted/" + i)));
        }
        // Weights 5, 1, 1 interleave as a a b a c a a; a balancer that restarted would answer a a b | a a b a.
        assertThat(served).containsExactly("a", "a", "b", "a", "guarded", "a", "a");
    }

    /** The name of the origin that echoed the response. */
    private static String originOf(RawResponse response) {
        assertThat(response.status()).isEqualTo(200);
        Matcher origin = Pattern.compile("\"origin\":\"([^\"]+)\"").matcher(response.bodyText());
        assertThat(origin.find()).as(response.bodyText()).isTrue();
        return origin.group(1);
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 4})
    void anOpenBreakerAnEjectedEndpointAndPooledConnectionsSurviveAnUnrelatedReload(int loops) {
        start(loops);
        assertThat(traffic.statuses("/app/warm", 2)).containsOnly(200);
        assertThat(traffic.repeat("/guarded/fail", 2)).containsOnly(500);
        view.await("guarded's breaker open", upstreams ->
                AdminUpstreams.find(upstreams, "guarded").get("breaker").get("state").asText().equals("open"));
        // Round robin: one of the next two requests is a's, which ejects it at its first error.
        for (int i = 0; i < 2 && !view.health("app", a.authority()).equals("ejected"); i++) {
            traffic.get("/app/fail");
        }
        view.awaitHealth("app", a.authority(), "ejected");
        int guardedRequests = guarded.requests().size();
        int aRequests = a.requests().size();

        reload("/extra/2");

        JsonNode breaker = view.upstream("guarded").get("breaker");
        assertThat(breaker.get("state").asText()).isEqualTo("open");
        assertThat(breaker.get("times_opened").asLong()).isEqualTo(1);
        RawResponse refused = traffic.get("/guarded/after");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.bodyText()).contains("circuit breaker is open");
        assertThat(guarded.requests()).hasSize(guardedRequests);

        JsonNode ejected = view.endpoint("app", a.authority());
        assertThat(ejected.get("health").asText()).isEqualTo("ejected");
        assertThat(ejected.get("ejections").asInt()).isEqualTo(1);
        assertThat(traffic.statuses("/app/after", 4)).containsOnly(200);
        assertThat(a.requests()).hasSize(aRequests);
        assertThat(GatewayTraffic.received(b, "/app/after")).isEqualTo(4);

        assertThat(guarded.connectionsAccepted()).as("guarded's pooled connection").isEqualTo(1);
        assertThat(b.connectionsAccepted()).as("b's pooled connection").isEqualTo(1);
        assertThat(b.openConnections()).isEqualTo(1);
    }
}
