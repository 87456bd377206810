package io.gatehouse.config;

import java.util.List;
import java.util.Map;

/**
 * A model as the config declares it: the base of the registry's desired state, which admin changes may override.
 *
 * @param backendName the model's name on its backends (default: {@code name})
 * @param upstream    the upstream of versions that name none
 * @param labels      label to version, e.g. {@code stable: "1"}
 * @param defaultTarget a label, a version, or {@code latest} (the highest AVAILABLE version)
 * @param traffic     how requests naming neither version nor label are split; null to send them to the default
 * @param shadow      a version that sees a copy of some requests; null for none
 * @param managed     whether the gateway loads and unloads versions through the backend's management API
 * @param rollback    when a canary's weight drops to 0 on its own; null for never
 * @param aliases     other names clients may ask for the model by (OpenAI-style models only)
 */
public record ModelConfig(String name, ModelProtocol protocol, String backendName, String upstream,
                          List<ModelVersionConfig> versions, Map<String, String> labels, String defaultTarget,
                          TrafficConfig traffic, ShadowConfig shadow, ModelQueueConfig queue, boolean managed,
                          RollbackConfig rollback, List<String> aliases) {

    public static final String LATEST = "latest";

    public ModelConfig {
        versions = List.copyOf(versions);
        labels = Map.copyOf(labels);
        aliases = List.copyOf(aliases);
    }
}
