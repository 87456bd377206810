package io.gatehouse.serving;

import java.util.Map;

/**
 * A model's {@code config.yaml}: the version policy, how many sessions each version runs (instances), the largest
 * batch a request may send (0: no limit), and shapes that replace the graph's own for named inputs and outputs.
 */
record ModelConfig(VersionPolicy versionPolicy, int instances, int maxBatchSize, Map<String, long[]> inputShapes,
                   Map<String, long[]> outputShapes) {

    static final ModelConfig DEFAULT = new ModelConfig(VersionPolicy.DEFAULT, 1, 0, Map.of(), Map.of());

    ModelConfig {
        inputShapes = Map.copyOf(inputShapes);
        outputShapes = Map.copyOf(outputShapes);
    }
}
