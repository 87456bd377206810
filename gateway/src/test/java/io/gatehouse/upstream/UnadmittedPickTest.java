package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.TestResources;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pick for traffic that is not the upstream's own goes by the balancer (each event loop's own cursor) and by
 * health, and takes, counts and reports nothing: no active-request slot, no endpoint activity, no refusal, even with
 * the upstream at its {@code max-active}.
 */
class UnadmittedPickTest {

    private final EventLoops loops = new EventLoops(Transport.NIO, 2);
    private UpstreamRegistry registry;
    private Upstream upstream;
    private Endpoint first;
    private Endpoint second;

    @BeforeEach
    void start() {
        registry = TestUpstreams.registry(loops);
        String yaml = """
                upstreams:
                  app:
                    balancer: round-robin
                    endpoints: [ { address: "127.0.0.1:1" }, { address: "127.0.0.1:2" } ]
                    limits: { max-active: 1 }
                    circuit-breaker: {}
                """;
        upstream = TestUpstreams.apply(registry, yaml, "app");
        first = upstream.endpoints().get(0);
        second = upstream.endpoints().get(1);
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(registry::retireAll,
                () -> loops.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    }

    private List<Endpoint> picks(int loopIndex, int count) {
        List<Endpoint> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(upstream.pickUnadmitted(loopIndex));
        }
        return picked;
    }

    @Test
    void picksRoundRobinOnTheLoopsOwnCursorAndTakesNothing() {
        // Each loop's cursor starts at its own index.
        assertThat(picks(0, 3)).containsExactly(first, second, first);
        assertThat(picks(1, 2)).as("the other loop's cursor has not moved").containsExactly(second, first);
        assertThat(picks(0, 1)).containsExactly(second);

        assertThat(upstream.limits().active()).isZero();
        assertThat(first.active()).isZero();
        assertThat(second.active()).isZero();
        for (Refusal refusal : Refusal.values()) {
            assertThat(upstream.refusals(refusal)).as(refusal.name()).isZero();
        }
    }

    @Test
    void anUpstreamAtItsMaxActiveStillOffersAnEndpointAndCountsNoRefusal() {
        UpstreamTry own = upstream.startTry();
        assertThat(own.refusal()).isNull();
        assertThat(upstream.limits().active()).isEqualTo(1);

        assertThat(picks(0, 2)).containsExactlyInAnyOrder(first, second);

        assertThat(upstream.limits().active()).isEqualTo(1);
        assertThat(upstream.refusals(Refusal.MAX_ACTIVE)).isZero();
        own.finish();
        assertThat(upstream.limits().active()).isZero();
    }

    @Test
    void anEndpointOutOfRotationIsNotPicked() {
        first.health().checkFailing(true);
        upstream.refresh();

        assertThat(picks(0, 4)).containsOnly(second);
    }
}
