package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.gatehouse.auth.jwt.Tokens;
import io.gatehouse.bootstrap.Gateway;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway started from a config in a directory of its own, away from the working directory, whose JWT
 * secret and admin token are files named relative to it: both are found there and used.
 */
@ExtendWith(LeakDetectionExtension.class)
class SecretFilesIntegrationTest {

    private static final String SECRET = "jwt-secret-0123456789abcdef012345";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";

    @TempDir
    Path directory;

    private TestOrigin app;
    private Gateway gateway;

    @BeforeEach
    void start() throws IOException {
        app = TestOrigin.start("app");
        Path configDirectory = Files.createDirectories(directory.resolve("etc/gatehouse"));
        Path secrets = Files.createDirectories(configDirectory.resolve("secrets"));
        Files.writeString(secrets.resolve("jwt"), SECRET + "\n");
        Files.writeString(secrets.resolve("admin-token"), ADMIN_TOKEN + "\n");
        Path config = Files.writeString(configDirectory.resolve("gatehouse.yaml"), """
                server: { event-loops: 1 }
                listeners: [ { name: public, address: 127.0.0.1, port: 0 } ]
                admin: { address: 127.0.0.1, port: 0, token-file: secrets/admin-token }
                access-log: { enabled: false }
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: jwt
                    match: { prefix: / }
                    upstream: app
                    filters:
                      - auth: { any-of: [jwt], jwt: { secret-file: secrets/jwt } }
                """.formatted(app.authority()));
        assertThat(Path.of("secrets")).as("the working directory holds no such file").doesNotExist();
        gateway = Gateway.start(config, name -> null);
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, app);
    }

    private static RawResponse get(int port, String path, String authorization) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(port)) {
            client.write("GET " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\nAuthorization: " + authorization
                    + "\r\n\r\n");
            return client.readResponse();
        }
    }

    private static String token(String secret) {
        return Tokens.hmac(secret.getBytes(StandardCharsets.UTF_8), JWSAlgorithm.HS256,
                Tokens.claims("alice", Instant.now()).build());
    }

    @Test
    void aTokenSignedWithTheSecretInTheFileBesideTheConfigIsAccepted() throws IOException {
        int port = gateway.port("public");
        assertThat(get(port, "/a", "Bearer " + token(SECRET)).status()).isEqualTo(200);
        assertThat(get(port, "/a", "Bearer " + token(SECRET.toUpperCase())).status()).isEqualTo(401);
        assertThat(app.requests()).hasSize(1);
    }

    @Test
    void theAdminApiWantsTheTokenInTheFileBesideTheConfig() throws IOException {
        int port = gateway.adminPort();
        assertThat(get(port, "/admin/routes", "Bearer " + ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(get(port, "/admin/routes", "Bearer " + SECRET).status()).isEqualTo(401);
    }
}
