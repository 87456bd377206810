package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ModelConfig;
import io.gatehouse.config.ModelProtocol;
import io.gatehouse.config.ModelQueueConfig;
import io.gatehouse.config.ModelVersionConfig;
import io.gatehouse.config.RollbackConfig;
import io.gatehouse.config.TrafficConfig;
import io.gatehouse.observe.GatewayMetrics;
import io.gatehouse.testing.MetricSamples;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CanaryWatchTest {

    private static final RollbackConfig RULES = new RollbackConfig(0.1, 0.5, Duration.ofMinutes(1), 50);

    private final ControlRig rig = new ControlRig();
    private final GatewayMetrics metrics = new GatewayMetrics();

    @AfterEach
    void close() {
        rig.close();
    }

    private void declare(Map<String, Integer> weights) {
        rig.registry.apply(List.of(new ModelConfig("lin", ModelProtocol.OPEN_INFERENCE_V2, "lin", "backends",
                List.of(new ModelVersionConfig("1", "backends"), new ModelVersionConfig("2", "backends")),
                Map.of("stable", "1", "canary", "2"), "stable", new TrafficConfig(weights, true, null), null,
                ModelQueueConfig.DEFAULT, true, RULES, List.of())));
        rig.markAvailable("1");
        rig.markAvailable("2");
    }

    /** {@code requests} finished exchanges of the version, every {@code errorEvery}-th a 502 (0: none). */
    private void record(String version, int requests, int errorEvery) {
        VersionOutcomes outcomes = rig.registry.outcomes();
        VersionOutcomes.Tracked tracked = outcomes.track("lin", version, RULES.window(),
                metrics.forModelVersion("lin", version, () -> 0, () -> 0));
        for (int i = 1; i <= requests; i++) {
            outcomes.record(tracked, errorEvery > 0 && i % errorEvery == 0 ? 502 : 200, 1_000_000);
        }
    }

    @Test
    void aFailingCanaryLosesItsWeightAsAnAdminChangeWouldSetIt() throws Exception {
        declare(Map.of("stable", 90, "canary", 10));
        record("1", 200, 0);
        record("2", 60, 2);

        List<CanaryRollback> rollbacks = rig.control.checkCanaries().join();

        assertThat(rollbacks).singleElement().satisfies(rollback -> {
            assertThat(rollback.model()).isEqualTo("lin");
            assertThat(rollback.version()).isEqualTo("2");
            assertThat(rollback.reason()).startsWith("error rate 50.0% against 0.0% on the stable version");
        });
        TrafficConfig after = rig.registry.model("lin").traffic();
        assertThat(after.weights()).containsOnly(Map.entry("stable", 90), Map.entry("canary", 0));
        assertThat(after.stickyConsumer()).isTrue();
        assertThat(rig.store.load().of("lin").traffic().split()).isEqualTo(after);
        assertThat(rig.control.lastRollback("lin")).isEqualTo(rollbacks.get(0));
        assertThat(new MetricSamples(metrics.scrape()).value("gatehouse_model_rollbacks_total", "model", "lin",
                "version", "2")).isEqualTo(1.0);

        // judged once: its weight is 0 now, and its old outcomes are gone should it get weight again
        assertThat(rig.control.checkCanaries().join()).isEmpty();
        assertThat(rig.registry.outcomes().find("lin", "2")).isNull();
    }

    @Test
    void withTheCanaryTheOnlyWeightTheSplitGoesAndTheDefaultAnswers() {
        declare(Map.of("canary", 10));
        record("2", 60, 1);

        assertThat(rig.control.checkCanaries().join()).extracting(CanaryRollback::version).containsExactly("2");
        assertThat(rig.registry.model("lin").traffic()).isNull();
        assertThat(rig.registry.model("lin").defaultVersion().version()).isEqualTo("1");
    }

    @Test
    void judgesEachModelAboutTenTimesPerWindow() {
        declare(Map.of("stable", 90, "canary", 10));
        List<TrafficConfig> changes = new ArrayList<>();
        CanaryWatch watch = new CanaryWatch(rig.registry, (model, split, shadow) -> {
            changes.add(split);
            return rig.registry.updateModel(model, m -> m.withTraffic(split, shadow));
        }, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

        assertThat(watch.checkDue()).isEmpty();
        record("2", 60, 2);
        rig.nanos.addAndGet(RULES.window().toNanos() / 10 - 1);
        assertThat(watch.checkDue()).isEmpty();
        rig.nanos.addAndGet(1);
        assertThat(watch.checkDue()).extracting(CanaryRollback::at).containsExactly(Instant.EPOCH);
        assertThat(changes).hasSize(1);
    }
}
