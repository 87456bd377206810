package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutcomeWindowTest {

    private static final long WINDOW = Duration.ofSeconds(10).toNanos();
    private static final long MS = 1_000_000;

    @Test
    void everyLatencyFallsInsideItsBucketAndBucketsAreAtMostAQuarterWide() {
        for (long micros = 0; micros < 5_000_000; micros = micros * 11 / 10 + 1) {
            int index = LatencyBuckets.index(micros * 1000);
            long upper = LatencyBuckets.upperBoundNanos(index);
            long lower = index == 0 ? 0 : LatencyBuckets.upperBoundNanos(index - 1);
            assertThat(micros * 1000).as("%d µs in bucket %d", micros, index).isGreaterThanOrEqualTo(lower)
                    .isLessThan(upper);
            assertThat(upper - lower).isLessThanOrEqualTo(Math.max(1000, lower / 4));
        }
        assertThat(LatencyBuckets.index(Long.MAX_VALUE)).isEqualTo(LatencyBuckets.COUNT - 1);
    }

    @Test
    void countsRequestsErrorsAndTheP99WithinTheWindow() {
        OutcomeWindow window = new OutcomeWindow(WINDOW);
        for (int i = 0; i < 100; i++) {
            window.record(0, i % 4 == 0, (i < 98 ? 10 : 400) * MS);
        }

        OutcomeWindow.Summary summary = window.summary(0);
        assertThat(summary.requests()).isEqualTo(100);
        assertThat(summary.errors()).isEqualTo(25);
        assertThat(summary.errorRate()).isEqualTo(0.25);
        // 2 of 100 took 400 ms: the 99th percentile is among them, within a bucket's width
        assertThat(summary.p99Nanos()).isBetween(400 * MS, 500 * MS);
    }

    @Test
    void forgetsSlicesThatLeftTheWindow() {
        OutcomeWindow window = new OutcomeWindow(WINDOW);
        window.record(0, true, MS);
        window.record(WINDOW / 2, false, MS);

        assertThat(window.summary(WINDOW - 1).requests()).isEqualTo(2);
        assertThat(window.summary(WINDOW + WINDOW / 10).requests()).isEqualTo(1);
        assertThat(window.summary(WINDOW + WINDOW / 10).errors()).isZero();
        assertThat(window.summary(3 * WINDOW)).isEqualTo(new OutcomeWindow.Summary(0, 0, 0));
        // an outcome older than the window is dropped rather than counted in a newer slice
        window.record(3 * WINDOW, false, MS);
        window.record(0, true, MS);
        assertThat(window.summary(3 * WINDOW)).extracting(OutcomeWindow.Summary::errors).isEqualTo(0L);
    }
}
