package io.gatehouse.serving.onnx;

import static io.gatehouse.serving.onnx.OnnxModelWriter.ElementType.FLOAT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small models written from their weights, so a demo or a test needs nothing downloaded: a linear model
 * {@code y = x W + b} and a classifier {@code softmax(relu(x W + b))}, and the demo repository made of them.
 */
public final class DemoModels {

    /** The demo's models, in the order they are written. */
    public static final List<String> NAMES = List.of("linear", "classifier");

    static final float[][] LINEAR_W1 = {{1, 2}, {3, 4}, {5, 6}};
    static final float[] LINEAR_B1 = {0.5f, -0.5f};
    static final float[][] LINEAR_W2 = {{2, 4}, {6, 8}, {10, 12}};
    static final float[] LINEAR_B2 = {1, 1};
    static final float[][] CLASSIFIER_W = {{1, 0, -1}, {0, 1, 1}};
    static final float[] CLASSIFIER_B = {0, 0.5f, 0};

    private DemoModels() {
    }

    /** y = x W + b for x of shape [batch, rows of W]. */
    public static OnnxModelWriter linear(float[][] w, float[] b) {
        return new OnnxModelWriter("linear")
                .input("x", FLOAT, -1, w.length)
                .output("y", FLOAT, -1, b.length)
                .initializer("W", new long[] {w.length, b.length}, flatten(w))
                .initializer("B", new long[] {b.length}, b)
                .node("MatMul", new String[] {"x", "W"}, new String[] {"xw"})
                .node("Add", new String[] {"xw", "B"}, new String[] {"y"});
    }

    /** logits = relu(x W + b), probabilities = softmax(logits): two outputs. */
    public static OnnxModelWriter classifier(float[][] w, float[] b) {
        return new OnnxModelWriter("classifier")
                .input("x", FLOAT, -1, w.length)
                .output("logits", FLOAT, -1, b.length)
                .output("probabilities", FLOAT, -1, b.length)
                .initializer("W", new long[] {w.length, b.length}, flatten(w))
                .initializer("B", new long[] {b.length}, b)
                .node("Gemm", new String[] {"x", "W", "B"}, new String[] {"affine"})
                .node("Relu", new String[] {"affine"}, new String[] {"logits"})
                .node("Softmax", new String[] {"logits"}, new String[] {"probabilities"}, "axis", 1L);
    }

    /**
     * Writes each demo model whose directory is absent from {@code repository} (created if needed): {@code linear}
     * in versions 1 and 2 with different weights and a {@code config.yaml} serving both, and {@code classifier}
     * (two inputs, three classes). A model directory that exists is left as it is. Returns the models written.
     */
    public static List<String> writeMissing(Path repository) throws IOException {
        Files.createDirectories(repository);
        List<String> written = new ArrayList<>();
        if (!Files.exists(repository.resolve("linear"))) {
            linear(LINEAR_W1, LINEAR_B1).writeTo(repository, "linear", 1);
            linear(LINEAR_W2, LINEAR_B2).writeTo(repository, "linear", 2);
            Files.writeString(repository.resolve("linear").resolve("config.yaml"), "version-policy: { latest: 2 }\n");
            written.add("linear");
        }
        if (!Files.exists(repository.resolve("classifier"))) {
            classifier(CLASSIFIER_W, CLASSIFIER_B).writeTo(repository, "classifier", 1);
            written.add("classifier");
        }
        return written;
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[r].length, rows[r].length);
        }
        return flat;
    }
}
