package io.gatehouse.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads request tensors from JSON: flat or nested data with a declared shape, or nested data giving its own shape. */
final class JsonTensors {

    private JsonTensors() {
    }

    /** Data flat or nested (the Open Inference Protocol allows both) whose element count must fit {@code shape}. */
    static TensorData withShape(String name, Datatype datatype, long[] shape, JsonNode data) {
        List<JsonNode> leaves = new ArrayList<>();
        collectLeaves(name, data, leaves);
        long expected = elementCount(name, shape);
        if (leaves.size() != expected) {
            throw ApiException.badRequest("input '" + name + "' has " + leaves.size() + " elements, expected "
                    + expected + " for shape " + Arrays.toString(shape));
        }
        return new TensorData(name, datatype, shape, convert(name, datatype, leaves));
    }

    /** Nested data whose nesting is its shape (TF Serving); a scalar has shape []. Ragged nesting is refused. */
    static TensorData nested(String name, Datatype datatype, JsonNode data) {
        List<Long> shape = new ArrayList<>();
        for (JsonNode level = data; level.isArray(); level = level.get(0)) {
            shape.add((long) level.size());
            if (level.isEmpty()) {
                break;
            }
        }
        long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
        checkRectangular(name, data, dims, 0);
        List<JsonNode> leaves = new ArrayList<>();
        collectLeaves(name, data, leaves);
        return new TensorData(name, datatype, dims, convert(name, datatype, leaves));
    }

    private static long elementCount(String name, long[] shape) {
        for (long dim : shape) {
            if (dim < 0) {
                throw ApiException.badRequest("input '" + name + "' has shape " + Arrays.toString(shape)
                        + ", expected non-negative dimensions");
            }
        }
        try {
            return TensorData.elementCount(shape);
        } catch (ArithmeticException e) {
            throw ApiException.badRequest("input '" + name + "' has shape " + Arrays.toString(shape)
                    + ", too many elements");
        }
    }

    private static void checkRectangular(String name, JsonNode node, long[] shape, int depth) {
        if (depth == shape.length) {
            if (node.isArray()) {
                throw ApiException.badRequest("input '" + name + "' is ragged: nesting deeper than shape "
                        + Arrays.toString(shape));
            }
            return;
        }
        if (!node.isArray() || node.size() != shape[depth]) {
            throw ApiException.badRequest("input '" + name + "' is ragged: expected " + shape[depth]
                    + " elements at depth " + depth + " as in shape " + Arrays.toString(shape));
        }
        for (JsonNode child : node) {
            checkRectangular(name, child, shape, depth + 1);
        }
    }

    private static void collectLeaves(String name, JsonNode node, List<JsonNode> into) {
        if (node == null || node.isNull() || node.isObject()) {
            throw ApiException.badRequest("input '" + name + "' has data " + (node == null ? "missing" : node)
                    + ", expected an array of values");
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                collectLeaves(name, child, into);
            }
        } else {
            into.add(node);
        }
    }

    private static Object convert(String name, Datatype datatype, List<JsonNode> leaves) {
        int n = leaves.size();
        switch (datatype) {
            case FP32 -> {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (float) number(name, datatype, leaves, i).doubleValue();
                }
                return values;
            }
            case FP64 -> {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = number(name, datatype, leaves, i).doubleValue();
                }
                return values;
            }
            case INT32 -> {
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    JsonNode leaf = integer(name, datatype, leaves, i);
                    if (!leaf.canConvertToInt()) {
                        throw element(name, datatype, leaves, i);
                    }
                    values[i] = leaf.intValue();
                }
                return values;
            }
            case INT64 -> {
                long[] values = new long[n];
                for (int i = 0; i < n; i++) {
                    JsonNode leaf = integer(name, datatype, leaves, i);
                    if (!leaf.canConvertToLong()) {
                        throw element(name, datatype, leaves, i);
                    }
                    values[i] = leaf.longValue();
                }
                return values;
            }
            case BOOL -> {
                boolean[] values = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (!leaves.get(i).isBoolean()) {
                        throw element(name, datatype, leaves, i);
                    }
                    values[i] = leaves.get(i).booleanValue();
                }
                return values;
            }
            case BYTES -> {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    if (!leaves.get(i).isTextual()) {
                        throw element(name, datatype, leaves, i);
                    }
                    values[i] = leaves.get(i).textValue();
                }
                return values;
            }
            default -> throw new IllegalStateException("unhandled datatype " + datatype);
        }
    }

    private static Number number(String name, Datatype datatype, List<JsonNode> leaves, int i) {
        if (!leaves.get(i).isNumber()) {
            throw element(name, datatype, leaves, i);
        }
        return leaves.get(i).numberValue();
    }

    private static JsonNode integer(String name, Datatype datatype, List<JsonNode> leaves, int i) {
        if (!leaves.get(i).isIntegralNumber()) {
            throw element(name, datatype, leaves, i);
        }
        return leaves.get(i);
    }

    private static ApiException element(String name, Datatype datatype, List<JsonNode> leaves, int i) {
        return ApiException.badRequest("input '" + name + "' element " + i + " is " + leaves.get(i)
                + ", expected a value of datatype " + datatype);
    }
}
