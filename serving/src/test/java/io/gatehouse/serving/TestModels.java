package io.gatehouse.serving;

import static io.gatehouse.serving.OnnxModelWriter.ElementType.BOOL;
import static io.gatehouse.serving.OnnxModelWriter.ElementType.DOUBLE;
import static io.gatehouse.serving.OnnxModelWriter.ElementType.FLOAT;
import static io.gatehouse.serving.OnnxModelWriter.ElementType.FLOAT16;
import static io.gatehouse.serving.OnnxModelWriter.ElementType.INT32;
import static io.gatehouse.serving.OnnxModelWriter.ElementType.INT64;
import static io.gatehouse.serving.OnnxModelWriter.ElementType.STRING;

/** The models the tests serve, generated so nothing is downloaded. */
public final class TestModels {

    private TestModels() {
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

    /** Identity over INT64, BOOL, FP64 and INT32 inputs of any shape of rank 2. */
    public static OnnxModelWriter typedIdentity() {
        OnnxModelWriter writer = new OnnxModelWriter("types");
        String[] names = {"i64", "flag", "f64", "i32"};
        OnnxModelWriter.ElementType[] types = {INT64, BOOL, DOUBLE, INT32};
        for (int i = 0; i < names.length; i++) {
            writer.input(names[i], types[i], -1, -1).output(names[i] + "_out", types[i], -1, -1)
                    .node("Identity", new String[] {names[i]}, new String[] {names[i] + "_out"});
        }
        return writer;
    }

    /** Identity over strings (BYTES). */
    public static OnnxModelWriter stringIdentity() {
        return new OnnxModelWriter("strings").input("text", STRING, -1).output("echo", STRING, -1)
                .node("Identity", new String[] {"text"}, new String[] {"echo"});
    }

    /** A graph using an operator ONNX Runtime does not know: its load fails. */
    public static OnnxModelWriter unknownOperator() {
        return new OnnxModelWriter("unknown").input("x", FLOAT, -1).output("y", FLOAT, -1)
                .node("NoSuchOperator", new String[] {"x"}, new String[] {"y"});
    }

    /** A valid graph over FLOAT16, a type the server does not serve: its load fails naming the input. */
    public static OnnxModelWriter halfPrecision() {
        return new OnnxModelWriter("half").input("h", FLOAT16, -1).output("o", FLOAT16, -1)
                .node("Identity", new String[] {"h"}, new String[] {"o"});
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[r].length, rows[r].length);
        }
        return flat;
    }
}
