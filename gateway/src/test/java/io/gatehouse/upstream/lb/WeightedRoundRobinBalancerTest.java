package io.gatehouse.upstream.lb;

import static io.gatehouse.upstream.lb.Picks.sequence;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.EndpointFixtures;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinBalancerTest {

    private static final long SECOND = 1_000_000_000L;

    private final long[] now = {0};
    private final List<Endpoint> fiveOneOne = List.of(EndpointFixtures.endpoint("a:1", 5),
            EndpointFixtures.endpoint("b:1", 1), EndpointFixtures.endpoint("c:1", 1));

    @Test
    void weightsFiveOneOneGiveTheSmoothSequenceOverAndOver() {
        Picker picker = balancer(Duration.ZERO).prepare(fiveOneOne);
        List<String> smooth = List.of("a:1", "a:1", "b:1", "a:1", "c:1", "a:1", "a:1");
        List<String> picks = sequence(picker, 0, 21);
        assertThat(picks.subList(0, 7)).isEqualTo(smooth);
        assertThat(picks.subList(7, 14)).isEqualTo(smooth);
        assertThat(picks.subList(14, 21)).isEqualTo(smooth);
    }

    @Test
    void equalWeightsTakeTurns() {
        Picker picker = balancer(Duration.ZERO).prepare(EndpointFixtures.endpoints("a:1", "b:1", "c:1"));
        assertThat(sequence(picker, 0, 6)).containsExactly("a:1", "b:1", "c:1", "a:1", "b:1", "c:1");
    }

    @Test
    void eachLoopRunsItsOwnSequence() {
        Picker picker = balancer(Duration.ZERO).prepare(fiveOneOne);
        assertThat(sequence(picker, 0, 3)).containsExactly("a:1", "a:1", "b:1");
        assertThat(sequence(picker, 1, 7)).containsExactly("a:1", "a:1", "b:1", "a:1", "c:1", "a:1", "a:1");
        assertThat(sequence(picker, 0, 4)).containsExactly("a:1", "c:1", "a:1", "a:1");
        assertThat(sequence(picker, 3, 2)).containsExactly("a:1", "a:1");
    }

    @Test
    void currentWeightsSurviveANewPickerForTheSameEndpoints() {
        WeightedRoundRobinBalancer balancer = balancer(Duration.ZERO);
        assertThat(sequence(balancer.prepare(fiveOneOne), 0, 3)).containsExactly("a:1", "a:1", "b:1");
        assertThat(sequence(balancer.prepare(fiveOneOne), 0, 4)).containsExactly("a:1", "c:1", "a:1", "a:1");
    }

    @Test
    void currentWeightsSurviveANewBalancerAfterAReload() {
        assertThat(sequence(balancer(Duration.ZERO).prepare(fiveOneOne), 0, 3))
                .containsExactly("a:1", "a:1", "b:1");
        assertThat(sequence(balancer(Duration.ZERO).prepare(fiveOneOne), 0, 4))
                .containsExactly("a:1", "c:1", "a:1", "a:1");
    }

    @Test
    void aRampingEndpointGetsItsSlowStartShareExactly() {
        List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1", "b:1");
        endpoints.get(1).startRamp(0);
        Picker picker = balancer(Duration.ofSeconds(10)).prepare(endpoints);
        // Factor 0.1 at the start: b weighs 0.1 against a's 1, one pick in eleven.
        assertThat(Collections.frequency(sequence(picker, 0, 1100), "b:1")).isEqualTo(100);
        // Halfway, factor 0.55: 550 picks in 1550.
        now[0] = 5 * SECOND;
        assertThat(Collections.frequency(sequence(picker, 0, 1550), "b:1")).isBetween(549, 551);
        now[0] = 10 * SECOND;
        assertThat(Collections.frequency(sequence(picker, 0, 1000), "b:1")).isBetween(499, 501);
    }

    private WeightedRoundRobinBalancer balancer(Duration slowStart) {
        return new WeightedRoundRobinBalancer(new SlowStart(slowStart, () -> now[0]));
    }
}
