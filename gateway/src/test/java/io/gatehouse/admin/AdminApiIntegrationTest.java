package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.MetricSamples;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(LeakDetectionExtension.class)
class AdminApiIntegrationTest {

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withoutClient(TestOrigin::start, authority -> TestGateway.config(2, """
            upstreams:
              app: { endpoints: [ { address: "%s" } ] }
            routes:
              - { name: regex, match: { regex: "/r/.*" }, upstream: app }
              - { name: prefix-short, match: { prefix: /p }, upstream: app }
              - { name: prefix-long, match: { prefix: /p/q }, upstream: app }
              - { name: template, match: { path: "/t/{id}", methods: [GET] }, upstream: app }
              - { name: exact, match: { path: /t/me }, upstream: app }
              - { name: low, match: { path: /prio, headers: { x-low: yes } }, upstream: app }
              - { name: high, match: { path: /prio }, upstream: app, priority: 10 }
            """.formatted(authority)));

    @Test
    void healthAndReadiness() {
        HttpResponse<String> health = rig.admin().get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("live");
        HttpResponse<String> ready = rig.admin().get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"ready\"");
    }

    @Test
    void headIsAnsweredWithoutABodyAndTheConnectionGoesOn() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(rig.gateway().adminPort())) {
            var head = client.write("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n").readResponseToHead();
            assertThat(head.status()).isEqualTo(200);
            var get = client.write("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.bodyText()).contains("ready");
        }
    }

    @Test
    void routesAreListedInPrecedenceOrder() throws Exception {
        HttpResponse<String> response = rig.admin().get("/admin/routes");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        JsonNode routes = new ObjectMapper().readTree(response.body());
        List<String> names = new ArrayList<>();
        for (JsonNode route : routes) {
            names.add(route.get("name").asText());
            assertThat(route.get("order").asInt()).isEqualTo(names.size());
            assertThat(route.get("upstream").asText()).isEqualTo("app");
        }
        assertThat(names).containsExactly("high", "exact", "low", "template", "prefix-long", "prefix-short", "regex");
        assertThat(routes.get(0).get("priority").asInt()).isEqualTo(10);
        assertThat(routes.get(3).get("match").get("path").asText()).isEqualTo("/t/{id}");
        assertThat(routes.get(3).get("match").get("methods").get(0).asText()).isEqualTo("GET");
        assertThat(routes.get(6).get("match").get("regex").asText()).isEqualTo("/r/.*");
    }

    @Test
    void metricsInPrometheusFormatAfterTraffic() throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(rig.gateway().port())) {
            assertThat(client.write("GET /t/42 HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().status()).isEqualTo(200);
            assertThat(client.write("GET /t/43 HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().status()).isEqualTo(200);
            assertThat(client.write("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n").readResponse().status())
                    .isEqualTo(404);

            HttpResponse<String> response = rig.admin().get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain");
            String scrape = response.body();

            assertThat(new MetricSamples(scrape).value("gatehouse_requests_total", "method=\"GET\"", "route=\"template\"",
                    "status=\"2xx\"")).isEqualTo(2);
            assertThat(new MetricSamples(scrape).value("gatehouse_requests_total", "method=\"GET\"", "route=\"(none)\"",
                    "status=\"4xx\"")).isEqualTo(1);
            assertThat(new MetricSamples(scrape).value("gatehouse_request_duration_seconds_bucket", "route=\"template\"",
                    "le=\"+Inf\"")).isEqualTo(2);
            assertThat(new MetricSamples(scrape).value("gatehouse_request_duration_seconds_bucket", "route=\"template\"",
                    "le=\"10.0\"")).isEqualTo(2);
            assertThat(new MetricSamples(scrape).value("gatehouse_upstream_duration_seconds_count", "route=\"template\""))
                    .isEqualTo(2);
            assertThat(new MetricSamples(scrape).value("gatehouse_downstream_connections_active")).isEqualTo(1);
            assertThat(new MetricSamples(scrape).value("gatehouse_upstream_pool_connections", "upstream=\"app\"",
                    "endpoint=\"" + rig.origin().authority() + "\"", "state=\"idle\"")).isEqualTo(1);
            assertThat(new MetricSamples(scrape).value("gatehouse_upstream_pool_connections", "upstream=\"app\"",
                    "endpoint=\"" + rig.origin().authority() + "\"", "state=\"active\"")).isEqualTo(0);
            assertThat(new MetricSamples(scrape).value("gatehouse_config_reloads_total", "result=\"ok\"")).isEqualTo(0);
            assertThat(new MetricSamples(scrape).value("gatehouse_config_reloads_total", "result=\"failed\"")).isEqualTo(0);
            assertThat(new MetricSamples(scrape).value("gatehouse_access_log_dropped_total")).isEqualTo(0);
        }
    }

    @Test
    void unknownPathIs404AndWrongMethodsAre405() {
        HttpResponse<String> unknown = rig.admin().get("/admin/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/admin/nope");

        for (String path : List.of("/healthz", "/readyz", "/admin/routes", "/metrics")) {
            HttpResponse<String> response = rig.admin().send(HttpRequest.newBuilder(rig.gateway().adminUri(path))
                    .POST(HttpRequest.BodyPublishers.ofString("x")));
            assertThat(response.statusCode()).as(path).isEqualTo(405);
            assertThat(response.headers().firstValue("allow")).as(path).contains("GET");
        }
        HttpResponse<String> delete = rig.admin()
                .send(HttpRequest.newBuilder(rig.gateway().adminUri("/admin/reload")).DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("allow")).contains("POST");
    }
}
