package io.gatehouse.model;

import java.util.Map;
import java.util.TreeMap;

/** Every model's admin changes, by model name; immutable, replaced whole. */
public record ModelOverrides(Map<String, ModelOverride> models) {

    public static final ModelOverrides NONE = new ModelOverrides(Map.of());

    public ModelOverrides {
        models = Map.copyOf(models);
    }

    /** The model's changes; {@link ModelOverride#NONE} when there are none. */
    public ModelOverride of(String model) {
        return models.getOrDefault(model, ModelOverride.NONE);
    }

    /** These overrides with the model's replaced (dropped when it changes nothing). */
    public ModelOverrides with(String model, ModelOverride override) {
        Map<String, ModelOverride> next = new TreeMap<>(models);
        if (override.none()) {
            next.remove(model);
        } else {
            next.put(model, override);
        }
        return new ModelOverrides(next);
    }
}
