package io.gatehouse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Where an upstream's endpoints come from. Further sources (etcd) add a record here and a source to match. */
public sealed interface DiscoveryConfig {

    /** Endpoints listed in the config ({@code endpoints: [...]}). */
    record Static(List<EndpointConfig> endpoints) implements DiscoveryConfig {
        public Static {
            endpoints = List.copyOf(endpoints);
        }
    }

    /** Every A and AAAA record of {@code host}, on {@code port}, re-resolved every {@code refresh}. */
    record Dns(String host, int port, Duration refresh) implements DiscoveryConfig {
    }

    /** A JSON or YAML file listing endpoints, reloaded when it changes. Relative paths are against the config. */
    record File(Path path) implements DiscoveryConfig {
    }
}
