package io.gatehouse.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads {@code models}, {@code model-apis} and {@code model-registry}. */
final class ModelSection {

    private ModelSection() {
    }

    static List<ModelConfig> models(ConfigNode node, Map<String, UpstreamConfig> upstreams) {
        node.items();
        return new ArrayList<>();
    }

    static List<ModelApiConfig> apis(ConfigNode node) {
        node.entries();
        return new ArrayList<>();
    }

    static ModelRegistryConfig registry(ConfigNode node) {
        node.expectMap();
        return ModelRegistryConfig.DEFAULT;
    }
}
