package io.gatehouse.model;

import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.TrafficConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What admin calls changed in one model, winning over its config until removed.
 *
 * @param loaded   versions loaded through the admin API, to their upstream
 * @param unloaded versions unloaded through the admin API: gone even when the config declares them
 * @param labels   labels moved through the admin API, to their version
 * @param traffic  weights and shadow set through the admin API; null when the config's apply
 */
public record ModelOverride(Map<String, String> loaded, Set<String> unloaded, Map<String, String> labels,
                            TrafficOverride traffic) {

    /** Weights (null: no split) and shadow (null: none) that replace the config's. */
    public record TrafficOverride(TrafficConfig split, ShadowConfig shadow) {
    }

    public static final ModelOverride NONE = new ModelOverride(Map.of(), Set.of(), Map.of(), null);

    public ModelOverride {
        loaded = Map.copyOf(loaded);
        unloaded = Set.copyOf(unloaded);
        labels = Map.copyOf(labels);
    }

    /** Whether it changes nothing. */
    public boolean none() {
        return loaded.isEmpty() && unloaded.isEmpty() && labels.isEmpty() && traffic == null;
    }

    public ModelOverride withLoaded(String version, String upstream) {
        Map<String, String> nextLoaded = new LinkedHashMap<>(loaded);
        nextLoaded.put(version, upstream);
        Set<String> nextUnloaded = new TreeSet<>(unloaded);
        nextUnloaded.remove(version);
        return new ModelOverride(nextLoaded, nextUnloaded, labels, traffic);
    }

    public ModelOverride withUnloaded(String version) {
        Map<String, String> nextLoaded = new LinkedHashMap<>(loaded);
        nextLoaded.remove(version);
        Set<String> nextUnloaded = new TreeSet<>(unloaded);
        nextUnloaded.add(version);
        return new ModelOverride(nextLoaded, nextUnloaded, labels, traffic);
    }

    public ModelOverride withLabel(String label, String version) {
        Map<String, String> next = new LinkedHashMap<>(labels);
        next.put(label, version);
        return new ModelOverride(loaded, unloaded, next, traffic);
    }

    public ModelOverride withTraffic(TrafficConfig split, ShadowConfig shadow) {
        return new ModelOverride(loaded, unloaded, labels, new TrafficOverride(split, shadow));
    }

    /** The model as its config declares it with these changes on top; versions added here start in START. */
    public ModelView applyTo(ModelView fromConfig) {
        if (none()) {
            return fromConfig;
        }
        Map<String, VersionView> versions = new LinkedHashMap<>(fromConfig.versions());
        versions.keySet().removeAll(unloaded);
        loaded.forEach((version, upstream) -> {
            VersionView declared = versions.get(version);
            if (declared == null || !declared.upstream().equals(upstream)) {
                versions.put(version, new VersionView(version, upstream, VersionState.START, null));
            }
        });
        Map<String, String> nextLabels = new LinkedHashMap<>(fromConfig.labels());
        nextLabels.putAll(labels);
        ModelView view = new ModelView(fromConfig.name(), fromConfig.protocol(), fromConfig.backendName(),
                fromConfig.upstream(), versions, nextLabels, fromConfig.defaultTarget(), fromConfig.traffic(),
                fromConfig.shadow(), fromConfig.queue(), fromConfig.managed(), fromConfig.rollback(),
                fromConfig.aliases());
        return traffic == null ? view : view.withTraffic(traffic.split(), traffic.shadow());
    }
}
