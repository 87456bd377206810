package io.gatehouse.upstream;

import io.gatehouse.config.ConfigLoader;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.upstream.discovery.HostResolver;
import io.gatehouse.upstream.lb.RandomSource;

/** Upstreams built from YAML by a registry as the gateway builds them, with no pool gauges to register. */
final class TestUpstreams {

    private TestUpstreams() {
    }

    static UpstreamRegistry registry(EventLoops loops) {
        return new UpstreamRegistry(loops, (name, endpoint) -> () -> { }, NanoClock.SYSTEM, RandomSource.THREAD_LOCAL,
                HostResolver.SYSTEM);
    }

    /** Applies the {@code upstreams} of {@code yaml} and answers the one named {@code name}. */
    static Upstream apply(UpstreamRegistry registry, String yaml, String name) {
        return registry.apply(new ConfigLoader(FilterRegistry.builtins(), variable -> null).parse(yaml, "test.yaml")
                .upstreams(), "test.yaml").get(name);
    }
}
