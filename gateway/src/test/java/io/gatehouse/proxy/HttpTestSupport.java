package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestGateway;
import java.io.IOException;

/** Small shared pieces of the HTTP semantics integration tests. */
final class HttpTestSupport {

    private HttpTestSupport() {
    }

    /** Like {@code TestGateway.config(1, ...)} with extra {@code server} settings, e.g. {@code "max-pipelined: 4"}. */
    static String config(String serverSettings, String upstreamsAndRoutes) {
        return TestGateway.config(1, serverSettings, upstreamsAndRoutes);
    }

    /** A single-endpoint upstream named {@code origin} and one route {@code name} on {@code prefix}. */
    static String upstreamAndRoute(String originAuthority, String prefix, String routeSettings) {
        return """
                upstreams:
                  origin: { endpoints: [ { address: "%s" } ] }
                routes:
                  - { name: main, match: { prefix: "%s" }, upstream: origin%s }
                """.formatted(originAuthority, prefix, routeSettings.isEmpty() ? "" : ", " + routeSettings);
    }

    /** A bodiless GET with a Host field. */
    static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n";
    }

    /** Sends {@code request} on a connection of its own to {@code port} and returns the response. */
    static RawResponse exchange(int port, String request) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            return client.write(request).readResponse();
        }
    }

    /** A local reply: problem+json whose body carries the status and the request id the response header states. */
    static void assertProblem(RawResponse response, int status) {
        assertThat(response.status()).as("status of %s", response.statusLine()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        String requestId = response.header("x-request-id");
        assertThat(requestId).as("x-request-id").isNotBlank();
        assertThat(response.bodyText())
                .contains("\"status\":" + status)
                .contains("\"request_id\":\"" + requestId + "\"");
    }
}
