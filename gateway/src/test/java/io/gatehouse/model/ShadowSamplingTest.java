package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShadowSamplingTest {

    private static final int DRAWS = 100_000;

    private static int sampled(double percent, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int sampled = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (ShadowTraffic.sampled(percent, random)) {
                sampled++;
            }
        }
        return sampled;
    }

    @Test
    void aPercentOfTheDrawsIsSampledWithinStatisticalBounds() {
        // 5% of 100,000: mean 5,000, standard deviation about 69; 5 deviations either side.
        assertThat(sampled(5, 42)).isBetween(4_655, 5_345);
        // 50%: mean 50,000, standard deviation about 158.
        assertThat(sampled(50, 7)).isBetween(49_210, 50_790);
        // 0.1%: mean 100, standard deviation about 10.
        assertThat(sampled(0.1, 3)).isBetween(50, 150);
    }

    @Test
    void noneAtZeroAndAllAtOneHundred() {
        assertThat(sampled(0, 1)).isZero();
        assertThat(sampled(100, 1)).isEqualTo(DRAWS);
    }
}
