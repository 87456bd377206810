package io.gatehouse.ratelimit.local;

import static io.gatehouse.ratelimit.local.TestLimiters.MS;
import static io.gatehouse.ratelimit.local.TestLimiters.SECOND;
import static io.gatehouse.ratelimit.local.TestLimiters.allowed;
import static io.gatehouse.ratelimit.local.TestLimiters.decide;
import static io.gatehouse.ratelimit.local.TestLimiters.local;
import static io.gatehouse.ratelimit.local.TestLimiters.rejected;
import static io.gatehouse.ratelimit.local.TestLimiters.slidingWindow;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlidingWindowCounterTest {

    private final ManualClock clock = new ManualClock(10 * SECOND);
    /** 10 in any second, estimated from aligned seconds. */
    private final LocalRateLimiter limiter = new LocalRateLimiter(local("sliding",
            slidingWindow(10, Duration.ofSeconds(1))), clock);

    @Test
    void thePreviousWindowWeighsFullyAtItsEndAndFadesAcrossTheNext() {
        assertThat(admitted(20)).isEqualTo(10);
        // Ten more fit once the ten of this window weigh 9 or less: 100 ms into the next one.
        assertThat(decide(limiter, "k")).isEqualTo(rejected(10, 0, 2 * SECOND, 1_100 * MS));

        clock.set(11 * SECOND);
        assertThat(decide(limiter, "k")).as("first nanosecond of the next window")
                .isEqualTo(rejected(10, 0, SECOND, 100 * MS));

        clock.set(11 * SECOND + 500 * MS);
        assertThat(admitted(5)).as("half of the previous ten still count").isEqualTo(5);
        assertThat(decide(limiter, "k")).isEqualTo(rejected(10, 0, 1_500 * MS, 100 * MS));

        clock.set(12 * SECOND - 1);
        assertThat(decide(limiter, "k")).as("a sliver of the previous ten counts as one")
                .isEqualTo(allowed(10, 3, SECOND + 1));
        assertThat(admitted(10)).isEqualTo(3);

        clock.set(12 * SECOND);
        assertThat(decide(limiter, "k")).as("the nine of the window before now weigh fully")
                .isEqualTo(allowed(10, 0, 2 * SECOND));
    }

    @Test
    void countsFromTwoWindowsBackAreForgotten() {
        assertThat(admitted(10)).isEqualTo(10);
        clock.set(12 * SECOND);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(10, 9, 2 * SECOND));
    }

    @Test
    void waitsForTheNextWindowWhenThisOneAloneIsOverTheLimit() {
        limiter.charge("k", 12);
        // The twelve of this window must weigh 9 or less: 250 ms into the next one.
        assertThat(decide(limiter, "k")).isEqualTo(rejected(10, 0, 2 * SECOND, 1_250 * MS));
        assertThat(decide(limiter, "k", 11)).isEqualTo(rejected(10, 0, 2 * SECOND, Counter.NEVER));
    }

    /** Requests admitted out of {@code attempts}, all at this instant. */
    private int admitted(int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (decide(limiter, "k").proceeds()) {
                admitted++;
            }
        }
        return admitted;
    }
}
