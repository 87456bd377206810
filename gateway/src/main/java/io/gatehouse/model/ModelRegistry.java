package io.gatehouse.model;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.ModelConfig;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.observe.GatewayMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's models: an immutable map behind one volatile reference, read by the event loops without locks and
 * replaced whole by the control plane (config loads, admin calls, the reconciler), never on an event loop. The
 * node's state of each version (queue, outcomes, shadow counts, meters) lives as long as the version does.
 */
public final class ModelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private volatile Map<String, ModelView> models = Map.of();
    /** Admin changes, applied on top of every config; set before the registry shows what they change. */
    private volatile ModelOverrides overrides = ModelOverrides.NONE;
    private final VersionLoad load = new VersionLoad();
    private final VersionOutcomes outcomes;
    private final ShadowTraffic shadows = new ShadowTraffic();
    /** Told, under the registry's lock, of the versions each change takes out. */
    private volatile Consumer<List<VersionDeparture>> departures = gone -> { };
    /** Where the model filters register each version's meters, so that gone versions' meters can go too. */
    private final GatewayMetrics metrics;

    /** A registry whose versions have no meters to remove. */
    public ModelRegistry() {
        this(NanoClock.SYSTEM, null);
    }

    /** @param metrics where the node's model filters register version meters */
    public ModelRegistry(GatewayMetrics metrics) {
        this(NanoClock.SYSTEM, metrics);
    }

    /** @param clock stamps the outcomes that canary checks compare */
    public ModelRegistry(NanoClock clock, GatewayMetrics metrics) {
        this.outcomes = new VersionOutcomes(clock);
        this.metrics = metrics;
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
        return models;
    }

    /**
     * Who clears what a departed version leaves (the control plane): told under the registry's lock, before any
     * later change or {@link #sweep} can see the registry without the version, so it must only take note.
     */
    void departures(Consumer<List<VersionDeparture>> listener) {
        departures = listener;
    }

    /**
     * Drops the node's state (queue, outcomes, shadow counts, meters) of every version that is not in the registry
     * and not {@code held} (by a drain that still reads its counts). Event loops may recreate a version's state
     * just as it goes; the next sweep takes that too.
     */
    synchronized void sweep(Predicate<VersionKey> held) {
        Map<String, ModelView> now = models;
        BiPredicate<String, String> live = (model, version) -> {
            ModelView view = now.get(model);
            return view != null && view.versions().containsKey(version) || held.test(new VersionKey(model, version));
        };
        load.retain(now::containsKey, live);
        outcomes.retain(now::containsKey, live);
        shadows.retain(now::containsKey, live);
        if (metrics != null) {
            metrics.retainModelVersions(now::containsKey, live);
        }
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
        return models.get(name);
    }

    /** The version now; null when it is not in the registry. */
    VersionView version(VersionKey key) {
        ModelView model = models.get(key.model());
        return model == null ? null : model.versions().get(key.version());
    }

    /**
     * Shows the version in its new state (only if it is still there, unless {@code add}), logging a change of
     * state: {@code model linear version 2: LOADING -> AVAILABLE}.
     */
    void setVersion(String model, VersionView next, boolean add) {
        VersionView[] before = new VersionView[1];
        updateModel(model, m -> {
            before[0] = m.versions().get(next.version());
            return before[0] == null && !add ? m : m.withVersion(next);
        });
        VersionState was = before[0] == null ? null : before[0].state();
        if (was != next.state() && (before[0] != null || add)) {
            LOG.info("model {} version {}: {} -> {}{}", model, next.version(), was == null ? "new" : was,
                    next.state(), next.error() == null ? "" : " (" + next.error() + ")");
        }
    }

    /**
     * Applies {@code change} to the whole map atomically (changes come from the control plane only, one at a
     * time) and tells the departure listener of the versions it took out; {@code change} must only compute.
     */
    public synchronized Map<String, ModelView> update(UnaryOperator<Map<String, ModelView>> change) {
        Map<String, ModelView> before = models;
        Map<String, ModelView> after = Collections.unmodifiableMap(new LinkedHashMap<>(change.apply(before)));
        models = after;
        List<VersionDeparture> gone = VersionDeparture.between(before, after);
        if (!gone.isEmpty()) {
            departures.accept(gone);
        }
        return after;
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
