package io.gatehouse.config;

import java.util.List;

/**
 * A client-facing model API family served under a prefix, with the filters (auth, limits, ...) its requests take.
 */
public record ModelApiConfig(ModelProtocol protocol, String prefix, List<FilterSpec> filters) {

    public ModelApiConfig {
        filters = List.copyOf(filters);
    }
}
