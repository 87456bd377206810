package io.gatehouse.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.DiscoveryConfig;
import io.gatehouse.config.LimitsConfig;
import io.gatehouse.config.PoolConfig;
import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.EndpointFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancersTest {

    private static final Map<String, Class<?>> KINDS = Map.of(
            "random", RandomBalancer.class,
            "round-robin", RoundRobinBalancer.class,
            "weighted-round-robin", WeightedRoundRobinBalancer.class,
            "least-connections", LeastConnectionsBalancer.class,
            "least-latency", LeastLatencyBalancer.class,
            "consistent-hash", ConsistentHashBalancer.class);

    @Test
    void everyConfigurableNameBuildsItsBalancerAndItPicksACandidate() {
        assertThat(KINDS.keySet()).containsExactlyInAnyOrderElementsOf(UpstreamConfig.BALANCERS);
        List<Endpoint> candidates = EndpointFixtures.endpoints("a:1", "b:1", "c:1");
        for (String name : UpstreamConfig.BALANCERS) {
            Balancer balancer = create(name);
            assertThat(balancer).as(name).isInstanceOf(KINDS.get(name));
            Endpoint picked = balancer.prepare(candidates).pick(new PickRequest(1, "key", null, 0));
            assertThat(candidates).as(name).contains(picked);
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> create("fastest"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"fastest\"")
                .hasMessageContaining("least-latency");
    }

    private static Balancer create(String name) {
        UpstreamConfig config = new UpstreamConfig("users", name, null, Duration.ofSeconds(30),
                new DiscoveryConfig.Static(List.of()), null, null, null, new LimitsConfig(10, 10, 10),
                new PoolConfig(Duration.ofSeconds(60)), 0.5);
        return Balancers.create(config, EndpointFixtures.LOOPS, NanoClock.SYSTEM, Picks.seeded(1));
    }
}
