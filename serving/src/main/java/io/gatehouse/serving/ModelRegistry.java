package io.gatehouse.serving;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What is loaded: per model, the AVAILABLE versions ready to run and every version's status. Requests read it
 * from any thread without locks; only the loader thread changes it.
 */
final class ModelRegistry {

    private final Map<String, ModelEntry> models = new ConcurrentHashMap<>();

    /** A model's versions: those serving, and the status of every version that was ever asked for. */
    record ModelEntry(NavigableMap<Long, ServedVersion> available, NavigableMap<Long, VersionStatus> statuses) {
    }

    ModelEntry entry(String model) {
        return models.computeIfAbsent(model,
                name -> new ModelEntry(new ConcurrentSkipListMap<>(), new ConcurrentSkipListMap<>()));
    }

    boolean knows(String model) {
        return models.containsKey(model);
    }

    List<String> modelNames() {
        return models.keySet().stream().sorted().toList();
    }

    /** The version that serves {@code version}, or the latest available when it is null; null when none does. */
    ServedVersion serving(String model, Long version) {
        ModelEntry entry = models.get(model);
        if (entry == null) {
            return null;
        }
        if (version == null) {
            Map.Entry<Long, ServedVersion> latest = entry.available().lastEntry();
            return latest == null ? null : latest.getValue();
        }
        return entry.available().get(version);
    }

    /** Every version's status, oldest version first; empty for a model never asked for. */
    List<VersionStatus> statuses(String model) {
        ModelEntry entry = models.get(model);
        return entry == null ? List.of() : List.copyOf(entry.statuses().values());
    }

    VersionStatus status(String model, long version) {
        ModelEntry entry = models.get(model);
        return entry == null ? null : entry.statuses().get(version);
    }

    /** The version serving the request, or a 404 saying what state the version is in. */
    ServedVersion require(String model, Long version) {
        ServedVersion served = serving(model, version);
        if (served != null) {
            return served;
        }
        if (version == null) {
            throw ApiException.notFound("model '" + model + "' has no version available");
        }
        VersionStatus status = status(model, version);
        throw ApiException.notFound("model '" + model + "' version " + version + " is not available"
                + (status == null ? "" : " (state " + status.state()
                        + (status.failed() ? ": " + status.error() : "") + ")"));
    }
}
