package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.assertProblem;
import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Paths crafted to slip past a route: {@code /admin} goes to its own upstream (where its own filters would
 * apply) and everything else to the public one. Whatever the spelling, a request either reaches the upstream
 * whose route matches the path the origin receives, or is refused. With the defaults the public origin never
 * receives a path that an origin would read as {@code /admin}; the rows with {@code keep} show what those settings
 * let through to an origin that strips parameters or decodes slashes itself.
 */
@ExtendWith(LeakDetectionExtension.class)
class PathNormalisationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final TestOrigin admin = TestOrigin.start("admin");
    private final TestOrigin open = TestOrigin.start("public");
    private TestGateway gateway;

    private void start(String pathSettings) {
        gateway = TestGateway.start(HttpTestSupport.config(pathSettings.isEmpty() ? ""
                : "http: { path: { " + pathSettings + " } }", """
                upstreams:
                  admin: { endpoints: [ { address: "%s" } ] }
                  public: { endpoints: [ { address: "%s" } ] }
                routes:
                  - { name: admin, match: { prefix: "/admin" }, upstream: admin }
                  - { name: public, match: { prefix: "/" }, upstream: public }
                """.formatted(admin.authority(), open.authority())));
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, admin, open);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            defaults                                                   | /public/%2e%2e/admin    | admin  | /admin
            defaults                                                   | /public/.%2E/admin/x    | admin  | /admin/x
            defaults                                                   | //admin                 | admin  | /admin
            defaults                                                   | /./admin                | admin  | /admin
            defaults                                                   | /%61dmin                | admin  | /admin
            defaults                                                   | /public/..%2fadmin      | 400    |
            defaults                                                   | /public/..%5Cadmin      | 400    |
            defaults                                                   | /admin;x=1              | 400    |
            defaults                                                   | /public/..;/admin       | 400    |
            defaults                                                   | /public\\..\\admin        | 400    |
            defaults                                                   | /public/../../admin     | 400    |
            defaults                                                   | /admin%zz               | 400    |
            path-parameters: strip, encoded-slashes: decode            | /admin;x=1              | admin  | /admin
            path-parameters: strip, encoded-slashes: decode            | /public/..;/admin       | admin  | /admin
            path-parameters: strip, encoded-slashes: decode            | /public/..%2fadmin      | admin  | /admin
            path-parameters: keep, encoded-slashes: keep               | /admin;x=1              | public | /admin;x=1
            path-parameters: keep, encoded-slashes: keep               | /public/..%2fadmin      | public | /public/..%2Fadmin
            merge-slashes: false                                       | //admin                 | public | //admin
            """)
    void routesWhatTheOriginReceives(String settings, String path, String outcome, String forwarded)
            throws Exception {
        start(settings.equals("defaults") ? "" : settings);
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            RawResponse response = client.write(get(path + "?q=%2e%2e")).readResponse();
            if (outcome.equals("400")) {
                assertProblem(response, 400);
                assertThat(client.isClosedByPeer(WAIT)).isTrue();
            } else {
                assertThat(response.status()).isEqualTo(200);
                TestOrigin expected = outcome.equals("admin") ? admin : open;
                RecordedRequest received = expected.awaitRequests(1, WAIT).get(0);
                assertThat(received.uri()).as("the target the origin received").isEqualTo(forwarded + "?q=%2e%2e");
            }
        }
        assertThat(HttpTestSupport.exchange(gateway.port(), get("/sentinel")).status()).isEqualTo(200);
        open.awaitRequests(outcome.equals("public") ? 2 : 1, WAIT);
        assertThat(open.requests()).extracting(RecordedRequest::path)
                .as("the public origin never receives anything it would read as /admin")
                .allMatch(received -> received.equals("/sentinel") || received.equals(forwarded));
        assertThat(admin.requests()).hasSize(outcome.equals("admin") ? 1 : 0);
    }
}
