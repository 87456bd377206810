package io.gatehouse.upstream.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.upstream.resilience.CircuitBreaker.WindowCounts;
import org.junit.jupiter.api.Test;

class RollingWindowTest {

    /** Four buckets of 100ns. */
    private final RollingWindow window = new RollingWindow(400, 4);

    @Test
    void countsEveryBucketInsideTheWindow() {
        window.record(0, true, false);
        window.record(150, false, true);
        window.record(399, true, true);
        assertThat(window.counts(399)).isEqualTo(new WindowCounts(3, 2, 2));
    }

    @Test
    void aBucketLeavesOnceAWholeWindowHasPassedItsSlice() {
        window.record(50, true, false);
        window.record(120, false, false);
        assertThat(window.counts(399)).isEqualTo(new WindowCounts(2, 1, 0));
        assertThat(window.counts(400)).isEqualTo(new WindowCounts(1, 0, 0));
        assertThat(window.counts(500)).isEqualTo(new WindowCounts(0, 0, 0));
    }

    @Test
    void anOutcomeOlderThanTheWindowIsDropped() {
        window.record(450, false, false);
        // same slot as 450, one window earlier
        window.record(50, true, true);
        assertThat(window.counts(450)).isEqualTo(new WindowCounts(1, 0, 0));
    }

    @Test
    void negativeClockReadingsUseTheirOwnSlices() {
        window.record(-1, true, false);
        window.record(-401, true, false);
        assertThat(window.counts(-1)).isEqualTo(new WindowCounts(1, 1, 0));
        assertThat(window.counts(299)).isEqualTo(new WindowCounts(1, 1, 0));
        assertThat(window.counts(300)).isEqualTo(new WindowCounts(0, 0, 0));
    }

    @Test
    void aWindowWithoutRoomForItsBucketsIsRefused() {
        assertThatThrownBy(() -> new RollingWindow(3, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 slices over 3ns");
        assertThatThrownBy(() -> new RollingWindow(1000, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 slices");
    }
}
