package io.gatehouse.model;

import java.util.Collections;
import io.gatehouse.config.ModelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The node's models: an immutable map behind one atomic reference, read by the event loops without locks and
 * replaced whole by the control plane (config loads, admin calls, the reconciler), never on an event loop.
 */
public final class ModelRegistry {

    private final AtomicReference<Map<String, ModelView>> models = new AtomicReference<>(Map.of());
    private final VersionLoad load = new VersionLoad();

    /** The in-flight and queued requests of every version, with the queues that bound them. */
    public VersionLoad load() {
        return load;
    }

    /** Every model now, by name, in declaration order. */
    public Map<String, ModelView> current() {
        return models.get();
    }

    /**
     * Makes {@code configs} the models: a model or version that stays keeps its state; a new one starts in
     * {@link VersionState#START} until the control plane loads it; labels, default and traffic come from the config.
     */
    public void apply(List<ModelConfig> configs) {
        update(now -> {
            Map<String, ModelView> next = new LinkedHashMap<>();
            for (ModelConfig config : configs) {
                ModelView fresh = ModelView.of(config);
                ModelView before = now.get(config.name());
                if (before != null) {
                    for (VersionView version : fresh.versions().values()) {
                        VersionView kept = before.versions().get(version.version());
                        if (kept != null && kept.upstream().equals(version.upstream())) {
                            fresh = fresh.withVersion(kept);
                        }
                    }
                }
                next.put(config.name(), fresh);
            }
            return next;
        });
    }

    /** The model of that name now; null when there is none. */
    public ModelView model(String name) {
        return models.get().get(name);
    }

    /**
     * Applies {@code change} to the whole map atomically; it may be called again when another change got in first,
     * so it must only compute.
     */
    public Map<String, ModelView> update(UnaryOperator<Map<String, ModelView>> change) {
        return models.updateAndGet(now -> Collections.unmodifiableMap(new LinkedHashMap<>(change.apply(now))));
    }

    /** Replaces one model with what {@code change} makes of it; nothing happens when the model is gone. */
    public ModelView updateModel(String name, UnaryOperator<ModelView> change) {
        Map<String, ModelView> after = update(now -> {
            ModelView model = now.get(name);
            if (model == null) {
                return now;
            }
            Map<String, ModelView> next = new LinkedHashMap<>(now);
            next.put(name, change.apply(model));
            return next;
        });
        return after.get(name);
    }
}
