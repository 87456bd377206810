package io.gatehouse.ratelimit.local;

import static io.gatehouse.ratelimit.local.TestLimiters.MS;
import static io.gatehouse.ratelimit.local.TestLimiters.SECOND;
import static io.gatehouse.ratelimit.local.TestLimiters.allowed;
import static io.gatehouse.ratelimit.local.TestLimiters.decide;
import static io.gatehouse.ratelimit.local.TestLimiters.fixedWindow;
import static io.gatehouse.ratelimit.local.TestLimiters.local;
import static io.gatehouse.ratelimit.local.TestLimiters.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FixedWindowCounterTest {

    private final ManualClock clock = new ManualClock(10 * SECOND);
    /** 3 per aligned second. */
    private final LocalRateLimiter limiter = new LocalRateLimiter(local("fixed",
            fixedWindow(3, Duration.ofSeconds(1))), clock);

    @Test
    void theLimitHoldsToTheLastNanosecondOfAWindowAndTheNextStartsEmpty() {
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 2, SECOND));
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 1, SECOND));
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 0, SECOND));
        assertThat(decide(limiter, "k")).isEqualTo(rejected(3, 0, SECOND, SECOND));

        clock.set(11 * SECOND - 1);
        assertThat(decide(limiter, "k")).isEqualTo(rejected(3, 0, 1, 1));
        clock.set(11 * SECOND);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 2, SECOND));
    }

    @Test
    void windowsAreAlignedWhateverTheFirstRequest() {
        clock.set(12 * SECOND + 700 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 2, 300 * MS));
        clock.set(-1);
        assertThat(decide(limiter, "before-zero")).isEqualTo(allowed(3, 2, 1));
    }

    @Test
    void costsCountAndAChargeLastsUntilTheWindowEnds() {
        assertThat(decide(limiter, "k", 2)).isEqualTo(allowed(3, 1, SECOND));
        assertThat(decide(limiter, "k", 2)).isEqualTo(rejected(3, 1, SECOND, SECOND));
        assertThat(decide(limiter, "k", 4)).as("more than the limit never fits")
                .isEqualTo(rejected(3, 1, SECOND, Counter.NEVER));

        limiter.charge("k", 5);
        clock.advanceNanos(999 * MS);
        assertThat(decide(limiter, "k")).isEqualTo(rejected(3, 0, MS, MS));
        clock.advanceNanos(MS);
        assertThat(decide(limiter, "k")).isEqualTo(allowed(3, 2, SECOND));
    }
}
