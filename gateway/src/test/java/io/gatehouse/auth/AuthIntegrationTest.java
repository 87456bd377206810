package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** key-auth, basic-auth, acl and scopes on the real gateway in front of a real origin. */
@ExtendWith(LeakDetectionExtension.class)
class AuthIntegrationTest {

    private static final String ALICE_KEY = "alice-key-0123456789";
    private static final String BOB_KEY = "bob-key-0123456789ab";
    private static final Map<String, String> ENV = Map.of("ALICE_KEY", ALICE_KEY, "BOB_KEY", BOB_KEY,
            "ALICE_PASSWORD", "wonderland");

    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        origin = TestOrigin.start("app");
        gateway = TestGateway.start(TestGateway.config(2, """
                consumers:
                  - name: alice
                    groups: [staff]
                    credentials:
                      key-auth: [ { key: "${ALICE_KEY}" } ]
                      basic-auth: [ { username: alice, password: "${ALICE_PASSWORD}" } ]
                  - name: bob
                    groups: [admin]
                    credentials: { key-auth: [ { key: "${BOB_KEY}" } ] }
                  - { name: guest, groups: [public] }
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                limiters:
                  per-consumer: { key: consumer, fixed-window: { limit: 1, window: 1h } }
                routes:
                  - name: keys
                    match: { prefix: /keys }
                    upstream: app
                    filters:
                      - rate-limit: { limiters: [per-consumer] }
                      - auth: { any-of: [key-auth], key-auth: { query: api_key } }
                  - name: passwords
                    match: { prefix: /passwords }
                    upstream: app
                    filters: [ { auth: { any-of: [basic-auth, key-auth], realm: staff } } ]
                  - name: admin
                    match: { prefix: /admin-only }
                    upstream: app
                    filters: [ { acl: { allow: [admin] } }, { auth: { any-of: [key-auth] } } ]
                  - name: open
                    match: { prefix: /open }
                    upstream: app
                    filters: [ { auth: { any-of: [key-auth], anonymous: guest } }, { acl: { deny: [staff] } } ]
                  - name: scoped
                    match: { prefix: /scoped }
                    upstream: app
                    filters: [ { auth: { any-of: [key-auth] } }, { scopes: { all: [read] } } ]
                """.formatted(origin.authority())), ENV);
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, origin);
    }

    private RawResponse get(String target, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: gatehouse.test\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(request.append("\r\n").toString());
            return client.readResponse();
        }
    }

    private RecordedRequest lastForwarded() {
        return origin.requests().get(origin.requests().size() - 1);
    }

    private static String basic(String userAndPassword) {
        return "Authorization: Basic "
                + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKeyAuthenticatesAndIsNotForwarded() throws Exception {
        RawResponse ok = get("/keys/a", "X-Api-Key: " + ALICE_KEY);

        assertThat(ok.status()).isEqualTo(200);
        assertThat(lastForwarded().header("X-Api-Key")).isNull();
        assertThat(get("/keys/b?page=2&api_key=" + BOB_KEY + "&x").status()).as("from the query parameter")
                .isEqualTo(200);
        assertThat(lastForwarded().uri()).as("the rest of the query as sent").isEqualTo("/keys/b?page=2&x");
    }

    @Test
    void aMissingOrWrongKeyIs401WithTheChallengeAndReachesNothing() throws Exception {
        RawResponse missing = get("/keys/a");
        RawResponse wrong = get("/keys/a", "X-Api-Key: " + ALICE_KEY + "-not");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("www-authenticate")).isEqualTo("ApiKey realm=\"gatehouse\"");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.bodyText()).doesNotContain(ALICE_KEY).doesNotContain("unknown key");
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void theRateLimitCountsPerAuthenticatedConsumerWhateverTheHeadersSay() throws Exception {
        assertThat(get("/keys/a", "X-Api-Key: " + ALICE_KEY, "X-Consumer: one").status()).isEqualTo(200);
        assertThat(get("/keys/a", "X-Api-Key: " + ALICE_KEY, "X-Consumer: two").status()).isEqualTo(429);
        assertThat(get("/keys/a", "X-Api-Key: " + BOB_KEY).status()).isEqualTo(200);
    }

    @Test
    void basicAuthChecksThePasswordAndStripsIt() throws Exception {
        RawResponse ok = get("/passwords", basic("alice:wonderland"));
        RawResponse again = get("/passwords", basic("alice:wonderland"));
        RawResponse wrong = get("/passwords", basic("alice:looking-glass"));
        RawResponse unknown = get("/passwords", basic("mallory:wonderland"));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(origin.requests()).allSatisfy(forwarded -> assertThat(forwarded.header("Authorization")).isNull());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.headers().all("www-authenticate")).containsExactly("Basic realm=\"staff\", charset=\"UTF-8\"",
                "ApiKey realm=\"staff\"");
        assertThat(wrong.bodyText()).isEqualTo(unknown.bodyText().replace(unknown.header("x-request-id"),
                wrong.header("x-request-id")));
    }

    @Test
    void aclLetsInOnlyTheAllowedGroupsAfterAuthentication() throws Exception {
        assertThat(get("/admin-only", "X-Api-Key: " + BOB_KEY).status()).isEqualTo(200);
        assertThat(get("/admin-only", "X-Api-Key: " + ALICE_KEY).status()).isEqualTo(403);
        assertThat(get("/admin-only").status()).as("authentication comes first").isEqualTo(401);

        assertThat(get("/open").status()).as("the anonymous consumer is not denied").isEqualTo(200);
        assertThat(get("/open", "X-Api-Key: " + ALICE_KEY).status()).isEqualTo(403);
    }

    @Test
    void scopesRefuseAnIdentityWithoutThem() throws Exception {
        RawResponse refused = get("/scoped", "X-Api-Key: " + BOB_KEY);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("www-authenticate"))
                .isEqualTo("Bearer error=\"insufficient_scope\", scope=\"read\"");
    }

    @Test
    void theAdminApiShowsNeitherKeysNorTheirHashes() {
        AdminClient admin = new AdminClient(gateway);
        String routes = admin.get("/admin/routes").body();

        assertThat(routes).contains("\"keys\"", "\"auth\"", "\"acl\"");
        for (String path : new String[] {"/admin/routes", "/admin/upstreams", "/metrics"}) {
            assertThat(admin.get(path).body()).doesNotContain(ALICE_KEY, BOB_KEY, "wonderland",
                    ConsumerConfig.KeyCredential.sha256Hex(ALICE_KEY), "$2a$");
        }
    }
}
