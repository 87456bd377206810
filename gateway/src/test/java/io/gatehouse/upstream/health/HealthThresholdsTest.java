package io.gatehouse.upstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthThresholdsTest {

    @Test
    void aHealthyEndpointTurnsUnhealthyOnlyAfterTheGivenFailuresInARow() {
        HealthThresholds thresholds = new HealthThresholds(true, 2, 3);

        assertThat(flips(thresholds, false, false, true, false, false)).isEmpty();
        assertThat(thresholds.healthy()).isTrue();
        assertThat(flips(thresholds, false)).containsExactly(1);
        assertThat(thresholds.healthy()).isFalse();
    }

    @Test
    void anUnhealthyEndpointTurnsHealthyOnlyAfterTheGivenSuccessesInARow() {
        HealthThresholds thresholds = new HealthThresholds(false, 2, 3);

        assertThat(flips(thresholds, true, false, true)).isEmpty();
        assertThat(thresholds.healthy()).isFalse();
        assertThat(flips(thresholds, true)).containsExactly(1);
        assertThat(thresholds.healthy()).isTrue();
    }

    @Test
    void resultsThatAgreeWithTheVerdictChangeNothing() {
        HealthThresholds thresholds = new HealthThresholds(true, 1, 1);

        assertThat(flips(thresholds, true, true, true)).isEmpty();
        assertThat(thresholds.healthy()).isTrue();
    }

    @Test
    void afterAFlipTheCountStartsOver() {
        HealthThresholds thresholds = new HealthThresholds(true, 2, 2);

        // Counting on from the failures would bring the endpoint back at the first success.
        assertThat(flips(thresholds, false, false, true, true, false, false)).containsExactly(2, 4, 6);
    }

    @Test
    void thresholdsOfOneFlipOnEveryDisagreement() {
        HealthThresholds thresholds = new HealthThresholds(true, 1, 1);

        assertThat(flips(thresholds, false, true, true, false)).containsExactly(1, 2, 4);
    }

    @Test
    void refusesThresholdsBelowOne() {
        assertThatThrownBy(() -> new HealthThresholds(true, 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected thresholds of at least 1, got healthy 0 and unhealthy 3");
    }

    /** The 1-based positions of the results that flipped the verdict. */
    private static List<Integer> flips(HealthThresholds thresholds, boolean... results) {
        List<Integer> flips = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (thresholds.record(results[i])) {
                flips.add(i + 1);
            }
        }
        return flips;
    }
}
