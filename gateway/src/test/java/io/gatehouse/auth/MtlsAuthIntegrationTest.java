package io.gatehouse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import io.gatehouse.testing.TlsClient;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An {@code auth} filter with the mtls method behind a listener that asks for client certificates. */
@ExtendWith(LeakDetectionExtension.class)
class MtlsAuthIntegrationTest {

    @TempDir
    Path directory;
    private TestCertificates serverCa;
    private TestCertificates clientCa;
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void setUp() {
        serverCa = TestCertificates.authority(directory, "server-ca");
        clientCa = TestCertificates.authority(directory, "client-ca");
        Issued server = serverCa.server("api", "api.test");
        origin = TestOrigin.start("app");
        gateway = TestGateway.start("""
                server: { event-loops: 1 }
                listeners:
                  - name: public
                    address: 127.0.0.1
                    port: 0
                    tls:
                      certificates: [ { cert: "%s", key: "%s" } ]
                      client-auth: optional
                      client-ca: "%s"
                admin: { address: 127.0.0.1, port: 0 }
                access-log: { enabled: false }
                consumers:
                  - name: ops
                    credentials: { mtls: [ { subject: "CN=ops,O=Example" } ] }
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: all
                    match: { prefix: / }
                    upstream: app
                    filters: [ { auth: { any-of: [mtls] } } ]
                """.formatted(server.cert(), server.key(), clientCa.caFile(), origin.authority()));
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, origin);
    }

    private int status(Issued client) throws IOException {
        return TlsClient.get(serverCa.clientContext(client), gateway.port(), "api.test", "/").status();
    }

    @Test
    void aCertificateOfAConsumerIsLetIn() throws IOException {
        assertThat(status(clientCa.subject("ops", "CN=ops,O=Example"))).isEqualTo(200);
        assertThat(origin.requests()).hasSize(1);
    }

    @Test
    void withoutACertificateOrWithOneOfNoConsumerTheRequestIsRefused() throws IOException {
        assertThat(status(null)).isEqualTo(401);
        assertThat(status(clientCa.subject("stranger", "CN=stranger,O=Example"))).isEqualTo(401);
        assertThat(origin.requests()).isEmpty();
    }
}
