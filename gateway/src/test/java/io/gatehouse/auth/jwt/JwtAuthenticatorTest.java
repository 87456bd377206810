package io.gatehouse.auth.jwt;

import static io.gatehouse.auth.AuthFixtures.await;
import static io.gatehouse.auth.AuthFixtures.context;
import static io.gatehouse.auth.AuthFixtures.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.gatehouse.auth.AuthFixtures;
import io.gatehouse.auth.AuthOutcome;
import io.gatehouse.auth.AuthServices;
import io.gatehouse.config.ConsumerConfig;
import io.gatehouse.config.JwtAuthConfig;
import io.gatehouse.testing.MutableClock;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tokens signed in the test against keys given in the config, on a clock the test moves. */
class JwtAuthenticatorTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String SECRET_512 = SECRET + SECRET;
    /** Secrets come from the environment, never from text in the config. */
    private static final Map<String, String> ENV = Map.of("JWT_SECRET", SECRET, "JWT_SECRET_512", SECRET_512);
    private static final String SECRET_SETTING = "secret: \"${JWT_SECRET}\"";
    private static final RSAKey RSA = Tokens.rsa("rsa-1");

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final AuthServices services = AuthFixtures.services(clock);

    @AfterEach
    void close() throws Exception {
        services.close();
    }

    private JwtAuthenticator jwt(String settings, ConsumerConfig... consumers) {
        JwtAuthConfig config = AuthFixtures.method("any-of: [jwt]\njwt:\n" + settings.indent(2), ENV);
        return new JwtAuthenticator(config, AuthFixtures.resources(services, consumers));
    }

    private static String pemSetting(String pem) {
        return "keys: |\n" + pem.indent(2);
    }

    private AuthOutcome check(JwtAuthenticator jwt, String token) {
        return await(jwt.authenticate(context(), get("/x", "Authorization", "Bearer " + token)));
    }

    private JWTClaimsSet.Builder claims() {
        return Tokens.claims("alice", clock.instant());
    }

    @Test
    void hmacTokensOfEachStrengthTheSecretAllows() throws Exception {
        byte[] secret = SECRET_512.getBytes(StandardCharsets.UTF_8);
        JwtAuthenticator jwt = jwt("secret: \"${JWT_SECRET_512}\"");
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            AuthOutcome outcome = check(jwt, Tokens.hmac(secret, alg, claims().claim("scope", "read write").build()));
            assertThat(outcome.kind()).as(alg.getName()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
            assertThat(outcome.identity().consumer().name()).isEqualTo("alice");
            assertThat(outcome.identity().method()).isEqualTo("jwt");
            assertThat(outcome.identity().scopes()).containsExactlyInAnyOrder("read", "write");
        }
    }

    @Test
    void asymmetricTokensVerifyAgainstPemAndJwkKeys() throws Exception {
        ECKey p256 = Tokens.ec(Curve.P_256, "ec-256");
        ECKey p384 = Tokens.ec(Curve.P_384, "ec-384");
        OctetKeyPair ed = Tokens.ed25519("ed-1");
        JwtAuthenticator jwt = jwt("keys:\n  - |\n" + Tokens.pem(RSA.toRSAPublicKey()).indent(4)
                + "  - '" + Tokens.jwks(p256, ed) + "'\n  - |\n" + Tokens.pem(p384.toECPublicKey()).indent(4));
        assertThat(check(jwt, Tokens.sign(RSA, JWSAlgorithm.RS256, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(jwt, Tokens.sign(RSA, JWSAlgorithm.RS512, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(jwt, Tokens.sign(RSA, JWSAlgorithm.PS256, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(jwt, Tokens.sign(p256, JWSAlgorithm.ES256, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(jwt, Tokens.sign(p384, JWSAlgorithm.ES384, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(jwt, Tokens.sign(ed, JWSAlgorithm.EdDSA, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
    }

    @Test
    void aTokenSignedByAnotherKeyIsInvalid() throws Exception {
        JwtAuthenticator jwt = jwt(pemSetting(Tokens.pem(RSA.toRSAPublicKey())));
        RSAKey stranger = Tokens.rsa("rsa-1");
        AuthOutcome outcome = check(jwt, Tokens.sign(stranger, JWSAlgorithm.RS256, claims().build()));
        assertThat(outcome.kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(outcome.reason()).contains("bad signature");
        assertThat(jwt.invalidChallenge()).isEqualTo("Bearer realm=\"gatehouse\", error=\"invalid_token\"");
        assertThat(jwt.challenge()).isEqualTo("Bearer realm=\"gatehouse\"");
    }

    @Test
    void algNoneIsRefused() throws Exception {
        JwtAuthenticator jwt = jwt(SECRET_SETTING);
        String header = Base64URL.encode("{\"alg\":\"none\"}").toString();
        String body = Base64URL.encode(claims().build().toString()).toString();
        assertThat(check(jwt, header + "." + body + ".").kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(check(jwt, header + "." + body + "." + body).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
    }

    @Test
    void anHmacTokenSignedWithThePublicKeyIsRefused() throws Exception {
        String pem = Tokens.pem(RSA.toRSAPublicKey());
        // Only public keys: HS is not allowed at all.
        JwtAuthenticator rsaOnly = jwt(pemSetting(pem));
        AuthOutcome refused = check(rsaOnly, Tokens.hmac(pem.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256,
                claims().build()));
        assertThat(refused.kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(refused.reason()).contains("HS256 is not allowed");
        // With a secret too, HS is checked against the secret only, never against the public key's bytes.
        JwtAuthenticator both = jwt(SECRET_SETTING + "\n" + pemSetting(pem));
        assertThat(check(both, Tokens.hmac(pem.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256,
                claims().build())).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(check(both, Tokens.hmac(RSA.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
                JWSAlgorithm.HS256, claims().build())).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(check(both, Tokens.sign(RSA, JWSAlgorithm.RS256, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
    }

    @Test
    void algorithmsRestrictWhatTheKeysWouldAllow() throws Exception {
        JwtAuthenticator jwt = jwt("algorithms: [RS256]\n" + pemSetting(Tokens.pem(RSA.toRSAPublicKey())));
        assertThat(check(jwt, Tokens.sign(RSA, JWSAlgorithm.RS256, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(jwt, Tokens.sign(RSA, JWSAlgorithm.PS256, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.INVALID);
    }

    @Test
    void expAndNbfAreCheckedWithTheSkewAgainstTheClock() throws Exception {
        JwtAuthenticator jwt = jwt(SECRET_SETTING + "\nclock-skew: 30s");
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        Instant now = clock.instant();
        String expiresNow = Tokens.hmac(secret, JWSAlgorithm.HS256, claims().expirationTime(Date.from(now)).build());
        String notYet = Tokens.hmac(secret, JWSAlgorithm.HS256, claims().notBeforeTime(Date.from(now.plusSeconds(60)))
                .build());
        String noExp = Tokens.hmac(secret, JWSAlgorithm.HS256, new JWTClaimsSet.Builder().subject("alice").build());
        assertThat(check(jwt, expiresNow).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(jwt, notYet).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
        assertThat(check(jwt, noExp).reason()).isEqualTo("no exp claim");
        clock.advance(Duration.ofSeconds(31));
        assertThat(check(jwt, expiresNow).reason()).startsWith("expired");
        assertThat(check(jwt, notYet).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
    }

    @Test
    void issuerAndAudienceMustMatch() throws Exception {
        JwtAuthenticator jwt = jwt(SECRET_SETTING + "\nissuer: https://idp.example\naudience: [api, admin]");
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        String good = Tokens.hmac(secret, JWSAlgorithm.HS256, claims().issuer("https://idp.example")
                .audience(List.of("other", "admin")).build());
        String wrongIssuer = Tokens.hmac(secret, JWSAlgorithm.HS256, claims().issuer("https://evil.example")
                .audience("api").build());
        String wrongAudience = Tokens.hmac(secret, JWSAlgorithm.HS256, claims().issuer("https://idp.example")
                .audience("other").build());
        String noAudience = Tokens.hmac(secret, JWSAlgorithm.HS256, claims().issuer("https://idp.example").build());
        assertThat(check(jwt, good).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(jwt, wrongIssuer).reason()).startsWith("issuer");
        assertThat(check(jwt, wrongAudience).reason()).startsWith("audience");
        assertThat(check(jwt, noAudience).reason()).startsWith("audience");
    }

    @Test
    void theConsumerClaimNamesAConfiguredConsumerOrOneKnownByName() throws Exception {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        JwtAuthenticator open = jwt(SECRET_SETTING + "\nconsumer-claim: client",
                AuthFixtures.consumer("billing", "internal"));
        AuthOutcome known = check(open, Tokens.hmac(secret, JWSAlgorithm.HS256, claims().claim("client", "billing")
                .build()));
        assertThat(known.identity().consumer().groups()).containsExactly("internal");
        AuthOutcome unknown = check(open, Tokens.hmac(secret, JWSAlgorithm.HS256, claims().claim("client", "bob")
                .build()));
        assertThat(unknown.identity().consumer().name()).isEqualTo("bob");
        assertThat(unknown.identity().consumer().groups()).isEmpty();
        assertThat(check(open, Tokens.hmac(secret, JWSAlgorithm.HS256, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.INVALID);

        JwtAuthenticator strict = jwt(SECRET_SETTING + "\nrequire-known-consumer: true",
                AuthFixtures.consumer("alice"));
        assertThat(check(strict, Tokens.hmac(secret, JWSAlgorithm.HS256, claims().build())).kind())
                .isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        assertThat(check(strict, Tokens.hmac(secret, JWSAlgorithm.HS256, Tokens.claims("mallory", clock.instant())
                .build())).kind()).isEqualTo(AuthOutcome.Kind.INVALID);
    }

    @Test
    void scopesComeFromScpOrTheConfiguredClaim() throws Exception {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        JwtAuthenticator standard = jwt(SECRET_SETTING);
        assertThat(check(standard, Tokens.hmac(secret, JWSAlgorithm.HS256, claims().claim("scp", List.of("a", "b"))
                .build())).identity().scopes()).containsExactlyInAnyOrder("a", "b");
        JwtAuthenticator custom = jwt(SECRET_SETTING + "\nscopes-claim: permissions");
        assertThat(check(custom, Tokens.hmac(secret, JWSAlgorithm.HS256, claims().claim("scope", "ignored")
                .claim("permissions", List.of("orders:read")).build())).identity().scopes())
                .containsExactly("orders:read");
    }

    @Test
    void forwardClaimsBecomeUpstreamHeaders() throws Exception {
        JwtAuthenticator jwt = jwt(SECRET_SETTING + "\nforward-claims: { sub: X-User-Id, roles: X-Roles, "
                + "evil: X-Evil }");
        AuthOutcome outcome = check(jwt, Tokens.hmac(SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256,
                claims().claim("roles", List.of("admin", "ops")).claim("evil", "a\r\nX-Injected: 1").build()));
        assertThat(outcome.upstreamHeaders().get("X-User-Id")).isEqualTo("alice");
        assertThat(outcome.upstreamHeaders().get("X-Roles")).isEqualTo("admin,ops");
        assertThat(outcome.upstreamHeaders().contains("X-Evil")).isFalse();
        assertThat(jwt.upstreamHeaderNames()).containsExactlyInAnyOrder("X-User-Id", "X-Roles", "X-Evil");
    }

    @Test
    void tokensAreFoundInTheCookieOrQueryAndStrippedFromAllPlaces() throws Exception {
        JwtAuthenticator jwt = jwt(SECRET_SETTING + "\ncookie: session\nquery: access_token");
        String token = Tokens.hmac(SECRET.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256, claims().build());
        HttpRequest byCookie = get("/x?a=1", "Cookie", "theme=dark; session=" + token);
        assertThat(await(jwt.authenticate(context(), byCookie)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        jwt.stripCredential(byCookie);
        assertThat(byCookie.headers().get("Cookie")).isEqualTo("theme=dark");
        HttpRequest byQuery = get("/x?a=1&access_token=" + token + "&b=%20");
        assertThat(await(jwt.authenticate(context(), byQuery)).kind()).isEqualTo(AuthOutcome.Kind.AUTHENTICATED);
        jwt.stripCredential(byQuery);
        assertThat(byQuery.uri()).isEqualTo("/x?a=1&b=%20");
        HttpRequest byHeader = get("/x", "Authorization", "Bearer " + token);
        jwt.stripCredential(byHeader);
        assertThat(byHeader.headers().contains("Authorization")).isFalse();
    }

    @Test
    void noBearerTokenIsNoCredential() throws Exception {
        JwtAuthenticator jwt = jwt(SECRET_SETTING);
        assertThat(await(jwt.authenticate(context(), get("/x"))).kind()).isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
        assertThat(await(jwt.authenticate(context(), get("/x", "Authorization", "Basic YTpi"))).kind())
                .isEqualTo(AuthOutcome.Kind.NO_CREDENTIAL);
        assertThat(check(jwt, "not-a-token").kind()).isEqualTo(AuthOutcome.Kind.INVALID);
    }
}
