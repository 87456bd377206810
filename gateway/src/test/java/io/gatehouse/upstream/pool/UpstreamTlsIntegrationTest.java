package io.gatehouse.upstream.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestResources;
import io.gatehouse.testing.TlsOrigin;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The gateway speaking TLS to an origin: verification of its certificate and name, and a client certificate. */
@ExtendWith(LeakDetectionExtension.class)
class UpstreamTlsIntegrationTest {

    @TempDir
    Path directory;
    private TestCertificates ca;
    private Issued originCertificate;
    private TlsOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void setUp() {
        ca = TestCertificates.authority(directory, "upstream-ca");
        originCertificate = ca.server("origin", "origin.test");
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, origin);
    }

    private void start(String tls) {
        gateway = TestGateway.start(TestGateway.config(1, """
                upstreams:
                  app:
                    endpoints: [ { address: "%s" } ]
                    tls: %s
                routes:
                  - { name: all, match: { prefix: / }, upstream: app }
                """.formatted(origin.authority(), tls)));
    }

    private RawResponse get(String path) throws IOException {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port())) {
            client.write("GET " + path + " HTTP/1.1\r\nHost: gatehouse.test\r\n\r\n");
            return client.readResponse();
        }
    }

    @Test
    void verifiesTheOriginAgainstTheCaAndTheServerNameAndKeepsTheConnection() throws IOException {
        origin = TlsOrigin.start("app", originCertificate, null);
        start("{ ca: \"%s\", server-name: origin.test }".formatted(ca.caFile()));

        assertThat(get("/a").status()).isEqualTo(200);
        assertThat(get("/b").status()).isEqualTo(200);

        assertThat(origin.requests()).extracting(r -> r.uri()).containsExactly("/a", "/b");
        assertThat(origin.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void aServerNameTheCertificateDoesNotCarryFailsVerification() throws IOException {
        origin = TlsOrigin.start("app", originCertificate, null);
        start("{ ca: \"%s\", server-name: wrong.test }".formatted(ca.caFile()));

        assertThat(get("/a").status()).isEqualTo(502);
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void theEndpointsHostIsTheDefaultServerName() throws IOException {
        origin = TlsOrigin.start("app", ca.server("by-ip", "localhost"), null);
        // The endpoint's host is 127.0.0.1, which the certificate does not carry.
        start("{ ca: \"%s\" }".formatted(ca.caFile()));

        assertThat(get("/a").status()).isEqualTo(502);
    }

    @Test
    void anOriginSignedByAnotherCaIsRefusedUnlessVerificationIsOff() throws IOException {
        TestCertificates other = TestCertificates.authority(directory, "other-ca");
        origin = TlsOrigin.start("app", other.server("stranger", "origin.test"), null);
        start("{ ca: \"%s\", server-name: origin.test }".formatted(ca.caFile()));
        assertThat(get("/a").status()).isEqualTo(502);
        gateway.close();

        start("{ verify: false }");
        assertThat(get("/b").status()).isEqualTo(200);
        assertThat(origin.requests()).extracting(r -> r.uri()).containsExactly("/b");
    }

    @Test
    void presentsTheClientCertificateTheOriginRequires() throws IOException {
        TestCertificates clients = TestCertificates.authority(directory, "client-ca");
        Issued gatewayCertificate = clients.subject("gateway", "CN=gatehouse,O=Example");
        origin = TlsOrigin.start("app", originCertificate, clients);

        start("{ ca: \"%s\", server-name: origin.test }".formatted(ca.caFile()));
        assertThat(get("/without").status()).isEqualTo(502);
        gateway.close();

        start("{ ca: \"%s\", server-name: origin.test, cert: \"%s\", key: \"%s\" }"
                .formatted(ca.caFile(), gatewayCertificate.cert(), gatewayCertificate.key()));
        assertThat(get("/with").status()).isEqualTo(200);
        assertThat(origin.requests()).extracting(r -> r.uri()).containsExactly("/with");
        assertThat(origin.clientSubjects()).contains("CN=gatehouse,O=Example");
    }
}
