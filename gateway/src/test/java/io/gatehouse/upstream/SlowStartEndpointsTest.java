package io.gatehouse.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConfigLoader;
import io.gatehouse.config.UpstreamConfig;
import io.gatehouse.filter.FilterRegistry;
import io.gatehouse.internal.NanoClock;
import io.gatehouse.testing.EndpointsFileWriter;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.TestResources;
import io.gatehouse.transport.EventLoops;
import io.gatehouse.transport.Transport;
import io.gatehouse.upstream.discovery.HostResolver;
import io.gatehouse.upstream.lb.RandomSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which endpoints slow start ramps up: those that join an upstream that has endpoints already and those that
 * become available again; never those an upstream starts with, whether listed in the config or discovered.
 */
class SlowStartEndpointsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventLoops loops = new EventLoops(Transport.NIO, 1);
    private final UpstreamRegistry registry = new UpstreamRegistry(loops, (name, endpoint) -> () -> { },
            NanoClock.SYSTEM, RandomSource.THREAD_LOCAL, HostResolver.SYSTEM);

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        TestResources.closeAll(registry::retireAll,
                () -> loops.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly());
    }

    private Upstream apply(String settings) throws IOException {
        Path config = directory.resolve("gatehouse.yaml");
        String yaml = "upstreams:\n  app: { slow-start: 30s, " + settings + " }\n";
        Files.writeString(config, yaml);
        Map<String, UpstreamConfig> upstreams = new ConfigLoader(FilterRegistry.builtins(), name -> null)
                .parse(yaml, config).upstreams();
        return registry.apply(upstreams, config.toString()).get("app");
    }

    @Test
    void discoveredEndpointsAnUpstreamStartsWithTakeTheirFullShareAndLaterOnesRamp() throws IOException {
        EndpointsFileWriter file = new EndpointsFileWriter(directory.resolve("endpoints.yaml"));
        file.write("127.0.0.1:1", "127.0.0.1:2");
        Upstream app = apply("discovery: { file: endpoints.yaml }");
        Eventually.await("the first list", WAIT, () -> app.endpoints().size() == 2);
        assertThat(app.endpoints()).allSatisfy(endpoint -> assertThat(ramping(endpoint)).isFalse());

        file.write("127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3");
        Eventually.await("the third endpoint", WAIT, () -> app.endpoints().size() == 3);
        assertThat(app.endpoints()).extracting(SlowStartEndpointsTest::ramping).containsExactly(false, false, true);
    }

    @Test
    void endpointsListedInTheConfigTakeTheirFullShareAndRecoveredOnesRamp() throws IOException {
        Upstream app = apply("endpoints: [ { address: \"127.0.0.1:1\" }, { address: \"127.0.0.1:2\" } ]");
        List<Endpoint> endpoints = app.endpoints();
        assertThat(endpoints).allSatisfy(endpoint -> assertThat(ramping(endpoint)).isFalse());

        endpoints.get(0).health().checkFailing(true);
        app.refresh();
        assertThat(ramping(endpoints.get(0))).isFalse();
        endpoints.get(0).health().checkFailing(false);
        app.refresh();
        assertThat(endpoints).extracting(SlowStartEndpointsTest::ramping).containsExactly(true, false);
    }

    private static boolean ramping(Endpoint endpoint) {
        return endpoint.rampStartNanos() != Long.MIN_VALUE;
    }
}
