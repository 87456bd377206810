package io.gatehouse.ratelimit.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.Rate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaceTest {

    @Test
    void equalRatesWrittenDifferentlyAreEqualPaces() {
        assertThat(Pace.of(new Rate(600, Duration.ofMinutes(1))))
                .isEqualTo(Pace.of(new Rate(10, Duration.ofSeconds(1))))
                .isEqualTo(new Pace(1, 100_000_000));
        assertThat(Pace.of(new Rate(3, Duration.ofSeconds(1)))).isEqualTo(new Pace(3, 1_000_000_000));
    }

    @Test
    void aUnitTakesExactlyItsTicks() {
        Pace thirds = Pace.of(new Rate(3, Duration.ofSeconds(1)));

        assertThat(thirds.ticks(3)).as("a second of thirds of a nanosecond").isEqualTo(3_000_000_000L);
        assertThat(thirds.ticks(Long.MAX_VALUE)).isEqualTo(Pace.MAX_TICKS);
    }
}
