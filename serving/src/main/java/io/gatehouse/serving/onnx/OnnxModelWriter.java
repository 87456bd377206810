package io.gatehouse.serving.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes ONNX models (the ModelProto protobuf) for simple graphs, only the fields those need: IR version, opset,
 * graph nodes with int and float attributes, float initializers, and typed inputs and outputs whose dimensions are
 * sizes or, for -1, a named dynamic dimension.
 */
public final class OnnxModelWriter {

    /** ONNX TensorProto.DataType values. */
    public enum ElementType {
        FLOAT(1), INT32(6), INT64(7), STRING(8), BOOL(9), DOUBLE(11), FLOAT16(10);

        final int code;

        ElementType(int code) {
            this.code = code;
        }
    }

    private static final int IR_VERSION = 8;
    private static final int OPSET = 17;

    private final Protobuf graph = new Protobuf();
    private int nodeCount;

    public OnnxModelWriter(String graphName) {
        graph.string(2, graphName);
    }

    public OnnxModelWriter input(String name, ElementType type, long... shape) {
        graph.message(11, valueInfo(name, type, shape));
        return this;
    }

    public OnnxModelWriter output(String name, ElementType type, long... shape) {
        graph.message(12, valueInfo(name, type, shape));
        return this;
    }

    /** A FLOAT initializer (a constant such as weights) of the given shape, values in row-major order. */
    public OnnxModelWriter initializer(String name, long[] shape, float... values) {
        Protobuf tensor = new Protobuf();
        for (long dim : shape) {
            tensor.varint(1, dim);
        }
        tensor.varint(2, ElementType.FLOAT.code);
        tensor.string(8, name);
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            raw.putFloat(value);
        }
        tensor.bytes(9, raw.array());
        graph.message(5, tensor);
        return this;
    }

    /** A node; {@code intAttributes} are name, value pairs (e.g. "axis", 1L). */
    public OnnxModelWriter node(String opType, String[] inputs, String[] outputs, Object... intAttributes) {
        Protobuf node = new Protobuf();
        for (String input : inputs) {
            node.string(1, input);
        }
        for (String output : outputs) {
            node.string(2, output);
        }
        node.string(3, opType.toLowerCase() + "_" + nodeCount++);
        node.string(4, opType);
        for (int i = 0; i < intAttributes.length; i += 2) {
            Protobuf attribute = new Protobuf().string(1, (String) intAttributes[i]);
            if (intAttributes[i + 1] instanceof Float value) {
                attribute.fixed32(2, Float.floatToIntBits(value)).varint(20, 1);
            } else {
                attribute.varint(3, ((Number) intAttributes[i + 1]).longValue()).varint(20, 2);
            }
            node.message(5, attribute);
        }
        graph.message(1, node);
        return this;
    }

    public byte[] toBytes() {
        return new Protobuf()
                .varint(1, IR_VERSION)
                .string(2, "gatehouse")
                .message(7, graph)
                .message(8, new Protobuf().string(1, "").varint(2, OPSET))
                .toByteArray();
    }

    /** Writes the model to {@code <repository>/<model>/<version>/model.onnx}; returns the file. */
    public Path writeTo(Path repository, String model, long version) throws IOException {
        Path directory = Files.createDirectories(repository.resolve(model).resolve(String.valueOf(version)));
        return Files.write(directory.resolve("model.onnx"), toBytes());
    }

    private static Protobuf valueInfo(String name, ElementType type, long[] shape) {
        Protobuf dims = new Protobuf();
        for (int i = 0; i < shape.length; i++) {
            Protobuf dim = shape[i] < 0 ? new Protobuf().string(2, "d" + i) : new Protobuf().varint(1, shape[i]);
            dims.message(1, dim);
        }
        Protobuf tensorType = new Protobuf().varint(1, type.code).message(2, dims);
        return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensorType));
    }
}
