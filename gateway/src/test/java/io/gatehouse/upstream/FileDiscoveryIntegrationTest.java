package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.DiscoveryConfig;
import io.gatehouse.testing.AdminUpstreams;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.CapturedLogs;
import io.gatehouse.testing.EndpointsFileWriter;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.GatewayTraffic;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Endpoints from a file beside the config: changes move traffic, keep what stays (connections, exchanges in
 * flight) and let what goes finish; a bad file changes nothing.
 */
@ExtendWith(LeakDetectionExtension.class)
class FileDiscoveryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestOrigin a;
    private TestOrigin b;
    private TestOrigin c;
    private TestGateway gateway;
    private AdminUpstreams view;
    private GatewayTraffic traffic;
    private EndpointsFileWriter file;

    @BeforeEach
    void startOrigins() {
        a = TestOrigin.start("a");
        b = TestOrigin.start("b");
        c = TestOrigin.start("c");
    }

    /** Starts the gateway with one event loop; the endpoints file does not exist yet. */
    private void start(String upstreamSettings) {
        start(1, upstreamSettings);
    }

    private void start(int loops, String upstreamSettings) {
        gateway = TestGateway.start(TestGateway.config(loops, """
                upstreams:
                  app: { discovery: { file: endpoints.yaml }%s }
                routes:
                  - { name: app, match: { prefix: /app }, upstream: app }
                """.formatted(upstreamSettings)));
        view = new AdminUpstreams(gateway);
        traffic = new GatewayTraffic(gateway);
        Path path = ((DiscoveryConfig.File) gateway.gateway().config().upstreams().get("app").discovery()).path();
        file = new EndpointsFileWriter(path);
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(traffic, gateway, a, b, c);
    }

    @Test
    void theFileIsReadBesideTheConfigOnceItAppears() {
        start("");
        assertThat(file.file().getFileName()).hasToString("endpoints.yaml");
        assertThat(Files.exists(file.file().resolveSibling("gatehouse.yaml"))).as("the config file beside it")
                .isTrue();
        assertThat(view.addresses("app")).isEmpty();
        assertThat(traffic.get("/app/before").status()).isEqualTo(503);

        file.write(a.authority());
        view.awaitAddresses("app", List.of(a.authority()));
        assertThat(traffic.get("/app/after").status()).isEqualTo(200);
        assertThat(GatewayTraffic.received(a, "/app/after")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 4})
    void rewritingTheFileMovesTrafficAndKeepsTheConnectionsOfEndpointsThatStay(int loops) {
        start(loops, "");
        file.write(a.authority(), b.authority());
        view.awaitAddresses("app", List.of(a.authority(), b.authority()));
        assertThat(traffic.statuses("/app/warm", 4)).containsOnly(200);
        assertThat(a.connectionsAccepted()).isEqualTo(1);

        file.write(a.authority(), c.authority());
        view.awaitAddresses("app", List.of(a.authority(), c.authority()));
        b.awaitOpenConnections(0, WAIT);

        assertThat(traffic.statuses("/app/moved", 6)).containsOnly(200);
        assertThat(GatewayTraffic.received(a, "/app/moved")).isEqualTo(3);
        assertThat(GatewayTraffic.received(c, "/app/moved")).isEqualTo(3);
        assertThat(GatewayTraffic.received(b, "/app/moved")).isZero();
        assertThat(a.connectionsAccepted()).as("a's pooled connection served on").isEqualTo(1);
        assertThat(a.openConnections()).isEqualTo(1);
    }

    @Test
    void exchangesInFlightFinishOnEndpointsThatStayAndOnEndpointsThatGo() throws Exception {
        start("");
        CompletableFuture<Void> release = new CompletableFuture<>();
        for (TestOrigin origin : List.of(a, b)) {
            origin.on("/app/long", Behaviour.status(200).chunks(List.of(origin.name() + "-start,", origin.name()
                    + "-end"), Duration.ZERO).holdChunksAfterFirstUntil(release));
        }
        file.write(a.authority(), b.authority());
        view.awaitAddresses("app", List.of(a.authority(), b.authority()));
        assertThat(traffic.statuses("/app/warm", 2)).containsOnly(200);

        try (RawHttpClient first = RawHttpClient.connect(gateway.port());
             RawHttpClient second = RawHttpClient.connect(gateway.port())) {
            // Round robin sends one to each.
            first.write("GET /app/long HTTP/1.1\r\nHost: x\r\n\r\n");
            second.write("GET /app/long HTTP/1.1\r\nHost: x\r\n\r\n");
            a.awaitRequests(2, WAIT);
            b.awaitRequests(2, WAIT);

            file.write(a.authority(), c.authority());
            view.awaitAddresses("app", List.of(a.authority(), c.authority()));
            assertThat(b.openConnections()).as("b's connection stays for its exchange").isEqualTo(1);

            release.complete(null);
            RawResponse one = first.readResponse();
            RawResponse other = second.readResponse();
            assertThat(List.of(one.status(), other.status())).containsOnly(200);
            assertThat(List.of(one.bodyText(), other.bodyText())).containsExactlyInAnyOrder("a-start,a-end",
                    "b-start,b-end");
        }
        b.awaitOpenConnections(0, WAIT);
        assertThat(traffic.statuses("/app/after", 4)).containsOnly(200);
        assertThat(GatewayTraffic.received(b, "/app/after")).isZero();
        assertThat(a.connectionsAccepted()).as("a's one pooled connection served throughout").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "endpoints: [ { address: no-port } ]",
            "endpoints: []",
            "endpoints: [ { address: \"no-such-host.invalid:80\" } ]",
            "{ not yaml"})
    void anInvalidRewriteKeepsTheLastGoodList(String content) {
        start("");
        file.write(a.authority());
        view.awaitAddresses("app", List.of(a.authority()));
        try (CapturedLogs logs = new CapturedLogs("io.gatehouse.upstream.discovery.FileSource")) {
            long before = logs.count("the last good list keeps serving");
            file.writeRaw(content);
            logs.awaitMore("the last good list keeps serving", before, WAIT);
        }
        assertThat(view.addresses("app")).containsExactly(a.authority());
        assertThat(traffic.statuses("/app/still", 2)).containsOnly(200);
        assertThat(GatewayTraffic.received(a, "/app/still")).isEqualTo(2);
    }

    @Test
    void endpointsThatComeAreCheckedAndEndpointsThatGoAreNoLongerChecked() {
        start(", health-check: { http: { path: /health, interval: 100ms, timeout: 100ms, healthy: 1, unhealthy: 1,"
                + " jitter: 0 } }");
        file.write(a.authority(), b.authority());
        view.awaitAddresses("app", List.of(a.authority(), b.authority()));
        Eventually.await("checks of b", WAIT, () -> healthChecks(b) >= 2);

        c.on("/health", Behaviour.status(503));
        file.write(a.authority(), c.authority());
        view.awaitHealth("app", c.authority(), "unhealthy");
        int bChecks = healthChecks(b);
        int aChecks = healthChecks(a);
        Eventually.await("ten more checks of a", WAIT, () -> healthChecks(a) >= aChecks + 10);
        assertThat(healthChecks(b)).as("at most the check in flight when b went").isLessThanOrEqualTo(bChecks + 1);

        assertThat(traffic.statuses("/app/checked", 4)).containsOnly(200);
        assertThat(GatewayTraffic.received(a, "/app/checked")).isEqualTo(4);
    }

    private static int healthChecks(TestOrigin origin) {
        return GatewayTraffic.received(origin, "/health");
    }
}
