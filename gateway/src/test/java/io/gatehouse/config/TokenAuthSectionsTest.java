package io.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings of the jwt, oauth2-introspection and ext-auth methods: defaults, and every problem with its path. */
class TokenAuthSectionsTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("JWT_SECRET", SECRET, "SHORT_SECRET", "short-secret",
            "CLIENT_SECRET", "pw");

    /** The directory of the config the settings are in: relative file names are resolved against it. */
    @TempDir
    Path directory;

    private AuthFilterConfig parseAll(String yaml) {
        ConfigErrors errors = new ConfigErrors();
        AuthFilterConfig config = AuthFilterSection.parse(
                FilterSettingsFixtures.settings(yaml, "auth", errors, ENV, directory));
        assertThat(errors.messages()).isEmpty();
        return config;
    }

    private AuthMethodConfig parse(String yaml) {
        return parseAll(yaml).methods().get(0);
    }

    private List<String> errors(String yaml) {
        ConfigErrors errors = new ConfigErrors();
        assertThat(AuthFilterSection.parse(FilterSettingsFixtures.settings(yaml, "auth", errors, ENV, directory)))
                .isNull();
        return errors.messages();
    }

    @Test
    void jwtDefaults() {
        JwtAuthConfig jwt = (JwtAuthConfig) parse("any-of: [jwt]\njwt: { jwks-url: \"https://idp.example/jwks\" }");
        assertThat(jwt.token()).isEqualTo(new TokenSource("Authorization", null, null, false));
        assertThat(jwt.algorithms()).containsExactlyInAnyOrder("RS256", "RS384", "RS512", "PS256", "ES256", "ES384",
                "EdDSA");
        assertThat(jwt.jwksRefresh()).isEqualTo(Duration.ofMinutes(5));
        assertThat(jwt.jwksMinRefetch()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jwt.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(jwt.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(jwt.consumerClaim()).isEqualTo("sub");
        assertThat(jwt.realm()).isEqualTo("gatehouse");
    }

    @Test
    void aJwtSecretFromTheEnvironmentNeverShowsAndItsLengthDecidesTheHmacAlgorithms() {
        JwtAuthConfig jwt = (JwtAuthConfig) parse("any-of: [jwt]\njwt: { secret: \"${JWT_SECRET}\" }");
        assertThat(jwt.secret()).isEqualTo(Secret.of(SECRET));
        assertThat(jwt.algorithms()).containsExactly("HS256");
        assertThat(jwt.toString()).doesNotContain(SECRET).contains("(secret)");
        assertThat(errors("any-of: [jwt]\njwt: { secret: \"${SHORT_SECRET}\" }"))
                .containsExactly("auth.jwt.secret: the secret is 12 bytes, expected at least 32 (256 bits) for HS256");
        assertThat(String.join("\n", errors("any-of: [jwt]\njwt: { secret: \"${SHORT_SECRET}\" }")))
                .doesNotContain("short-secret");
    }

    @Test
    void secretsWrittenAsPlainTextAreRefusedWithoutRepeatingThem() {
        List<String> errors = errors("""
                any-of: [jwt, oauth2-introspection]
                jwt: { secret: plain-jwt-secret-0123456789abcdef }
                oauth2-introspection:
                  url: https://idp.example/introspect
                  client-id: gw
                  client-secret: "${UNSET:-plain-default-secret}"
                """);

        assertThat(errors).containsExactly(
                "auth.jwt.secret: a secret must not be written in the config as plain text: use ${VARIABLE} (from the "
                        + "environment) or secret-file",
                "auth.oauth2-introspection.client-secret: a client secret must not be written in the config as plain "
                        + "text: use ${VARIABLE} (from the environment) or client-secret-file");
        assertThat(String.join("\n", errors)).doesNotContain("plain-jwt-secret", "plain-default-secret");
    }

    @Test
    void secretsAndKeysAreReadFromFilesRelativeToTheConfig() throws Exception {
        Files.writeString(directory.resolve("jwt.secret"), SECRET + "\n");
        Files.writeString(directory.resolve("client.secret"), "pw\r\n");
        Files.writeString(directory.resolve("keys.pem"), publicKeyPem());
        AuthFilterConfig config = parseAll("""
                any-of: [jwt, oauth2-introspection]
                jwt: { secret-file: jwt.secret, keys-file: keys.pem }
                oauth2-introspection:
                  { url: "https://idp.example/introspect", client-id: gw, client-secret-file: client.secret }
                """);

        JwtAuthConfig jwt = (JwtAuthConfig) config.methods().get(0);
        assertThat(jwt.secret()).isEqualTo(Secret.of(SECRET));
        assertThat(jwt.keys()).hasSize(1);
        assertThat(jwt.algorithms()).contains("HS256", "RS256");
        assertThat(((IntrospectionAuthConfig) config.methods().get(1)).clientSecret()).isEqualTo(Secret.of("pw"));
    }

    @Test
    void unreadableSecretAndKeyFilesAreReportedWithTheirFullPath() throws Exception {
        Files.writeString(directory.resolve("empty.secret"), "\n");
        Files.writeString(directory.resolve("bad.pem"), "not a key\n");

        assertThat(errors("""
                any-of: [jwt, oauth2-introspection]
                jwt: { secret-file: missing.secret, keys-file: bad.pem }
                oauth2-introspection: { url: "https://idp.example/introspect", client-id: gw,
                  client-secret-file: empty.secret }
                """)).containsExactly(
                "auth.jwt.secret-file: cannot read the secret file " + directory.resolve("missing.secret")
                        + ": no such file",
                "auth.jwt.keys-file: cannot read keys from " + directory.resolve("bad.pem") + ": expected PEM blocks "
                        + "(-----BEGIN PUBLIC KEY----- or -----BEGIN CERTIFICATE-----) or a JWK set as JSON",
                "auth.oauth2-introspection.client-secret-file: the client secret file "
                        + directory.resolve("empty.secret") + " is empty");
        assertThat(errors("any-of: [jwt]\njwt: { keys-file: missing.pem }")).containsExactly(
                "auth.jwt.keys-file: cannot read the keys file " + directory.resolve("missing.pem") + ": no such file");
        assertThat(errors("any-of: [jwt]\njwt: { secret: \"${JWT_SECRET}\", secret-file: jwt.secret }"))
                .containsExactly("auth.jwt: secret and secret-file are exclusive, got secret and secret-file");
    }

    private static String publicKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void jwtProblemsAreReportedWithTheirPaths() {
        assertThat(errors("any-of: [jwt]\njwt: {}")).containsExactly(
                "auth.jwt: expected at least one of secret, secret-file, keys, keys-file, jwks-url");
        assertThat(errors("""
                any-of: [jwt]
                jwt:
                  jwks-url: ftp://idp.example/jwks
                  algorithms: [HS256, RS1024]
                  keys: "not a key"
                  forward-claims: { sub: "bad header" }
                  jwks-refresh: 0
                  realm: 'a"b'
                """)).containsExactlyInAnyOrder(
                "auth.jwt.keys: expected PEM blocks (-----BEGIN PUBLIC KEY----- or -----BEGIN CERTIFICATE-----) or a "
                        + "JWK set as JSON",
                "auth.jwt.jwks-url: expected an http:// or https:// URL with a host, no user info and no fragment, "
                        + "like https://auth.example.com/path, got \"ftp://idp.example/jwks\"",
                "auth.jwt.algorithms[0]: HS256 has no key to verify it: it needs secret or secret-file of at least "
                        + "32 bytes",
                "auth.jwt.algorithms[1]: unknown algorithm \"RS1024\" (known: ES256, ES384, EdDSA, HS256, HS384, "
                        + "HS512, PS256, RS256, RS384, RS512)",
                "auth.jwt.forward-claims.sub: expected a header name for claim sub, got \"bad header\"",
                "auth.jwt.jwks-refresh: expected a duration above 0, got \"0\"",
                "auth.jwt.realm: expected a realm without quotes, backslashes or line breaks, got \"a\"b\"");
    }

    @Test
    void privateAndSymmetricKeysAreRefused() {
        assertThat(errors("any-of: [jwt]\njwt: { keys: '{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"AAAA\"}' }"))
                .containsExactly("auth.jwt.keys: key oct \"h\" is private or symmetric, expected public keys only "
                        + "(an HMAC key goes in secret)");
        assertThat(errors("any-of: [jwt]\njwt:\n  keys: |\n    -----BEGIN PRIVATE KEY-----\n    AAAA\n"
                + "    -----END PRIVATE KEY-----\n")).singleElement().asString()
                .contains("PEM block PRIVATE KEY is not a public key");
    }

    @Test
    void introspectionSettings() {
        IntrospectionAuthConfig config = (IntrospectionAuthConfig) parse("""
                any-of: [oauth2-introspection]
                oauth2-introspection:
                  { url: "https://idp.example/introspect", client-id: gw, client-secret: "${CLIENT_SECRET}" }
                """);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.cacheSize()).isEqualTo(10_000);
        assertThat(config.toString()).doesNotContain("pw,").contains("(secret)");
        assertThat(errors("any-of: [oauth2-introspection]\noauth2-introspection: { cache-size: -1 }"))
                .containsExactlyInAnyOrder("auth.oauth2-introspection.url: required",
                        "auth.oauth2-introspection.client-id: required",
                        "auth.oauth2-introspection.cache-size: expected an integer >= 0, got \"-1\"");
        assertThat(errors("any-of: [oauth2-introspection]\noauth2-introspection: { url: \"http://a/\", "
                + "client-id: gw }")).containsExactly(
                "auth.oauth2-introspection: expected client-secret or client-secret-file");
    }

    @Test
    void extAuthSettings() {
        ExtAuthConfig config = (ExtAuthConfig) parse("any-of: [ext-auth]\next-auth: { url: \"http://authz:8080\" }");
        assertThat(config.forwardHeaders()).containsExactly("Authorization", "Cookie");
        assertThat(config.upstreamHeaders()).isEmpty();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.allowOnFailure()).isFalse();
        assertThat(config.consumerHeader()).isEqualTo("X-Consumer");
        assertThat(errors("""
                any-of: [ext-auth]
                ext-auth:
                  url: "http://user:pw@authz"
                  forward-headers: [Host, Authorization, authorization]
                  on-failure: maybe
                """)).containsExactlyInAnyOrder(
                "auth.ext-auth.url: expected an http:// or https:// URL with a host, no user info and no fragment, "
                        + "like https://auth.example.com/path, got \"http://***@authz\"",
                "auth.ext-auth.forward-headers[0]: header Host cannot be forwarded: the gateway sets it itself "
                        + "(not allowed: connection, content-length, expect, host, upgrade)",
                "auth.ext-auth.forward-headers[2]: duplicate header \"authorization\" (also at "
                        + "auth.ext-auth.forward-headers[1])",
                "auth.ext-auth.on-failure: expected deny or allow, got \"maybe\"");
    }
}
