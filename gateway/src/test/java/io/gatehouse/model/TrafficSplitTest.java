package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ModelConfig;
import io.gatehouse.config.ModelProtocol;
import io.gatehouse.config.ModelQueueConfig;
import io.gatehouse.config.ModelVersionConfig;
import io.gatehouse.config.TrafficConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrafficSplitTest {

    private static final int DRAWS = 100_000;

    /** Versions 1 to 3, labels stable -> 1 and canary -> 2, the given weights; every version AVAILABLE. */
    static ModelView model(Map<String, Integer> weights, String defaultTarget) {
        ModelView model = ModelView.of(new ModelConfig("m", ModelProtocol.OPEN_INFERENCE_V2, "m", "u",
                List.of(new ModelVersionConfig("1", "u"), new ModelVersionConfig("2", "u"),
                        new ModelVersionConfig("3", "u")),
                Map.of("stable", "1", "canary", "2"), defaultTarget,
                weights == null ? null : new TrafficConfig(weights, false, null), null, ModelQueueConfig.DEFAULT,
                true, null, List.of()));
        for (String version : List.of("1", "2", "3")) {
            model = model.withVersion(model.versions().get(version).withState(VersionState.AVAILABLE, null));
        }
        return model;
    }

    private static Map<String, Integer> draw(ModelView model) {
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(TrafficSplit.choose(model, null, random).version(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void splitsByWeightWithinStatisticalBounds() {
        Map<String, Integer> counts = draw(model(Map.of("stable", 90, "canary", 10), "stable"));

        // Binomial: sd = sqrt(100000 * 0.1 * 0.9) ~ 95; 5 sd either way.
        assertThat(counts.get("2")).isBetween(10_000 - 475, 10_000 + 475);
        assertThat(counts.get("1")).isEqualTo(DRAWS - counts.get("2"));
    }

    @Test
    void aTargetThatIsNotAvailableGetsNoShare() {
        ModelView model = model(Map.of("stable", 50, "canary", 25, "3", 25), "stable");
        model = model.withVersion(model.versions().get("2").withState(VersionState.LOADING, null));

        Map<String, Integer> counts = draw(model);

        assertThat(counts).doesNotContainKey("2");
        // 2/3 and 1/3: sd ~ 149.
        assertThat(counts.get("1")).isBetween(66_667 - 750, 66_667 + 750);
        assertThat(counts.get("3")).isEqualTo(DRAWS - counts.get("1"));
    }

    @Test
    void withNoAvailableWeightOrNoSplitTheDefaultAnswers() {
        ModelView model = model(Map.of("canary", 10), "stable");
        model = model.withVersion(model.versions().get("2").withState(VersionState.UNLOADING, null));

        assertThat(draw(model)).containsOnlyKeys("1");
        assertThat(draw(model(null, "3"))).containsOnlyKeys("3");
        assertThat(draw(model(null, ModelConfig.LATEST))).containsOnlyKeys("3");
    }

    @Test
    void aStickyKeyKeepsItsVersionAndKeysSpreadByWeight() {
        ModelView model = model(Map.of("stable", 70, "canary", 30), "stable");
        SplittableRandom random = new SplittableRandom(7);
        int canary = 0;
        for (int caller = 0; caller < DRAWS; caller++) {
            String key = "consumer-" + caller;
            String first = TrafficSplit.choose(model, key, random).version();
            for (int again = 0; again < 3; again++) {
                assertThat(TrafficSplit.choose(model, key, random).version()).isEqualTo(first);
            }
            canary += first.equals("2") ? 1 : 0;
        }
        // 30% of the callers: sd ~ 145.
        assertThat(canary).isBetween(30_000 - 725, 30_000 + 725);
    }

    @Test
    void stickinessHoldsAcrossEqualWeightsInAnotherView() {
        ModelView before = model(Map.of("stable", 60, "canary", 40), "stable");
        ModelView after = model(new HashMap<>(Map.of("canary", 40, "stable", 60)), "stable");
        SplittableRandom random = new SplittableRandom(1);
        for (int caller = 0; caller < 1000; caller++) {
            assertThat(TrafficSplit.choose(after, "c" + caller, random).version())
                    .isEqualTo(TrafficSplit.choose(before, "c" + caller, random).version());
        }
    }
}
