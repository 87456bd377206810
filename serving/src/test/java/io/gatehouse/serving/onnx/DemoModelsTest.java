package io.gatehouse.serving.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo repository: written where absent, never over a model directory that exists. */
class DemoModelsTest {

    @Test
    void writesBothModelsIntoANewRepository(@TempDir Path parent) throws Exception {
        Path repository = parent.resolve("models");

        assertThat(DemoModels.writeMissing(repository)).containsExactly("linear", "classifier");

        assertThat(repository.resolve("linear/1/model.onnx")).hasBinaryContent(
                DemoModels.linear(DemoModels.LINEAR_W1, DemoModels.LINEAR_B1).toBytes());
        assertThat(repository.resolve("linear/2/model.onnx")).hasBinaryContent(
                DemoModels.linear(DemoModels.LINEAR_W2, DemoModels.LINEAR_B2).toBytes());
        assertThat(Files.readAllBytes(repository.resolve("linear/1/model.onnx")))
                .isNotEqualTo(Files.readAllBytes(repository.resolve("linear/2/model.onnx")));
        assertThat(repository.resolve("linear/config.yaml")).hasContent("version-policy: { latest: 2 }");
        assertThat(repository.resolve("classifier/1/model.onnx")).hasBinaryContent(
                DemoModels.classifier(DemoModels.CLASSIFIER_W, DemoModels.CLASSIFIER_B).toBytes());
    }

    @Test
    void leavesModelsThatExistAsTheyAre(@TempDir Path repository) throws Exception {
        Path own = Files.createDirectories(repository.resolve("linear/7")).resolve("model.onnx");
        Files.writeString(own, "not the demo's");

        assertThat(DemoModels.writeMissing(repository)).containsExactly("classifier");
        assertThat(DemoModels.writeMissing(repository)).isEmpty();

        assertThat(own).hasContent("not the demo's");
        assertThat(repository.resolve("linear/1")).doesNotExist();
        assertThat(repository.resolve("classifier/1/model.onnx")).isNotEmptyFile();
    }
}
