package io.gatehouse.model;

import java.io.IOException;
import java.util.function.UnaryOperator;

/**
 * Changes made through the admin API, kept in the state store so that they survive restarts and win over the config:
 * read into the registry's overrides at start, and each saved before the registry shows it.
 */
final class AdminChanges {

    private final ModelRegistry registry;
    private final ModelStateStore store;

    AdminChanges(ModelRegistry registry, ModelStateStore store) {
        this.registry = registry;
        this.store = store;
    }

    /** @throws IllegalStateException when the store cannot be read */
    void restore() {
        try {
            registry.overrides(store.load());
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore the model state: " + e.getMessage(), e);
        }
    }

    /**
     * Saves {@code change} to the model's overrides, then makes them the registry's; on the control thread.
     *
     * @throws ModelControlException (500) when the store cannot save it, and nothing changed
     */
    void keep(String model, UnaryOperator<ModelOverride> change) {
        ModelOverrides now = registry.overrides();
        ModelOverrides next = now.with(model, change.apply(now.of(model)));
        try {
            store.save(next);
        } catch (IOException e) {
            throw new ModelControlException(500, "cannot save the model state, nothing changed: " + e.getMessage());
        }
        registry.overrides(next);
    }
}
