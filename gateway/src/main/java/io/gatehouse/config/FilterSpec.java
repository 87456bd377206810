package io.gatehouse.config;

import io.gatehouse.filter.Phase;
import java.time.Duration;

/**
 * A filter instance on a route: the registered factory name and the typed settings that factory parsed and
 * validated when the config loaded, with the instance's own options.
 *
 * @param phase   where the instance runs instead of its factory's phase; null for the factory's
 * @param timeout the longest its pending request decision may take; null for the route's {@code timeouts.filter}
 */
public record FilterSpec(String name, Object settings, Phase phase, Duration timeout) {

    /** An instance with its factory's phase and the route's filter timeout. */
    public FilterSpec(String name, Object settings) {
        this(name, settings, null, null);
    }
}
