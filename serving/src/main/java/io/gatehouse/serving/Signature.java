package io.gatehouse.serving;

import java.util.List;
import java.util.stream.Collectors;

/** What a model version takes and gives, and the largest batch (first dimension) it accepts; 0 for no limit. */
record Signature(List<TensorSpec> inputs, List<TensorSpec> outputs, int maxBatchSize) {

    Signature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    TensorSpec input(String name) {
        return find(inputs, name);
    }

    TensorSpec output(String name) {
        return find(outputs, name);
    }

    static String names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).collect(Collectors.joining(", "));
    }

    private static TensorSpec find(List<TensorSpec> specs, String name) {
        for (TensorSpec spec : specs) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        return null;
    }
}
