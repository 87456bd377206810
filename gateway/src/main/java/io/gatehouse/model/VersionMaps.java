package io.gatehouse.model;

import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/** The node's per-version state in two-level maps, model then version, which event loops fill as requests come. */
final class VersionMaps {

    private VersionMaps() {
    }

    /**
     * Drops the versions {@code live} rejects, and the emptied map of a model that is gone. A model still there keeps
     * its map even when empty: an event loop may be adding a version's state to it, which must not land in a map
     * already taken out.
     */
    static <T> void retain(Map<String, Map<String, T>> byModel, Predicate<String> liveModel,
                           BiPredicate<String, String> live) {
        byModel.forEach((model, versions) -> {
            versions.keySet().removeIf(version -> !live.test(model, version));
            if (!liveModel.test(model)) {
                byModel.remove(model, Map.of());
            }
        });
    }
}
