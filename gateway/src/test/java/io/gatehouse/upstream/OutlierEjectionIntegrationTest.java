package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.AdminUpstreams;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.GatewayTraffic;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Passive outlier detection on real traffic: ejection, its end, and the cap on how many are ejected. */
@ExtendWith(LeakDetectionExtension.class)
class OutlierEjectionIntegrationTest {

    private final List<TestOrigin> origins = new ArrayList<>();
    private TestGateway gateway;
    private AdminUpstreams view;
    private GatewayTraffic traffic;

    @AfterEach
    void tearDown() {
        List<AutoCloseable> all = new ArrayList<>(List.of(traffic, gateway));
        all.addAll(origins);
        TestResources.closeAll(all.toArray(AutoCloseable[]::new));
    }

    private TestOrigin origin(String name) {
        TestOrigin origin = TestOrigin.start(name);
        origins.add(origin);
        return origin;
    }

    private void start(String outlier, TestOrigin... endpoints) {
        start(1, outlier, endpoints);
    }

    private void start(int loops, String outlier, TestOrigin... endpoints) {
        String list = java.util.Arrays.stream(endpoints).map(o -> "{ address: \"" + o.authority() + "\" }")
                .collect(Collectors.joining(", "));
        gateway = TestGateway.start(TestGateway.config(loops, """
                upstreams:
                  app: { endpoints: [ %s ], outlier-detection: { %s } }
                routes:
                  - { name: app, match: { prefix: /app }, upstream: app }
                """.formatted(list, outlier)));
        view = new AdminUpstreams(gateway);
        traffic = new GatewayTraffic(gateway);
    }

    @ParameterizedTest(name = "{0} event loop(s)")
    @ValueSource(ints = {1, 4})
    void anEndpointAnswering500IsEjectedGetsNoTrafficAndReturnsByItselfWhenItsTimeIsUp(int loops) {
        TestOrigin failing = origin("failing");
        TestOrigin good = origin("good");
        failing.on("/app/fail", Behaviour.status(500));
        // Long enough that ten requests on loopback surely fit into it, which the view confirms afterwards.
        start(loops, "consecutive-errors: 3, base-ejection: 2s", failing, good);

        // Round robin: every other request reaches the failing endpoint, the third of them ejects it.
        assertThat(traffic.repeat("/app/fail", 6)).containsExactlyInAnyOrder(500, 500, 500, 200, 200, 200);
        view.awaitHealth("app", failing.authority(), "ejected");
        JsonNode ejected = view.endpoint("app", failing.authority());
        assertThat(ejected.get("ejections").asInt()).isEqualTo(1);
        assertThat(ejected.get("ejected_for_ms").asLong()).isPositive();
        assertThat(view.upstream("app").get("counters").get("ejections").asLong()).isEqualTo(1);

        int before = GatewayTraffic.received(failing, "/app");
        List<Integer> whileEjected = traffic.repeat("/app/fail", 10);
        assertThat(view.health("app", failing.authority())).as("still ejected after the requests").isEqualTo(
                "ejected");
        assertThat(whileEjected).containsOnly(200);
        assertThat(GatewayTraffic.received(failing, "/app")).isEqualTo(before);

        // Nothing reaches it, so only the end of its ejection brings it back.
        view.awaitHealth("app", failing.authority(), "healthy");
        assertThat(traffic.statuses("/app/back", 4)).containsOnly(200);
        assertThat(GatewayTraffic.received(failing, "/app/back")).isEqualTo(2);
        assertThat(view.endpoint("app", failing.authority()).get("ejections").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "max-ejected {0}")
    @ValueSource(strings = {"34%", "0%"})
    void noMoreThanTheAllowedShareIsEjectedButOneAlwaysMayBe(String maxEjected) {
        TestOrigin first = origin("first");
        TestOrigin second = origin("second");
        TestOrigin good = origin("good");
        first.on("/app/fail", Behaviour.status(500));
        second.on("/app/fail", Behaviour.status(500));
        start("consecutive-errors: 3, base-ejection: 5m, max-ejected: " + maxEjected, first, second, good);

        // Enough for each failing endpoint to fail three times in a row, twice over.
        traffic.repeat("/app/fail", 18);
        view.await("one endpoint ejected", upstreams -> ejectedAmong(upstreams) == 1);
        int receivedByBoth = GatewayTraffic.received(first, "/app") + GatewayTraffic.received(second, "/app");
        List<Integer> more = traffic.repeat("/app/fail", 12);

        assertThat(ejectedAmong(view.all())).as("ejected of 3 with max-ejected " + maxEjected).isEqualTo(1);
        assertThat(view.upstream("app").get("counters").get("ejections").asLong()).isEqualTo(1);
        // The one failing endpoint left in rotation keeps getting (and failing) its share.
        assertThat(more).filteredOn(status -> status == 500).hasSize(6);
        assertThat(GatewayTraffic.received(first, "/app") + GatewayTraffic.received(second, "/app"))
                .isEqualTo(receivedByBoth + 6);
    }

    private static int ejectedAmong(JsonNode upstreams) {
        int ejected = 0;
        for (JsonNode endpoint : AdminUpstreams.find(upstreams, "app").get("endpoints")) {
            ejected += endpoint.get("health").asText().equals("ejected") ? 1 : 0;
        }
        return ejected;
    }
}
