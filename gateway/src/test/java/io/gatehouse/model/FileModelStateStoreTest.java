package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.TrafficConfig;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.TestOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileModelStateStoreTest {

    @TempDir
    Path directory;

    @Test
    void whatIsSavedLoadsAgainAndNoTemporaryFileStays() throws IOException {
        FileModelStateStore store = new FileModelStateStore(directory.resolve("state/models.json"));
        assertThat(store.load()).isEqualTo(ModelOverrides.NONE);
        ModelOverrides saved = ModelOverrides.NONE.with("lin", ModelOverride.NONE.withLoaded("3", "onnx")
                .withUnloaded("1").withLabel("stable", "3")
                .withTraffic(new TrafficConfig(Map.of("stable", 9, "3", 1), false, "x-user"),
                        new ShadowConfig("3", 5, 2 << 20, 4, 0.01, Duration.ofMillis(1500))));

        store.save(saved);

        assertThat(new FileModelStateStore(store.file()).load()).isEqualTo(saved);
        assertThat(Files.exists(store.temporary())).isFalse();
        assertThat(Files.readString(store.file())).contains("\"format\" : 1").contains("\"stable\" : \"3\"")
                .contains("\"max_in_flight\" : 4").contains("\"timeout\" : \"1500ms\"");
    }

    @Test
    void aShadowSavedWithoutBoundsLoadsWithTheDefaults() throws IOException {
        Path file = directory.resolve("models.json");
        Files.writeString(file, "{\"format\": 1, \"models\": {\"lin\": {\"loaded\": {}, \"unloaded\": [],"
                + " \"labels\": {}, \"traffic\": {\"split\": null, \"shadow\": {\"version\": \"2\", \"percent\": 5.0}}}}}");

        ModelOverride lin = new FileModelStateStore(file).load().of("lin");

        assertThat(lin.traffic().shadow()).isEqualTo(new ShadowConfig("2", 5));
    }

    @Test
    void aShadowWithAnUnreadableTimeoutIsReportedWithTheFile() throws IOException {
        Path file = directory.resolve("models.json");
        Files.writeString(file, "{\"format\": 1, \"models\": {\"lin\": {\"loaded\": {}, \"unloaded\": [],"
                + " \"labels\": {}, \"traffic\": {\"split\": null, \"shadow\": {\"version\": \"2\", \"percent\": 5.0,"
                + " \"timeout\": \"soon\"}}}}}");

        assertThatThrownBy(() -> new FileModelStateStore(file).load()).isInstanceOf(IOException.class)
                .hasMessageContaining("is not valid").hasMessageContaining("shadow.timeout: expected a duration");
    }

    @Test
    void aSaveThatFailsLeavesTheOldStateWhole() throws IOException {
        FileModelStateStore store = new FileModelStateStore(directory.resolve("models.json"));
        ModelOverrides old = ModelOverrides.NONE.with("lin", ModelOverride.NONE.withLabel("stable", "1"));
        store.save(old);
        Files.createDirectories(store.temporary().resolve("blocker"));

        assertThatThrownBy(() -> store.save(ModelOverrides.NONE.with("lin",
                ModelOverride.NONE.withLabel("stable", "2")))).isInstanceOf(IOException.class);

        assertThat(store.load()).isEqualTo(old);
    }

    @Test
    void aFileOfAnotherFormatIsRefusedWithWhatWasExpected() throws IOException {
        Path file = directory.resolve("models.json");
        Files.writeString(file, "{\"format\": 9, \"models\": {}}");
        assertThatThrownBy(() -> new FileModelStateStore(file).load()).hasMessageContaining("has format 9, expected 1");
    }

    @Test
    void adminChangesSurviveARestartAndWinOverTheConfig() {
        try (TestOrigin origin = TestOrigin.start()) {
            origin.on("/v2/repository/models/lin/load", Behaviour.status(200).body("{}"));
            FileModelStateStore store = new FileModelStateStore(directory.resolve("models.json"));
            var config = List.of(ControlRig.openInference(Map.of("stable", "1"), "1"));
            try (ControlRig before = new ControlRig(store, origin)) {
                before.registry.apply(config);
                before.control.load("lin", "2", null).join();
                before.control.moveLabel("lin", "stable", "2").join();
            }

            try (ControlRig after = new ControlRig(store, origin)) {
                after.registry.apply(config);
                ModelView restored = after.registry.model("lin");
                assertThat(restored.versions()).containsOnlyKeys("1", "2");
                assertThat(restored.labels()).containsExactly(Map.entry("stable", "2"));
                assertThat(restored.versions().get("2").state()).isEqualTo(VersionState.START);
                after.control.reconcile().join();
                assertThat(after.version("2").state()).isEqualTo(VersionState.AVAILABLE);
            }
        }
    }

    @Test
    void aConfigThatDropsAVersionALabelPointsAtIsRejected() {
        ModelRegistry registry = new ModelRegistry();
        registry.overrides(ModelOverrides.NONE.with("lin", ModelOverride.NONE.withLabel("stable", "2")));
        registry.apply(List.of(ControlRig.openInference(Map.of("stable", "1"), "1", "2")));

        assertThatThrownBy(() -> registry.apply(List.of(ControlRig.openInference(Map.of("stable", "1"), "1"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).containsExactly(
                        "models.lin: label 'stable' points at version '2', which this config drops (the label was"
                                + " moved through the admin API: move it to a version that stays first)"));
        assertThat(registry.model("lin").versions()).containsOnlyKeys("1", "2");
    }
}
