package io.gatehouse.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RouteMetersTest {

    private final GatewayMetrics metrics = new GatewayMetrics();

    @Test
    void countsRequestsByRouteMethodAndStatusClass() {
        RouteMeters users = metrics.forRoute("users");
        users.record("GET", 200, millis(3), millis(2));
        users.record("GET", 204, millis(3), millis(2));
        users.record("BREW", 503, millis(3), millis(2));
        users.record("POST", 999, millis(3), millis(2));

        assertThat(metrics.scrape())
                .contains("gatehouse_requests_total{method=\"GET\",route=\"users\",status=\"2xx\"} 2")
                .contains("gatehouse_requests_total{method=\"OTHER\",route=\"users\",status=\"5xx\"} 1")
                .contains("gatehouse_requests_total{method=\"POST\",route=\"users\",status=\"5xx\"} 1")
                .doesNotContain("method=\"BREW\"");
    }

    @Test
    void recordsDurationsInFewBuckets() {
        RouteMeters users = metrics.forRoute("users");
        users.record("GET", 200, millis(3), millis(2));

        String scrape = metrics.scrape();
        assertThat(scrape)
                .contains("gatehouse_request_duration_seconds_bucket{route=\"users\",le=\"0.001\"} 0")
                .contains("gatehouse_request_duration_seconds_bucket{route=\"users\",le=\"0.005\"} 1")
                .contains("gatehouse_request_duration_seconds_count{route=\"users\"} 1")
                .contains("gatehouse_upstream_duration_seconds_count{route=\"users\"} 1");
        assertThat(scrape.lines().filter(line -> line.startsWith("gatehouse_request_duration_seconds_bucket")))
                .hasSize(8); // seven buckets and +Inf
    }

    @Test
    void skipsTheUpstreamTimerWhenNoUpstreamWasInvolved() {
        metrics.forRoute("local").record("GET", 404, millis(1), -1);

        assertThat(metrics.scrape())
                .contains("gatehouse_request_duration_seconds_count{route=\"local\"} 1")
                .contains("gatehouse_upstream_duration_seconds_count{route=\"local\"} 0");
    }

    @Test
    void reusesTheMetersOfARoute() {
        assertThat(metrics.forRoute("users")).isSameAs(metrics.forRoute("users"));
    }

    @Test
    void normalisesMethodsToABoundedSet() {
        assertThat(RouteMeters.normaliseMethod("GET")).isEqualTo("GET");
        assertThat(RouteMeters.normaliseMethod("PATCH")).isEqualTo("PATCH");
        assertThat(RouteMeters.normaliseMethod("TRACE")).isEqualTo("TRACE");
        assertThat(RouteMeters.normaliseMethod("get")).isEqualTo("OTHER");
        assertThat(RouteMeters.normaliseMethod("PROPFIND")).isEqualTo("OTHER");
        assertThat(RouteMeters.normaliseMethod("")).isEqualTo("OTHER");
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
