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
        if (config instanceof DiscoveryConfig.Dns dns) {
            return new DnsSource(upstream, dns, executor, resolver);
        }
        if (config instanceof DiscoveryConfig.File file) {
            return new FileSource(upstream, file.path(), executor, resolver);
        }
        throw new IllegalArgumentException("upstream " + upstream + ": no dynamic source for " + config
                + "; static endpoints are resolved by the registry");
    }
}
