package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ModelConfig;
import io.gatehouse.config.ModelProtocol;
import io.gatehouse.config.ModelQueueConfig;
import io.gatehouse.config.ModelVersionConfig;
import io.gatehouse.config.RollbackConfig;
import io.gatehouse.config.TrafficConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CanaryGuardTest {

    private static final RollbackConfig RULES = new RollbackConfig(0.1, 0.5, Duration.ofMinutes(1), 50);
    private static final long MS = 1_000_000;

    private final AtomicLong nanos = new AtomicLong(Duration.ofHours(1).toNanos());
    private final VersionOutcomes outcomes = new VersionOutcomes(nanos::get);

    /** Versions 1 (stable, the default), 2 (canary) and 3 (weight 0), all AVAILABLE. */
    static ModelView model(RollbackConfig rules, Map<String, Integer> weights) {
        ModelView model = ModelView.of(new ModelConfig("m", ModelProtocol.OPEN_INFERENCE_V2, "m", "u",
                List.of(new ModelVersionConfig("1", "u"), new ModelVersionConfig("2", "u"),
                        new ModelVersionConfig("3", "u")),
                Map.of("stable", "1", "canary", "2"), "stable", new TrafficConfig(weights, false, null), null,
                ModelQueueConfig.DEFAULT, true, rules, List.of()));
        for (String version : List.of("1", "2", "3")) {
            model = model.withVersion(model.versions().get(version).withState(VersionState.AVAILABLE, null));
        }
        return model;
    }

    private static ModelView model() {
        return model(RULES, Map.of("stable", 90, "canary", 10, "3", 0));
    }

    /** {@code requests} outcomes of the version, every {@code errorEvery}-th a 503 (0: none), each {@code ms}. */
    private void record(String version, int requests, int errorEvery, long ms) {
        VersionOutcomes.Tracked tracked = outcomes.track("m", version, RULES.window(), null);
        for (int i = 1; i <= requests; i++) {
            outcomes.record(tracked, errorEvery > 0 && i % errorEvery == 0 ? 503 : 200, ms * MS);
        }
    }

    @Test
    void aCanaryFailingHalfItsRequestsFails() {
        record("1", 500, 100, 20);
        record("2", 60, 2, 20);

        List<CanaryGuard.Verdict> verdicts = CanaryGuard.judge(model(), outcomes);

        assertThat(verdicts).hasSize(1);
        CanaryGuard.Verdict verdict = verdicts.get(0);
        assertThat(verdict.version()).isEqualTo("2");
        assertThat(verdict.targets()).containsExactly("canary");
        assertThat(verdict.reason()).contains("error rate 50.0% against 1.0% on the stable version")
                .contains("60 requests");
    }

    @Test
    void aCanaryWithinTheMarginsPasses() {
        record("1", 500, 50, 20);
        // 10% errors against 2%: 8 points, within 10; 25 ms against 20 ms: within 50%
        record("2", 100, 10, 25);

        assertThat(CanaryGuard.judge(model(), outcomes)).isEmpty();
    }

    @Test
    void aCanaryBelowTheMinimumRequestsIsNotJudged() {
        record("1", 500, 0, 20);
        record("2", 49, 1, 20);

        assertThat(CanaryGuard.judge(model(), outcomes)).isEmpty();
        record("2", 1, 1, 20);
        assertThat(CanaryGuard.judge(model(), outcomes)).extracting(CanaryGuard.Verdict::version)
                .containsExactly("2");
    }

    @Test
    void aCanaryMuchSlowerThanTheStableVersionFails() {
        record("1", 500, 0, 20);
        record("2", 100, 0, 40);

        List<CanaryGuard.Verdict> verdicts = CanaryGuard.judge(model(), outcomes);

        assertThat(verdicts).extracting(CanaryGuard.Verdict::version).containsExactly("2");
        assertThat(verdicts.get(0).reason()).startsWith("p99 latency").contains("more than 50% above");
    }

    @Test
    void oldOutcomesLeaveTheWindow() {
        record("1", 500, 0, 20);
        record("2", 100, 2, 20);
        nanos.addAndGet(RULES.window().toNanos() + 1);

        assertThat(CanaryGuard.judge(model(), outcomes)).isEmpty();
    }

    @Test
    void onlyVersionsWithWeightOtherThanTheStableOneAreCanaries() {
        record("1", 500, 2, 20);
        record("3", 100, 1, 20);
        assertThat(CanaryGuard.judge(model(), outcomes)).isEmpty();

        record("2", 100, 1, 20);
        assertThat(CanaryGuard.judge(model(null, Map.of("stable", 90, "canary", 10)), outcomes)).isEmpty();
    }
}
