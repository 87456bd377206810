package io.gatehouse.upstream.lb;

import static io.gatehouse.upstream.lb.Picks.MANY;
import static io.gatehouse.upstream.lb.Picks.tally;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.EndpointFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bounds: over 100,000 picks a share p has a standard deviation of at most 160 picks (p = 0.5), so every bound
 * below is at least 6 deviations wide; a seeded generator makes each run the same anyway.
 */
class RandomBalancerTest {

    private static final long SECOND = 1_000_000_000L;

    private final long[] now = {0};

    @Test
    void picksInProportionToWeight() {
        List<Endpoint> endpoints = List.of(EndpointFixtures.endpoint("a:1", 1), EndpointFixtures.endpoint("b:1", 2),
                EndpointFixtures.endpoint("c:1", 7));
        Map<String, Integer> counts = tally(balancer(Duration.ZERO, 1).prepare(endpoints), endpoints, MANY);
        assertThat(counts.get("a:1")).isBetween(9_000, 11_000);
        assertThat(counts.get("b:1")).isBetween(19_000, 21_000);
        assertThat(counts.get("c:1")).isBetween(69_000, 71_000);
    }

    @Test
    void equalWeightsSpreadEvenly() {
        List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1", "b:1", "c:1", "d:1");
        Map<String, Integer> counts = tally(balancer(Duration.ZERO, 2).prepare(endpoints), endpoints, MANY);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(24_000, 26_000));
    }

    @Test
    void aNewEndpointsShareGrowsOverTheSlowStartWindow() {
        List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1", "b:1");
        endpoints.get(1).startRamp(0);
        Picker picker = balancer(Duration.ofSeconds(10), 3).prepare(endpoints);
        // b's share is f / (1 + f) for its factor f: 0.1 at once (9.1%), 0.55 halfway (35.5%), 1 at the end (50%).
        assertThat(tally(picker, endpoints, MANY).get("b:1")).isBetween(8_100, 10_100);
        now[0] = 5 * SECOND;
        assertThat(tally(picker, endpoints, MANY).get("b:1")).isBetween(34_500, 36_500);
        now[0] = 10 * SECOND;
        assertThat(tally(picker, endpoints, MANY).get("b:1")).isBetween(49_000, 51_000);
    }

    @Test
    void aSingleEndpointIsAlwaysPicked() {
        List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1");
        assertThat(tally(balancer(Duration.ZERO, 4).prepare(endpoints), endpoints, 10)).containsEntry("a:1", 10);
    }

    private RandomBalancer balancer(Duration slowStart, long seed) {
        return new RandomBalancer(new SlowStart(slowStart, () -> now[0]), Picks.seeded(seed));
    }
}
