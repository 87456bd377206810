package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A filter instance moved to another phase runs there: an address-based limit ahead of authentication counts
 * requests that authentication would refuse. The admin API lists each route's filters in the order they run.
 */
@ExtendWith(LeakDetectionExtension.class)
class FilterPhasesIntegrationTest {

    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start("app");
        gateway = TestGateway.start(TestGateway.config(1, """
                consumers:
                  - name: alice
                    credentials: { key-auth: [ { key: "${ALICE_KEY}" } ] }
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: api
                    match: { prefix: / }
                    upstream: app
                    timeouts: { filter: 3s }
                    filters:
                      - auth: { any-of: [key-auth] }
                      - rate-limit: { key: client-address, fixed-window: { limit: 2, window: 1h } }
                        phase: observe
                      - headers: { response: { set: { X-Seen: "yes" } } }
                        timeout: 250ms
                """.formatted(origin.authority())), Map.of("ALICE_KEY", "alice-key-0123456789"));
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, origin);
    }

    private int status(String path) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            return client.write("GET " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n").readResponse().status();
        }
    }

    @Test
    void aLimitMovedBeforeAuthenticationCountsRequestsAuthenticationRefuses() throws IOException {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(status("/a"));
        }

        assertThat(statuses).containsExactly(401, 401, 429);
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void theAdminApiListsFiltersInTheOrderTheyRunWithPhaseOrderPositionAndTimeout() throws IOException {
        JsonNode route = new ObjectMapper().readTree(new AdminClient(gateway).get("/admin/routes").body()).get(0);

        List<String> filters = new ArrayList<>();
        route.get("filters").forEach(filter -> filters.add(filter.get("name").asText() + " "
                + filter.get("phase").asText() + " " + filter.get("order").asInt() + " "
                + filter.get("position").asInt() + " " + filter.get("timeout").asText()));
        assertThat(filters).containsExactly("rate-limit observe 0 1 3s", "auth authorize 0 0 3s",
                "headers transform 0 2 250ms");
    }
}
