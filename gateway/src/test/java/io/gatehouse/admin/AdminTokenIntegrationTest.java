package io.gatehouse.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.CapturedLogs;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestResources;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The admin bearer token: health checks open, everything else (and metrics unless public) behind it. */
@ExtendWith(LeakDetectionExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminTokenIntegrationTest {

    private static final String TOKEN = "admin-token-0123456789abcdef";
    private static final String ROUTES = """
            upstreams:
              origin: { endpoints: [ { address: "127.0.0.1:9" } ] }
            routes:
              - { name: main, match: { prefix: "/" }, upstream: origin }
            """;

    private TestGateway gateway;

    @BeforeAll
    void start() {
        gateway = TestGateway.start(config("token: \"${ADMIN_TOKEN}\""), Map.of("ADMIN_TOKEN", TOKEN));
    }

    @AfterAll
    void stop() {
        TestResources.closeAll(gateway);
    }

    private static String config(String adminSettings) {
        return TestGateway.config(1, ROUTES).replace("admin: { address: 127.0.0.1, port: 0 }",
                "admin: { address: 127.0.0.1, port: 0, " + adminSettings + " }");
    }

    /** @param authorization the Authorization field sent, or null for none */
    record Case(String method, String path, String authorization, int status) {
    }

    private static Named<Case> c(String name, String method, String path, String authorization, int status) {
        return Named.of(name, new Case(method, path, authorization, status));
    }

    static Stream<Named<Case>> cases() {
        return Stream.of(
                c("liveness without a token", "GET", "/healthz", null, 200),
                c("readiness without a token", "GET", "/readyz", null, 200),
                c("routes without a token", "GET", "/admin/routes", null, 401),
                c("routes with a wrong token", "GET", "/admin/routes", "Bearer wrong-token-0123456789abc", 401),
                c("routes with a token one character short", "GET", "/admin/routes",
                        "Bearer " + TOKEN.substring(1), 401),
                c("routes with the token as Basic", "GET", "/admin/routes", "Basic " + TOKEN, 401),
                c("routes with the token", "GET", "/admin/routes", "Bearer " + TOKEN, 200),
                c("routes with the scheme in lower case", "GET", "/admin/routes", "bearer " + TOKEN, 200),
                c("upstreams without a token", "GET", "/admin/upstreams", null, 401),
                c("reload without a token", "POST", "/admin/reload", null, 401),
                c("reload with the token", "POST", "/admin/reload", "Bearer " + TOKEN, 200),
                c("metrics without a token (not public)", "GET", "/metrics", null, 401),
                c("metrics with the token", "GET", "/metrics", "Bearer " + TOKEN, 200),
                c("unknown path without a token", "GET", "/nothing", null, 401));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void guards(Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.adminUri(c.path()))
                .method(c.method(), HttpRequest.BodyPublishers.noBody());
        if (c.authorization() != null) {
            request.header("Authorization", c.authorization());
        }
        HttpResponse<String> response = new AdminClient(gateway).send(request);
        assertThat(response.statusCode()).isEqualTo(c.status());
        if (c.status() == 401) {
            assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer realm=\"gatehouse-admin\"");
            assertThat(response.body()).doesNotContain(TOKEN);
        }
    }

    @Test
    void publicMetricsNeedNoTokenWhileTheRestStillDoes() {
        try (TestGateway open = TestGateway.start(config("token: \"${ADMIN_TOKEN}\", metrics-public: true"),
                Map.of("ADMIN_TOKEN", TOKEN))) {
            AdminClient anonymous = new AdminClient(open);
            assertThat(anonymous.get("/metrics").statusCode()).isEqualTo(200);
            assertThat(anonymous.get("/admin/routes").statusCode()).isEqualTo(401);
            assertThat(new AdminClient(open, TOKEN).get("/admin/routes").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutATokenOnLoopbackEverythingIsOpenAndAWarningIsLogged() {
        try (CapturedLogs logs = new CapturedLogs(AdminServer.class.getName());
             TestGateway open = TestGateway.start(TestGateway.config(1, ROUTES))) {
            assertThat(logs.count("has no token")).isEqualTo(1);
            assertThat(new AdminClient(open).get("/admin/routes").statusCode()).isEqualTo(200);
        }
    }
}
