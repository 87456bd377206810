package io.gatehouse.upstream.lb;

import static io.gatehouse.upstream.EndpointFixtures.active;
import static io.gatehouse.upstream.lb.Picks.MANY;
import static io.gatehouse.upstream.lb.Picks.tally;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.EndpointFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tie bounds: a share of 1/4 or 1/2 over 100,000 picks has a deviation under 160 picks; bounds are 6 or more. */
class LeastConnectionsBalancerTest {

    private static final long SECOND = 1_000_000_000L;

    private final long[] now = {0};
    private final List<Endpoint> endpoints = EndpointFixtures.endpoints("a:1", "b:1", "c:1", "d:1");

    @Test
    void idleEndpointsShareEvenly() {
        Map<String, Integer> counts = tally(balancer(Duration.ZERO).prepare(endpoints), endpoints, MANY);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(24_000, 26_000));
    }

    @Test
    void onlyTheLeastLoadedShareTiesAndEachIsEquallyLikely() {
        active(endpoints.get(0), 3);
        active(endpoints.get(2), 5);
        Map<String, Integer> counts = tally(balancer(Duration.ZERO).prepare(endpoints), endpoints, MANY);
        assertThat(counts.get("a:1")).isZero();
        assertThat(counts.get("c:1")).isZero();
        assertThat(counts.get("b:1")).isBetween(49_000, 51_000);
        assertThat(counts.get("d:1")).isBetween(49_000, 51_000);
    }

    @Test
    void theLeastLoadedEndpointAlwaysWins() {
        active(endpoints.get(0), 4);
        active(endpoints.get(1), 2);
        active(endpoints.get(2), 1);
        active(endpoints.get(3), 3);
        Map<String, Integer> counts = tally(balancer(Duration.ZERO).prepare(endpoints), endpoints, 1_000);
        assertThat(counts).containsEntry("c:1", 1_000);
    }

    @Test
    void loadIsMeasuredPerUnitOfWeight() {
        List<Endpoint> weighted = List.of(EndpointFixtures.endpoint("a:1", 4), EndpointFixtures.endpoint("b:1", 1));
        active(weighted.get(0), 6);
        active(weighted.get(1), 2);
        // a: 6 / 4 = 1.5 in flight per unit of weight, b: 2.
        assertThat(tally(balancer(Duration.ZERO).prepare(weighted), weighted, 1_000)).containsEntry("a:1", 1_000);
    }

    @Test
    void followingTheRequestsItStartsItSpreadsThemInProportionToWeight() {
        List<Endpoint> weighted = List.of(EndpointFixtures.endpoint("a:1", 3), EndpointFixtures.endpoint("b:1", 1));
        Picker picker = balancer(Duration.ZERO).prepare(weighted);
        for (int i = 0; i < 400; i++) {
            picker.pick(new PickRequest(0, null, null, 0)).requestStarted();
        }
        assertThat(weighted.get(0).active()).isEqualTo(300);
        assertThat(weighted.get(1).active()).isEqualTo(100);
    }

    @Test
    void aRampingEndpointCountsItsLoadAgainstItsReducedWeight() {
        Endpoint ramping = endpoints.get(3);
        ramping.startRamp(0);
        endpoints.forEach(e -> active(e, 2));
        active(ramping, 1);
        Picker picker = balancer(Duration.ofSeconds(10)).prepare(endpoints);
        // At factor 0.1 its one request weighs 10, more than the others' 2.
        assertThat(tally(picker, endpoints, 1_000).get("d:1")).isZero();
        now[0] = 10 * SECOND;
        assertThat(tally(picker, endpoints, 1_000)).containsEntry("d:1", 1_000);
    }

    private LeastConnectionsBalancer balancer(Duration slowStart) {
        return new LeastConnectionsBalancer(new SlowStart(slowStart, () -> now[0]), Picks.seeded(7));
    }
}
