package io.gatehouse.upstream.lb;

import static io.gatehouse.upstream.lb.Picks.pick;
import static io.gatehouse.upstream.lb.Picks.sequence;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.EndpointFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinBalancerTest {

    private final List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1", "b:1", "c:1");

    @Test
    void eachLoopCyclesThroughEveryEndpointInOrder() {
        Picker picker = new RoundRobinBalancer(1).prepare(endpoints);
        assertThat(sequence(picker, 0, 7)).containsExactly("a:1", "b:1", "c:1", "a:1", "b:1", "c:1", "a:1");
    }

    @Test
    void loopsStartAtDifferentEndpointsAndKeepTheirOwnCursor() {
        Picker picker = new RoundRobinBalancer(4).prepare(endpoints);
        assertThat(pick(picker, 0)).isEqualTo("a:1");
        assertThat(pick(picker, 1)).isEqualTo("b:1");
        assertThat(pick(picker, 3)).isEqualTo("a:1");
        assertThat(pick(picker, 0)).isEqualTo("b:1");
    }

    @Test
    void aShrunkEndpointListNeverIndexesPastItsEnd() {
        RoundRobinBalancer balancer = new RoundRobinBalancer(1);
        Picker three = balancer.prepare(endpoints);
        pick(three, 0);
        pick(three, 0);
        Picker one = balancer.prepare(endpoints.subList(0, 1));
        assertThat(pick(one, 0)).isEqualTo("a:1");
        assertThat(pick(one, 0)).isEqualTo("a:1");
    }
}
