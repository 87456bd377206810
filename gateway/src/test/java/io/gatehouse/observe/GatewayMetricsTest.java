package io.gatehouse.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private final GatewayMetrics metrics = new GatewayMetrics();

    @Test
    void countsReloadsByResult() {
        metrics.reloadSucceeded();
        metrics.reloadSucceeded();
        metrics.reloadFailed();

        assertThat(metrics.scrape())
                .contains("gatehouse_config_reloads_total{result=\"ok\"} 2")
                .contains("gatehouse_config_reloads_total{result=\"failed\"} 1");
    }

    @Test
    void exportsAccessLogDrops() {
        metrics.accessLogDropped().increment();

        assertThat(metrics.scrape()).contains("gatehouse_access_log_dropped_total 1");
    }

    @Test
    void tracksActiveDownstreamConnections() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();

        assertThat(metrics.scrape()).contains("gatehouse_downstream_connections_active 1");
    }

    @Test
    void registersAndRemovesUpstreamPoolGauges() {
        UpstreamPoolGauges gauges = metrics.upstreamConnections("users", "10.0.0.1:8080", () -> 3, () -> 2);

        String pool = "gatehouse_upstream_pool_connections{endpoint=\"10.0.0.1:8080\",";
        assertThat(metrics.scrape())
                .contains(pool + "state=\"idle\",upstream=\"users\"} 3")
                .contains(pool + "state=\"active\",upstream=\"users\"} 2");

        gauges.remove();

        assertThat(metrics.scrape()).doesNotContain("gatehouse_upstream_pool_connections{");
    }

    @Test
    void rejectsASecondRegistrationForTheSameEndpointUntilRemoved() {
        UpstreamPoolGauges first = metrics.upstreamConnections("users", "10.0.0.1:8080", () -> 1, () -> 1);

        assertThatThrownBy(() -> metrics.upstreamConnections("users", "10.0.0.1:8080", () -> 5, () -> 5))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("users")
                .hasMessageContaining("10.0.0.1:8080");

        first.remove();
        metrics.upstreamConnections("users", "10.0.0.1:8080", () -> 5, () -> 4);
        assertThat(metrics.scrape()).contains("state=\"active\",upstream=\"users\"} 4");
    }

    @Test
    void retainRoutesDropsTheSeriesOfRemovedRoutesOnly() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.forRoute("kept").record("GET", 200, 1_000, 500);
        metrics.forRoute("gone").record("GET", 200, 1_000, 500);

        metrics.retainRoutes(java.util.Set.of("kept"));

        assertThat(metrics.scrape()).contains("route=\"kept\"").doesNotContain("route=\"gone\"");
        metrics.forRoute("gone").record("GET", 500, 1_000, -1);
        assertThat(metrics.scrape()).contains("route=\"gone\",status=\"5xx\"");
    }
}
