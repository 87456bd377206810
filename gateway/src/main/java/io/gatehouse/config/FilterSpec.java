package io.gatehouse.config;

/**
 * A filter instance on a route: the registered factory name and the typed settings that factory parsed and
 * validated when the config loaded.
 */
public record FilterSpec(String name, Object settings) {
}
