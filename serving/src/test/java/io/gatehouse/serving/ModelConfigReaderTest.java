package io.gatehouse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigReaderTest {

    @TempDir
    Path dir;

    private ModelConfig read(String yaml) throws IOException {
        return ModelConfigReader.read(Files.writeString(dir.resolve("config.yaml"), yaml));
    }

    @Test
    void absentFileGivesTheDefaults() {
        assertThat(ModelConfigReader.read(dir.resolve("config.yaml"))).isEqualTo(ModelConfig.DEFAULT);
        assertThat(ModelConfig.DEFAULT.versionPolicy()).isEqualTo(new VersionPolicy.Latest(1));
    }

    @Test
    void readsEveryKey() throws IOException {
        ModelConfig config = read("""
                version-policy: { specific: [1, 3] }
                instances: 2
                max-batch-size: 8
                inputs: [ { name: x, shape: [-1, 3] } ]
                outputs: [ { name: y, shape: [-1, 2] } ]
                """);
        assertThat(config.versionPolicy()).isEqualTo(new VersionPolicy.Specific(Set.of(1L, 3L)));
        assertThat(config.instances()).isEqualTo(2);
        assertThat(config.maxBatchSize()).isEqualTo(8);
        assertThat(config.inputShapes().get("x")).containsExactly(-1, 3);
        assertThat(config.outputShapes().get("y")).containsExactly(-1, 2);
        assertThat(read("version-policy: { latest: 3 }\n").versionPolicy()).isEqualTo(new VersionPolicy.Latest(3));
        assertThat(read("version-policy: { all: true }\n").versionPolicy()).isEqualTo(new VersionPolicy.All());
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        assertThatThrownBy(() -> read("""
                version-policy: { latest: 0 }
                instances: many
                inputs: [ { name: x, shape: [-2], kind: dense } ]
                colour: blue
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version-policy.latest: expected a positive integer, got 0")
                .hasMessageContaining("instances: expected a positive integer, got \"many\"")
                .hasMessageContaining("inputs[0].shape[0]: expected a size or -1, got -2")
                .hasMessageContaining("inputs[0].kind: unknown key")
                .hasMessageContaining("colour: unknown key");
    }
}
