package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.CapturedLogs;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import io.gatehouse.testing.TlsClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Certificates replaced on disk, or in the config, while the gateway serves TLS. */
@ExtendWith(LeakDetectionExtension.class)
class CertificateReloadIntegrationTest {

    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;
    private TestCertificates ca;
    private Issued api;
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void setUp() {
        ca = TestCertificates.authority(directory, "test-ca");
        api = ca.server("api", "api.test");
        origin = TestOrigin.start("app");
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, origin);
    }

    private String config(Issued certificate) {
        return """
                server: { event-loops: 2 }
                listeners:
                  - name: public
                    address: 127.0.0.1
                    port: 0
                    tls: { certificates: [ { cert: "%s", key: "%s" } ] }
                admin: { address: 127.0.0.1, port: 0 }
                access-log: { enabled: false }
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - { name: all, match: { prefix: / }, upstream: app }
                """.formatted(certificate.cert(), certificate.key(), origin.authority());
    }

    private X509Certificate served() throws IOException {
        return TlsClient.handshake(ca.clientContext(null), gateway.port(), "api.test");
    }

    @Test
    void aReplacedCertificateServesNewHandshakesWithoutFailingARequest() throws Exception {
        gateway = TestGateway.start(config(api));
        Issued next = ca.server("api-next", "api.test");
        TlsClient.KeptAlive kept = TlsClient.open(ca.clientContext(null), gateway.port(), "api.test");
        assertThat(kept.get("/before")).isEqualTo(200);

        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<X509Certificate> lastSeen = new AtomicReference<>();
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        Thread load = new Thread(() -> {
            while (System.nanoTime() < until || !next.certificate().equals(lastSeen.get())) {
                try {
                    TlsClient.Response response = TlsClient.get(ca.clientContext(null), gateway.port(),
                            "api.test", "/");
                    lastSeen.set(response.serverCertificate());
                    (response.status() == 200 ? ok : failed).incrementAndGet();
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                }
                if (System.nanoTime() - until > RELOAD_WAIT.toNanos()) {
                    return;
                }
            }
        }, "tls-load");
        load.start();
        Eventually.await("requests before the replacement", RELOAD_WAIT, () -> ok.get() >= 5);
        TestCertificates.replace(api, next);
        load.join();

        assertThat(failed.get()).isZero();
        assertThat(lastSeen.get()).isEqualTo(next.certificate());
        assertThat(served()).isEqualTo(next.certificate());
        // The connection opened before keeps its session, and its certificate.
        assertThat(kept.get("/after")).isEqualTo(200);
        assertThat(kept.serverCertificate()).isEqualTo(api.certificate());
        kept.close();
    }

    @Test
    void aBrokenFileKeepsTheCertificateServingAndIsReported() throws Exception {
        gateway = TestGateway.start(config(api));
        try (CapturedLogs logs = new CapturedLogs(ListenerTls.class.getName())) {
            Files.writeString(api.cert(), "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
            logs.awaitMore("cannot be used", 0, RELOAD_WAIT);
        }
        assertThat(served()).isEqualTo(api.certificate());

        Issued next = ca.server("api-next", "api.test");
        TestCertificates.replace(api, next);
        Eventually.await("the repaired certificate serves", RELOAD_WAIT,
                () -> next.certificate().equals(servedQuietly()));
    }

    @Test
    void aConfigReloadThatChangesTheCertificatesApplies() throws Exception {
        gateway = TestGateway.start(config(api));
        Issued other = ca.server("other", "api.test", "other.test");

        gateway.rewriteConfig(config(other));

        Eventually.await("the certificate of the new config serves", RELOAD_WAIT,
                () -> other.certificate().equals(servedQuietly()));
    }

    private X509Certificate servedQuietly() {
        try {
            return served();
        } catch (IOException e) {
            return null;
        }
    }
}
