package io.gatehouse.upstream.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.config.DiscoveryConfig;
import io.gatehouse.config.EndpointConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EndpointSourcesTest {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void buildsTheSourceTheConfigNames() {
        assertThat(EndpointSources.create("api", new DiscoveryConfig.Dns("api.internal", 80, Duration.ofSeconds(30)),
                executor, HostResolver.SYSTEM)).isInstanceOf(DnsSource.class);
        assertThat(EndpointSources.create("api", new DiscoveryConfig.File(Path.of("endpoints.yaml")), executor,
                HostResolver.SYSTEM)).isInstanceOf(FileSource.class);
    }

    @Test
    void leavesStaticEndpointsToTheRegistry() {
        DiscoveryConfig config = new DiscoveryConfig.Static(List.of(new EndpointConfig("10.0.0.1", 80, 1)));

        assertThatThrownBy(() -> EndpointSources.create("api", config, executor, HostResolver.SYSTEM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upstream api: no dynamic source for " + config
                        + "; static endpoints are resolved by the registry");
    }
}
