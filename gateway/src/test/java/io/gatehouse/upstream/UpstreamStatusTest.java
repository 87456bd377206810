package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.TestResources;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.transport.Transport;
import io.gatehouse.upstream.health.EndpointHealth.Status;
import io.gatehouse.upstream.lb.PickRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status an upstream reports for an endpoint is the one its routing goes by, never one it has yet to apply. */
class UpstreamStatusTest {

    private final EventLoops loops = new EventLoops(Transport.NIO, 1);
    private UpstreamRegistry registry;
    private Upstream upstream;
    private Endpoint first;
    private Endpoint second;

    @BeforeEach
    void start() {
        registry = TestUpstreams.registry(loops);
        String yaml = """
                upstreams:
                  app: { endpoints: [ { address: "127.0.0.1:1" }, { address: "127.0.0.1:2" } ] }
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

    @Test
    void aVerdictShowsOnceRoutingHasAppliedIt() {
        first.health().checkFailing(true);
        assertThat(upstream.status(first)).as("not applied yet").isEqualTo(Status.HEALTHY);
        assertThat(picks()).containsExactlyInAnyOrder(first, second);

        upstream.refresh();
        assertThat(upstream.status(first)).isEqualTo(Status.UNHEALTHY);
        assertThat(upstream.status(second)).isEqualTo(Status.HEALTHY);
        assertThat(picks()).containsExactly(second);

        first.health().checkFailing(false);
        assertThat(upstream.status(first)).isEqualTo(Status.UNHEALTHY);
        upstream.refresh();
        assertThat(upstream.status(first)).isEqualTo(Status.HEALTHY);
        assertThat(picks()).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void endpointsAndTheirStatusesComeFromTheSameRefresh() {
        upstream.endpoints(List.of(second));
        assertThat(upstream.endpoints()).as("not applied yet").containsExactly(first, second);
        upstream.refresh();
        assertThat(upstream.endpoints()).containsExactly(second);
        assertThat(picks()).containsExactly(second);
    }

    private Set<Endpoint> picks() {
        Set<Endpoint> picked = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            picked.add(upstream.pick(new PickRequest(0, null, null, 0)));
        }
        return picked;
    }
}
