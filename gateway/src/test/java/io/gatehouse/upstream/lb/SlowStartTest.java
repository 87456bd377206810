package io.gatehouse.upstream.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatehouse.internal.NanoClock;
import io.gatehouse.upstream.Endpoint;
import io.gatehouse.upstream.EndpointFixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlowStartTest {

    private static final long SECOND = 1_000_000_000L;
    private final Endpoint endpoint = EndpointFixtures.endpoint("a:1", 4);

    @Test
    void anEndpointThatIsNotRampingGetsItsFullWeight() {
        SlowStart slowStart = new SlowStart(Duration.ofSeconds(10), () -> 0);
        assertThat(slowStart.factor(endpoint, 0)).isEqualTo(1.0);
        assertThat(slowStart.effectiveWeight(endpoint, 0)).isEqualTo(4.0);
    }

    @Test
    void theFactorGrowsLinearlyFromTheFloorToOneOverTheWindow() {
        SlowStart slowStart = new SlowStart(Duration.ofSeconds(10), () -> 0);
        endpoint.startRamp(100 * SECOND);
        assertThat(slowStart.factor(endpoint, 100 * SECOND)).isEqualTo(SlowStart.FLOOR);
        assertThat(slowStart.factor(endpoint, 105 * SECOND)).isCloseTo(0.55, within(1e-9));
        assertThat(slowStart.effectiveWeight(endpoint, 105 * SECOND)).isCloseTo(2.2, within(1e-9));
        assertThat(slowStart.factor(endpoint, 110 * SECOND)).isEqualTo(1.0);
        assertThat(slowStart.factor(endpoint, 500 * SECOND)).isEqualTo(1.0);
    }

    @Test
    void aRampStartingAfterNowStaysAtTheFloor() {
        SlowStart slowStart = new SlowStart(Duration.ofSeconds(10), () -> 0);
        endpoint.startRamp(100 * SECOND);
        assertThat(slowStart.factor(endpoint, 99 * SECOND)).isEqualTo(SlowStart.FLOOR);
    }

    @Test
    void withoutAWindowNothingRampsAndTheClockIsNotRead() {
        NanoClock failing = () -> {
            throw new AssertionError("clock read without a slow-start window");
        };
        SlowStart slowStart = new SlowStart(Duration.ZERO, failing);
        endpoint.startRamp(100 * SECOND);
        long now = slowStart.now();
        assertThat(slowStart.factor(endpoint, now)).isEqualTo(1.0);
    }

    @Test
    void withAWindowEachPickReadsTheClock() {
        long[] now = {42};
        SlowStart slowStart = new SlowStart(Duration.ofSeconds(1), () -> now[0]);
        assertThat(slowStart.now()).isEqualTo(42);
        now[0] = 43;
        assertThat(slowStart.now()).isEqualTo(43);
    }
}
