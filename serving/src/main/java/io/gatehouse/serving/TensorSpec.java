package io.gatehouse.serving;

import java.util.Arrays;

/** A model input or output as served: its name, element type and shape, -1 for a dynamic dimension. */
public record TensorSpec(String name, Datatype datatype, long[] shape) {

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether a concrete shape fits this one: same rank, and every fixed dimension equal. */
    boolean accepts(long[] concrete) {
        if (concrete.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != concrete[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec that && name.equals(that.name) && datatype == that.datatype
                && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + datatype.hashCode()) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Arrays.toString(shape);
    }
}
