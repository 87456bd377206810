package io.gatehouse.upstream.discovery;

import io.gatehouse.config.DiscoveryConfig;
import java.util.concurrent.ScheduledExecutorService;

/** Builds the source a dynamic discovery config names. */
public final class EndpointSources {

    private EndpointSources() {
    }

    /**
     * @param upstream for log lines
     * @param executor where resolving, reading and polling run
     * @throws IllegalArgumentException for static endpoints, which the registry resolves itself
     */
    public static EndpointSource create(String upstream, DiscoveryConfig config, ScheduledExecutorService executor,
                                        HostResolver resolver) {
        throw new IllegalArgumentException("no dynamic source for " + config);
    }
}
