package io.gatehouse.serving;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;

/**
 * A tensor on the Java heap: name, type, shape and its elements flat in row-major order, in a primitive array of the
 * type's Java kind (float[], double[], int[], long[], boolean[], or String[] for BYTES).
 */
record TensorData(String name, Datatype datatype, long[] shape, Object values) {

    int elementCount() {
        return Array.getLength(values);
    }

    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** A native tensor holding a copy of these elements; the caller closes it. */
    OnnxTensor toOnnx(OrtEnvironment env) throws OrtException {
        return switch (datatype) {
            case FP32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap((float[]) values), shape);
            case FP64 -> OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) values), shape);
            case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap((int[]) values), shape);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap((long[]) values), shape);
            case BOOL -> {
                boolean[] flags = (boolean[]) values;
                ByteBuffer bytes = ByteBuffer.allocateDirect(flags.length);
                for (boolean flag : flags) {
                    bytes.put((byte) (flag ? 1 : 0));
                }
                yield OnnxTensor.createTensor(env, bytes.flip(), shape, OnnxJavaType.BOOL);
            }
            case BYTES -> OnnxTensor.createTensor(env, (String[]) values, shape);
        };
    }

    /** Copies a native tensor's elements to the heap; the tensor stays open, its owner closes it. */
    static TensorData fromOnnx(String name, OnnxTensor tensor) throws OrtException {
        TensorInfo info = tensor.getInfo();
        Datatype datatype = Datatype.of(info.onnxType, name);
        long[] shape = info.getShape();
        Object values = switch (datatype) {
            case FP32 -> toArray(tensor.getFloatBuffer());
            case FP64 -> toArray(tensor.getDoubleBuffer());
            case INT32 -> toArray(tensor.getIntBuffer());
            case INT64 -> toArray(tensor.getLongBuffer());
            case BOOL -> {
                ByteBuffer bytes = tensor.getByteBuffer();
                boolean[] flags = new boolean[bytes.remaining()];
                for (int i = 0; i < flags.length; i++) {
                    flags[i] = bytes.get(bytes.position() + i) != 0;
                }
                yield flags;
            }
            case BYTES -> {
                List<String> strings = new ArrayList<>();
                flattenStrings(tensor.getValue(), strings);
                yield strings.toArray(String[]::new);
            }
        };
        return new TensorData(name, datatype, shape, values);
    }

    private static float[] toArray(FloatBuffer buffer) {
        float[] array = new float[buffer.remaining()];
        buffer.get(array);
        return array;
    }

    private static double[] toArray(DoubleBuffer buffer) {
        double[] array = new double[buffer.remaining()];
        buffer.get(array);
        return array;
    }

    private static int[] toArray(IntBuffer buffer) {
        int[] array = new int[buffer.remaining()];
        buffer.get(array);
        return array;
    }

    private static long[] toArray(LongBuffer buffer) {
        long[] array = new long[buffer.remaining()];
        buffer.get(array);
        return array;
    }

    private static void flattenStrings(Object value, List<String> into) {
        if (value instanceof String string) {
            into.add(string);
        } else {
            for (int i = 0; i < Array.getLength(value); i++) {
                flattenStrings(Array.get(value, i), into);
            }
        }
    }

    /** Writes the elements as one flat JSON array, as the Open Inference Protocol answers. */
    void writeFlat(JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (int i = 0; i < elementCount(); i++) {
            writeElement(json, i);
        }
        json.writeEndArray();
    }

    /** Writes the whole tensor nested by its shape, as TF Serving answers. */
    void writeNested(JsonGenerator json) throws IOException {
        writeNested(json, 0, 0);
    }

    /** Writes row {@code row} of the first dimension, nested by the remaining ones. */
    void writeRow(JsonGenerator json, int row) throws IOException {
        writeNested(json, 1, row * (int) elementCount(Arrays.copyOfRange(shape, 1, shape.length)));
    }

    private void writeNested(JsonGenerator json, int dimension, int offset) throws IOException {
        if (dimension == shape.length) {
            writeElement(json, offset);
            return;
        }
        int stride = (int) elementCount(Arrays.copyOfRange(shape, dimension + 1, shape.length));
        json.writeStartArray();
        for (int i = 0; i < shape[dimension]; i++) {
            writeNested(json, dimension + 1, offset + i * stride);
        }
        json.writeEndArray();
    }

    private void writeElement(JsonGenerator json, int index) throws IOException {
        switch (datatype) {
            case FP32 -> json.writeNumber(((float[]) values)[index]);
            case FP64 -> json.writeNumber(((double[]) values)[index]);
            case INT32 -> json.writeNumber(((int[]) values)[index]);
            case INT64 -> json.writeNumber(((long[]) values)[index]);
            case BOOL -> json.writeBoolean(((boolean[]) values)[index]);
            case BYTES -> json.writeString(((String[]) values)[index]);
        }
    }
}
