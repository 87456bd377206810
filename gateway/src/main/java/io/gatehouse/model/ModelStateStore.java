package io.gatehouse.model;

import java.io.IOException;

/**
 * Where admin changes to the models are kept, so that they survive a restart: a file on one node now, a shared
 * store for a cluster later.
 */
public interface ModelStateStore {

    /** What was saved last; {@link ModelOverrides#NONE} when nothing was. */
    ModelOverrides load() throws IOException;

    /** Replaces what is kept, so that a crash leaves either the old state or the new one. */
    void save(ModelOverrides overrides) throws IOException;

    /** A store that keeps the state in memory only, for a gateway with no state file. */
    static ModelStateStore inMemory() {
        return new ModelStateStore() {
            private volatile ModelOverrides saved = ModelOverrides.NONE;

            @Override
            public ModelOverrides load() {
                return saved;
            }

            @Override
            public void save(ModelOverrides overrides) {
                saved = overrides;
            }
        };
    }
}
