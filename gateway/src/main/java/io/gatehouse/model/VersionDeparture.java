package io.gatehouse.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A version that a change of the registry took out, or moved to another upstream (where it starts anew): what is
 * left of it on its backends and in the node is for the control plane to clear.
 *
 * @param model   the model as it was, which says how its backends are managed
 * @param version the version as it was
 */
record VersionDeparture(ModelView model, VersionView version) {

    VersionKey key() {
        return new VersionKey(model.name(), version.version());
    }

    /** Every version of {@code before} that {@code after} lacks or holds on another upstream. */
    static List<VersionDeparture> between(Map<String, ModelView> before, Map<String, ModelView> after) {
        List<VersionDeparture> gone = new ArrayList<>();
        before.forEach((name, model) -> {
            ModelView next = after.get(name);
            model.versions().forEach((id, version) -> {
                VersionView now = next == null ? null : next.versions().get(id);
                if (now == null || !now.upstream().equals(version.upstream())) {
                    gone.add(new VersionDeparture(model, version));
                }
            });
        });
        return gone;
    }
}
