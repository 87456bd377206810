package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.TimeoutsConfig;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A route's total deadline on a mock ticker: what each try and each wait between tries may take. */
class TotalDeadlineTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final MockTicker ticker = Ticker.newMockTicker();

    private TotalDeadline deadline(Duration response, Duration total) {
        return new TotalDeadline(ticker, new TimeoutsConfig(Duration.ofSeconds(2), response, Duration.ofSeconds(60),
                total, Duration.ofSeconds(10)));
    }

    @Test
    void withoutATotalEachTryHasItsResponseTimeoutAndNeverPasses() {
        TotalDeadline none = deadline(Duration.ofMillis(200), Duration.ZERO);
        ticker.advanceMillis(10_000);

        assertThat(none.set()).isFalse();
        assertThat(none.passed()).isFalse();
        assertThat(none.tryTimeoutNanos()).isEqualTo(200 * MS);
        assertThat(none.retryWaitLimitNanos()).isEqualTo(200 * MS);
    }

    @Test
    void triesAreCutToWhatIsLeftOfTheTotal() {
        TotalDeadline total = deadline(Duration.ofMillis(200), Duration.ofMillis(500));
        assertThat(total.tryTimeoutNanos()).isEqualTo(200 * MS);

        ticker.advanceMillis(350);
        assertThat(total.remainingNanos()).isEqualTo(150 * MS);
        assertThat(total.tryTimeoutNanos()).isEqualTo(150 * MS);
        assertThat(total.retryWaitLimitNanos()).isEqualTo(150 * MS);
        assertThat(total.passed()).isFalse();
    }

    @Test
    void oncePassedATryStillGetsAPositiveTimeoutThatExpiresAtOnce() {
        TotalDeadline total = deadline(Duration.ofMillis(200), Duration.ofMillis(500));
        ticker.advanceMillis(500);

        assertThat(total.passed()).isTrue();
        assertThat(total.remainingNanos()).isZero();
        assertThat(total.tryTimeoutNanos()).isEqualTo(1);
    }

    @Test
    void theTotalCountsFromConstructionNotFromTheTicksOrigin() {
        ticker.advanceMillis(1_000);
        TotalDeadline total = deadline(Duration.ofSeconds(30), Duration.ofMillis(500));

        ticker.advanceMillis(100);
        assertThat(total.remainingNanos()).isEqualTo(400 * MS);
    }
}
