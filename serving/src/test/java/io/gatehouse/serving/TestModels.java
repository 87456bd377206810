package io.gatehouse.serving;

import static io.gatehouse.serving.onnx.OnnxModelWriter.ElementType.BOOL;
import static io.gatehouse.serving.onnx.OnnxModelWriter.ElementType.DOUBLE;
import static io.gatehouse.serving.onnx.OnnxModelWriter.ElementType.FLOAT;
import static io.gatehouse.serving.onnx.OnnxModelWriter.ElementType.FLOAT16;
import static io.gatehouse.serving.onnx.OnnxModelWriter.ElementType.INT32;
import static io.gatehouse.serving.onnx.OnnxModelWriter.ElementType.INT64;
import static io.gatehouse.serving.onnx.OnnxModelWriter.ElementType.STRING;

import io.gatehouse.serving.onnx.OnnxModelWriter;

/** The models only the tests serve (the linear model and the classifier are in {@code DemoModels}). */
final class TestModels {

    private TestModels() {
    }

    /** Identity over INT64, BOOL, FP64 and INT32 inputs of any shape of rank 2. */
    static OnnxModelWriter typedIdentity() {
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
    static OnnxModelWriter stringIdentity() {
        return new OnnxModelWriter("strings").input("text", STRING, -1).output("echo", STRING, -1)
                .node("Identity", new String[] {"text"}, new String[] {"echo"});
    }

    /** A graph using an operator ONNX Runtime does not know: its load fails. */
    static OnnxModelWriter unknownOperator() {
        return new OnnxModelWriter("unknown").input("x", FLOAT, -1).output("y", FLOAT, -1)
                .node("NoSuchOperator", new String[] {"x"}, new String[] {"y"});
    }

    /** A valid graph over FLOAT16, a type the server does not serve: its load fails naming the input. */
    static OnnxModelWriter halfPrecision() {
        return new OnnxModelWriter("half").input("h", FLOAT16, -1).output("o", FLOAT16, -1)
                .node("Identity", new String[] {"h"}, new String[] {"o"});
    }
}
