package io.gatehouse.config;

import java.util.Arrays;

/** The inference protocol a model's backend speaks, and the client-facing API family of the same name. */
public enum ModelProtocol {
    OPEN_INFERENCE_V2("open-inference-v2"),
    TFSERVING("tfserving"),
    TORCHSERVE("torchserve"),
    OPENAI("openai");

    private final String configName;

    ModelProtocol(String configName) {
        this.configName = configName;
    }

    /** The name the config writes, e.g. {@code open-inference-v2}. */
    public String configName() {
        return configName;
    }

    /** Every config name, in declaration order. */
    public static java.util.List<String> configNames() {
        return Arrays.stream(values()).map(ModelProtocol::configName).toList();
    }

    /** The protocol of that config name; null when there is none. */
    public static ModelProtocol named(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst().orElse(null);
    }
}
