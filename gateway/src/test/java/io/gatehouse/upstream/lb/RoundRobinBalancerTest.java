package io.gatehouse.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.EndpointFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinBalancerTest {

    private final List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1", "b:1", "c:1");

    @Test
    void eachLoopCyclesThroughEveryEndpointInOrder() {
        RoundRobinBalancer balancer = new RoundRobinBalancer(1);
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picks.add(balancer.pick(0, endpoints).authority());
        }
        assertThat(picks).containsExactly("a:1", "b:1", "c:1", "a:1", "b:1", "c:1", "a:1");
    }

    @Test
    void loopsStartAtDifferentEndpointsAndKeepTheirOwnCursor() {
        RoundRobinBalancer balancer = new RoundRobinBalancer(4);
        assertThat(balancer.pick(0, endpoints).authority()).isEqualTo("a:1");
        assertThat(balancer.pick(1, endpoints).authority()).isEqualTo("b:1");
        assertThat(balancer.pick(3, endpoints).authority()).isEqualTo("a:1");
        assertThat(balancer.pick(0, endpoints).authority()).isEqualTo("b:1");
    }

    @Test
    void aShrunkEndpointListNeverIndexesPastItsEnd() {
        RoundRobinBalancer balancer = new RoundRobinBalancer(1);
        balancer.pick(0, endpoints);
        balancer.pick(0, endpoints);
        List<Endpoint> one = endpoints.subList(0, 1);
        assertThat(balancer.pick(0, one).authority()).isEqualTo("a:1");
        assertThat(balancer.pick(0, one).authority()).isEqualTo("a:1");
    }
}
