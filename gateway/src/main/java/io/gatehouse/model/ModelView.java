package io.gatehouse.model;

import io.gatehouse.config.ModelConfig;
import io.gatehouse.config.ModelProtocol;
import io.gatehouse.config.ModelQueueConfig;
import io.gatehouse.config.RollbackConfig;
import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.TrafficConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model as the registry holds it now: immutable, replaced whole on every change, read by every event loop.
 *
 * @param versions by version id, in the order they were declared or added
 * @param labels   label to version
 * @param defaultTarget a label, a version, or {@link ModelConfig#LATEST}
 * @param rollback when a canary's weight drops to 0 on its own (from the config only); null for never
 * @param aliases  other names clients may ask for the model by (from the config only)
 */
public record ModelView(String name, ModelProtocol protocol, String backendName, String upstream,
                        Map<String, VersionView> versions, Map<String, String> labels, String defaultTarget,
                        TrafficConfig traffic, ShadowConfig shadow, ModelQueueConfig queue, boolean managed,
                        RollbackConfig rollback, List<String> aliases) {

    public ModelView {
        versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        labels = Map.copyOf(labels);
        aliases = List.copyOf(aliases);
    }

    /** The model as its config declares it, every version not yet loaded. */
    public static ModelView of(ModelConfig config) {
        Map<String, VersionView> versions = new LinkedHashMap<>();
        config.versions().forEach(v -> versions.put(v.version(), new VersionView(v.version(), v.upstream(),
                VersionState.START, null)));
        return new ModelView(config.name(), config.protocol(), config.backendName(), config.upstream(), versions,
                config.labels(), config.defaultTarget(), config.traffic(), config.shadow(), config.queue(),
                config.managed(), config.rollback(), config.aliases());
    }

    /** The version a label or version id names; null when it names none. */
    public VersionView resolve(String labelOrVersion) {
        String version = labels.getOrDefault(labelOrVersion, labelOrVersion);
        return versions.get(version);
    }

    /**
     * The version that requests naming no version get when no traffic split applies: the default label's or
     * version's, or with {@code latest} the AVAILABLE version with the highest number (else the last declared).
     */
    public VersionView defaultVersion() {
        if (!ModelConfig.LATEST.equals(defaultTarget)) {
            return resolve(defaultTarget);
        }
        VersionView latest = null;
        for (VersionView version : versions.values()) {
            if (version.available() && (latest == null || newer(version.version(), latest.version()))) {
                latest = version;
            }
        }
        return latest;
    }

    private static boolean newer(String a, String b) {
        try {
            return Long.parseLong(a) > Long.parseLong(b);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    public ModelView withVersion(VersionView version) {
        Map<String, VersionView> next = new LinkedHashMap<>(versions);
        next.put(version.version(), version);
        return new ModelView(name, protocol, backendName, upstream, next, labels, defaultTarget, traffic, shadow,
                queue, managed, rollback, aliases);
    }

    public ModelView withoutVersion(String version) {
        Map<String, VersionView> next = new LinkedHashMap<>(versions);
        next.remove(version);
        return new ModelView(name, protocol, backendName, upstream, next, labels, defaultTarget, traffic, shadow,
                queue, managed, rollback, aliases);
    }

    public ModelView withLabels(Map<String, String> next) {
        return new ModelView(name, protocol, backendName, upstream, versions, next, defaultTarget, traffic, shadow,
                queue, managed, rollback, aliases);
    }

    public ModelView withTraffic(TrafficConfig nextTraffic, ShadowConfig nextShadow) {
        return new ModelView(name, protocol, backendName, upstream, versions, labels, defaultTarget, nextTraffic,
                nextShadow, queue, managed, rollback, aliases);
    }
}
