package io.gatehouse.filter;

import io.gatehouse.config.FilterSettingsNode;

/**
 * Builds one kind of filter, registered under an explicit name. Settings are parsed and validated once, when the
 * config loads, into an immutable record of type {@code S}.
 */
public interface FilterFactory<S> {

    /** The name a route's {@code filters} list uses, e.g. {@code headers}. */
    String name();

    Phase phase();

    /** Orders filters within a phase; ties keep config order. */
    default int order() {
        return 0;
    }

    /**
     * Parses {@code settings}; records every problem under their path and returns null when any was found. Files
     * they name are relative to the config's directory, and secrets come from the environment or a file.
     */
    S parse(FilterSettingsNode settings);

    /** Builds the filter for one route; called when a config loads, off the event loops. */
    Filter create(S settings, FilterContext context);
}
