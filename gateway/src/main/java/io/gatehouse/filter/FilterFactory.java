package io.gatehouse.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.config.ConfigErrors;

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

    /** Parses {@code node}; records every problem under {@code path} and returns null when any was found. */
    S parse(JsonNode node, String path, ConfigErrors errors);

    /** Builds the filter for one route; called when a config loads, off the event loops. */
    Filter create(S settings, FilterContext context);
}
