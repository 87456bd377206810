package io.gatehouse.model;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.ModelConfig;
import io.gatehouse.internal.NanoClock;
import java.util.ArrayList;
import java.util.Collections;
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
    /** Admin changes, applied on top of every config; set before the registry shows what they change. */
    private volatile ModelOverrides overrides = ModelOverrides.NONE;
    private final VersionLoad load = new VersionLoad();
    private final VersionOutcomes outcomes;
    private final ShadowTraffic shadows = new ShadowTraffic();

    public ModelRegistry() {
        this(NanoClock.SYSTEM);
    }

    /** @param clock stamps the outcomes that canary checks compare */
    public ModelRegistry(NanoClock clock) {
        this.outcomes = new VersionOutcomes(clock);
    }

    /** The in-flight and queued requests of every version, with the queues that bound them. */
    public VersionLoad load() {
        return load;
    }

    /** The recent outcomes of versions of models with rollback settings. */
    public VersionOutcomes outcomes() {
        return outcomes;
    }

    /** The requests mirrored to shadow versions. */
    public ShadowTraffic shadows() {
        return shadows;
    }

    /** Every model now, by name, in declaration order. */
    public Map<String, ModelView> current() {
        return models.get();
    }

    public ModelOverrides overrides() {
        return overrides;
    }

    /**
     * Sets the admin changes that every later {@link #apply} puts on top of the config. The control plane sets
     * them before it changes the models to match, so a config applied meanwhile keeps them.
     */
    public void overrides(ModelOverrides next) {
        overrides = next;
    }

    /**
     * Makes {@code configs} with the admin changes on top the models: a model or version that stays keeps its
     * state; a new one starts in {@link VersionState#START} until the control plane loads it.
     *
     * @throws ConfigException when a label or the default would point at a version that is gone, changing nothing
     */
    public void apply(List<ModelConfig> configs) {
        check(configs);
        update(now -> {
            Map<String, ModelView> next = new LinkedHashMap<>();
            for (ModelConfig config : configs) {
                ModelView fresh = overrides.of(config.name()).applyTo(ModelView.of(config));
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

    /**
     * Refuses configs that, with the admin changes on top, would leave a label or the default pointing at a
     * version that is gone: a reload must not drop a version that clients reach by a label.
     *
     * @throws ConfigException listing every such label
     */
    public void check(List<ModelConfig> configs) {
        List<String> errors = new ArrayList<>();
        ModelOverrides admin = overrides;
        for (ModelConfig config : configs) {
            ModelOverride override = admin.of(config.name());
            ModelView view = override.applyTo(ModelView.of(config));
            view.labels().forEach((label, version) -> {
                if (!view.versions().containsKey(version)) {
                    errors.add("models." + config.name() + ": label '" + label + "' points at version '" + version
                            + "', which " + (override.labels().containsKey(label)
                            ? "this config drops (the label was moved through the admin API: move it to a version"
                            + " that stays first)" : "is not among its versions"));
                }
            });
            String target = view.defaultTarget();
            if (target != null && !ModelConfig.LATEST.equals(target) && view.resolve(target) == null) {
                errors.add("models." + config.name() + ": default '" + target + "' names no label or version that"
                        + " stays");
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException("models", errors);
        }
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
