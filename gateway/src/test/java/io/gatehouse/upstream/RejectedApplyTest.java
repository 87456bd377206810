package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.ConfigException;
import io.gatehouse.config.ConfigLoader;
import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.testing.TestResources;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.transport.Transport;
import io.gatehouse.upstream.discovery.HostResolver;
import io.gatehouse.upstream.lb.RandomSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A set of upstreams the registry cannot apply is rejected as a whole: nothing of it takes effect. */
class RejectedApplyTest {

    private final EventLoops loops = new EventLoops(Transport.NIO, 1);
    private final List<String> gauges = new ArrayList<>();
    private final UpstreamRegistry registry = new UpstreamRegistry(loops, (upstream, endpoint) -> {
        String gauge = upstream + " " + endpoint.authority();
        gauges.add(gauge);
        return () -> gauges.remove(gauge);
    }, NanoClock.SYSTEM, RandomSource.THREAD_LOCAL, HostResolver.SYSTEM);

    @AfterEach
    void stop() {
        TestResources.closeAll(registry::retireAll,
                () -> loops.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    }

    private static Map<String, UpstreamConfig> upstreams(String yaml) {
        return new LinkedHashMap<>(new ConfigLoader(FilterRegistry.builtins(), name -> null)
                .parse("upstreams:\n" + yaml, "test.yaml").upstreams());
    }

    @Test
    void anUpstreamWhoseBalancerCannotBeBuiltLeavesTheOthersAsTheyWere() {
        Upstream app = registry.apply(upstreams("  app: { endpoints: [ { address: \"127.0.0.1:1\" } ] }\n"),
                "v1.yaml").get("app");
        Map<String, UpstreamConfig> next = upstreams("""
                  app: { endpoints: [ { address: "127.0.0.1:2" } ] }
                  other: { endpoints: [ { address: "127.0.0.1:3" } ] }
                """);
        UpstreamConfig other = next.get("other");
        // Validation knows every balancer name; a build that lacks one must still refuse it whole.
        next.put("other", new UpstreamConfig(other.name(), "no-such-balancer", other.hash(), other.slowStart(),
                other.discovery(), other.healthCheck(), other.outlier(), other.breaker(), other.limits(),
                other.pool(), other.panicThreshold()));

        assertThatThrownBy(() -> registry.apply(next, "v2.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("upstreams.other.balancer")
                .hasMessageContaining("no-such-balancer");

        assertThat(app.endpoints()).extracting(Endpoint::authority).containsExactly("127.0.0.1:1");
        assertThat(registry.upstreams(List.of("app", "other"))).containsExactly(app);
        assertThat(gauges).containsExactly("app 127.0.0.1:1");
    }
}
