package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.AdminUpstreams;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.GatewayTraffic;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Active health checks take endpoints out of rotation and back, and live on across reloads. */
@ExtendWith(LeakDetectionExtension.class)
class HealthCheckIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HTTP_CHECK =
            "http: { path: /health, interval: 100ms, timeout: 100ms, healthy: 1, unhealthy: 2, jitter: 0 }";

    private final List<AutoCloseable> resources = new ArrayList<>();
    private TestGateway gateway;
    private AdminUpstreams view;
    private GatewayTraffic traffic;

    @AfterEach
    void tearDown() {
        // The gateway's checkers before the origins they check.
        resources.add(0, traffic);
        resources.add(1, gateway);
        TestResources.closeAll(resources.toArray(AutoCloseable[]::new));
    }

    private TestOrigin origin(String name) {
        TestOrigin origin = TestOrigin.start(name);
        resources.add(origin);
        return origin;
    }

    private void start(String yaml) {
        gateway = TestGateway.start(yaml);
        view = new AdminUpstreams(gateway);
        traffic = new GatewayTraffic(gateway);
    }

    private static String upstream(String name, String check, String... addresses) {
        StringBuilder endpoints = new StringBuilder();
        for (String address : addresses) {
            endpoints.append(endpoints.isEmpty() ? "" : ", ").append("{ address: \"").append(address).append("\" }");
        }
        return "  %s: { endpoints: [ %s ], health-check: { %s } }\n".formatted(name, endpoints, check);
    }

    private static String config(String upstreams, String routes) {
        return config(1, upstreams, routes);
    }

    private static String config(int loops, String upstreams, String routes) {
        return TestGateway.config(loops, "upstreams:\n" + upstreams + "routes:\n" + routes);
    }

    private static String route(String name, String prefix, String upstream) {
        return "  - { name: %s, match: { prefix: %s }, upstream: %s }\n".formatted(name, prefix, upstream);
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 4})
    void anEndpointFailingItsHttpCheckGetsNoTrafficUntilItPassesAgain(int loops) {
        TestOrigin a = origin("a");
        TestOrigin b = origin("b");
        start(config(loops, upstream("app", HTTP_CHECK, a.authority(), b.authority()), route("app", "/app", "app")));
        assertThat(traffic.get("/app/warm", 4)).extracting(RawResponse::status).containsOnly(200);
        assertThat(GatewayTraffic.received(a, "/app/warm")).isEqualTo(2);

        a.on("/health", Behaviour.status(503));
        view.awaitHealth("app", a.authority(), "unhealthy");
        assertThat(view.health("app", b.authority())).isEqualTo("healthy");
        assertThat(view.upstream("app").get("panic").asBoolean()).isFalse();

        List<RawResponse> whileDown = traffic.get("/app/down", 10);
        assertThat(whileDown).extracting(RawResponse::status).containsOnly(200);
        assertThat(whileDown).allSatisfy(response -> assertThat(response.bodyText()).contains("\"origin\":\"b\""));
        assertThat(GatewayTraffic.received(a, "/app/down")).isZero();

        a.on("/health", Behaviour.status(200));
        view.awaitHealth("app", a.authority(), "healthy");
        assertThat(traffic.statuses("/app/up", 4)).containsOnly(200);
        assertThat(GatewayTraffic.received(a, "/app/up")).as("round robin over both again").isEqualTo(2);
        assertThat(GatewayTraffic.received(b, "/app/up")).isEqualTo(2);
    }

    @Test
    void aClosedPortFailsTheTcpCheckAndTrafficGoesToTheOpenOne() {
        TestOrigin open = origin("open");
        TestOrigin closing = origin("closing");
        start(config(upstream("app", "tcp: { interval: 100ms, timeout: 100ms, healthy: 1, unhealthy: 2 }",
                open.authority(), closing.authority()), route("app", "/app", "app")));
        assertThat(view.health("app", closing.authority())).isEqualTo("healthy");

        closing.close();
        view.awaitHealth("app", closing.authority(), "unhealthy");
        assertThat(view.health("app", open.authority())).isEqualTo("healthy");

        List<RawResponse> responses = traffic.get("/app/after", 6);
        assertThat(responses).extracting(RawResponse::status).containsOnly(200);
        assertThat(GatewayTraffic.received(open, "/app/after")).isEqualTo(6);
    }

    @Test
    void aCheckWithoutAnAnswerInTimeFails() {
        TestOrigin silent = origin("silent");
        TestOrigin answering = origin("answering");
        start(config(upstream("app", HTTP_CHECK, silent.authority(), answering.authority()),
                route("app", "/app", "app")));
        silent.on("/health", Behaviour.status(200).delay(Duration.ofSeconds(30)));

        view.awaitHealth("app", silent.authority(), "unhealthy");
        assertThat(traffic.statuses("/app/after", 4)).containsOnly(200);
        assertThat(GatewayTraffic.received(answering, "/app/after")).isEqualTo(4);
    }

    @Test
    void checkersLiveOnAcrossReloadsInsteadOfMultiplying() {
        TestOrigin kept = origin("kept");
        TestOrigin reference = origin("reference");
        String keptUpstream = upstream("kept", HTTP_CHECK, kept.authority());
        start(config(keptUpstream, route("kept", "/kept", "kept")));
        AdminClient admin = new AdminClient(gateway);
        Eventually.await("the first checks of kept", WAIT, () -> healthChecks(kept) >= 2);

        for (int version = 1; version <= 3; version++) {
            reload(admin, config(keptUpstream, route("kept", "/kept", "kept") + route("extra", "/extra" + version,
                    "kept")));
        }
        // The last reload adds an upstream whose single checker, with the same settings, is the yardstick.
        reload(admin, config(keptUpstream + upstream("reference", HTTP_CHECK, reference.authority()),
                route("kept", "/kept", "kept") + route("reference", "/reference", "reference")));

        int keptBefore = healthChecks(kept);
        int referenceBefore = healthChecks(reference);
        Eventually.await("20 checks of the reference", WAIT, () -> healthChecks(reference) >= referenceBefore + 20);
        int keptChecks = healthChecks(kept) - keptBefore;
        int referenceChecks = healthChecks(reference) - referenceBefore;
        // One checker each at the same interval: about as many checks. Four reloads that each left a checker
        // behind would have made it about five times as many.
        assertThat(keptChecks).as("checks of kept while reference had %d", referenceChecks)
                .isBetween(referenceChecks - 5, referenceChecks + 5);
        assertThat(traffic.get("/kept/after").status()).isEqualTo(200);
    }

    private static int healthChecks(TestOrigin origin) {
        return GatewayTraffic.received(origin, "/health");
    }

    private void reload(AdminClient admin, String yaml) {
        gateway.rewriteConfig(yaml);
        HttpResponse<String> reload = admin.post("/admin/reload");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    }
}
