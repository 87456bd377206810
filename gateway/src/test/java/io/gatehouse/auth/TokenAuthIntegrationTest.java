package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import io.gatehouse.auth.jwt.Tokens;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** jwt, oauth2-introspection and ext-auth on the real gateway, with an identity provider and authorizer on loopback. */
@ExtendWith(LeakDetectionExtension.class)
class TokenAuthIntegrationTest {

    private static final RSAKey KEY = Tokens.rsa("k1");

    private TestOrigin app;
    private TestOrigin idp;
    private TestOrigin authz;
    private TestGateway gateway;

    @BeforeEach
    void start() {
        app = TestOrigin.start("app");
        idp = TestOrigin.start("idp");
        authz = TestOrigin.start("authz");
        idp.on("/jwks", Behaviour.status(200).header("content-type", "application/json").body(Tokens.jwks(KEY)));
        gateway = TestGateway.start(TestGateway.config(2, """
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: jwt
                    match: { prefix: /jwt }
                    upstream: app
                    filters:
                      - auth:
                          any-of: [jwt]
                          jwt:
                            jwks-url: "%s"
                            issuer: https://idp.test
                            forward-claims: { sub: X-User-Id }
                  - name: introspection
                    match: { prefix: /intro }
                    upstream: app
                    filters:
                      - auth:
                          any-of: [oauth2-introspection]
                          oauth2-introspection: { url: "%s", client-id: gateway, client-secret: "${CLIENT_SECRET}" }
                  - name: ext
                    match: { prefix: /ext }
                    upstream: app
                    filters:
                      - auth:
                          any-of: [ext-auth]
                          ext-auth: { url: "%s", upstream-headers: [X-User-Id] }
                """.formatted(app.authority(), idp.uri("/jwks"), idp.uri("/introspect"), authz.uri("/check"))),
                java.util.Map.of("CLIENT_SECRET", "pw"));
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, app, idp, authz);
    }

    private RawResponse get(String path, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write(request.append("\r\n").toString());
            return client.readResponse();
        }
    }

    private static String token(String issuer) {
        return Tokens.sign(KEY, JWSAlgorithm.RS256, Tokens.claims("alice", Instant.now()).issuer(issuer).build());
    }

    private RecordedRequest lastAppRequest() {
        List<RecordedRequest> requests = app.requests();
        return requests.get(requests.size() - 1);
    }

    @Test
    void aValidJwtReachesTheOriginWithItsClaimAndWithoutTheToken() throws Exception {
        RawResponse ok = get("/jwt/a", "Authorization: Bearer " + token("https://idp.test"), "X-User-Id: admin");
        assertThat(ok.status()).isEqualTo(200);
        RecordedRequest forwarded = lastAppRequest();
        assertThat(forwarded.headers().getAll("X-User-Id")).containsExactly("alice");
        assertThat(forwarded.header("Authorization")).isNull();
    }

    @Test
    void aBadJwtIsRefusedWithTheInvalidTokenChallenge() throws Exception {
        RawResponse invalid = get("/jwt/a", "Authorization: Bearer " + token("https://evil.test"));
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.header("www-authenticate")).isEqualTo("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
        assertThat(invalid.bodyText()).doesNotContain("issuer");
        RawResponse missing = get("/jwt/a", "X-User-Id: admin");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("www-authenticate")).isEqualTo("Bearer realm=\"gatehouse\"");
        assertThat(app.requests()).isEmpty();
    }

    @Test
    void introspectionLetsActiveTokensInAndAnswers503WhenTheEndpointFails() throws Exception {
        idp.on("/introspect", Behaviour.status(200).header("content-type", "application/json")
                .body("{\"active\":true,\"sub\":\"alice\"}"));
        assertThat(get("/intro/a", "Authorization: Bearer opaque-1").status()).isEqualTo(200);
        assertThat(lastAppRequest().header("Authorization")).isNull();
        idp.on("/introspect", Behaviour.status(200).body("{\"active\":false}"));
        assertThat(get("/intro/a", "Authorization: Bearer opaque-2").status()).isEqualTo(401);
        idp.on("/introspect", Behaviour.status(500));
        assertThat(get("/intro/a", "Authorization: Bearer opaque-3").status()).isEqualTo(503);
        assertThat(get("/intro/a", "Authorization: Bearer opaque-1").status()).as("cached").isEqualTo(200);
    }

    @Test
    void extAuthDecidesAndOnlyItsHeadersReachTheOrigin() throws Exception {
        authz.on("/check/ext/a", Behaviour.status(200).header("X-Consumer", "alice").header("X-User-Id", "42"));
        assertThat(get("/ext/a", "Authorization: Bearer x", "X-User-Id: admin").status()).isEqualTo(200);
        assertThat(lastAppRequest().headers().getAll("X-User-Id")).containsExactly("42");
        assertThat(lastAppRequest().header("Authorization")).isEqualTo("Bearer x");

        authz.on("/check/ext/b", Behaviour.status(200));
        assertThat(get("/ext/b", "X-User-Id: admin").status()).isEqualTo(200);
        assertThat(lastAppRequest().header("X-User-Id")).isNull();

        authz.on("/check/ext/c", Behaviour.status(403).header("WWW-Authenticate", "Custom realm=\"x\""));
        RawResponse denied = get("/ext/c");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.header("www-authenticate")).isEqualTo("Custom realm=\"x\"");

        authz.on("/check/ext/d", Behaviour.neverAnswers());
        assertThat(get("/ext/d").status()).isEqualTo(503);
    }
}
