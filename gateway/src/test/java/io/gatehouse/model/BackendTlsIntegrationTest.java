package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gatehouse.testing.AdminClient;
import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.Eventually;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestResources;
import io.gatehouse.testing.TlsOrigin;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model control plane speaking TLS to a backend whose upstream has {@code tls}: its load and readiness calls
 * verify the backend's certificate and name as the proxy does and present the client certificate, so a version
 * becomes AVAILABLE and unloads; a certificate that does not verify leaves the version END with the reason. A reload
 * that changes the upstream's TLS leaves no client of the old setting behind, and one that deletes the upstream
 * still unloads the version over the TLS it was loaded with.
 */
@ExtendWith(LeakDetectionExtension.class)
class BackendTlsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOAD = "/v2/repository/models/lin/load";
    private static final String READY = "/v2/models/lin/versions/1/ready";
    private static final String UNLOAD = "/v2/repository/models/lin/unload";

    @TempDir
    Path directory;
    private TestCertificates ca;
    private TlsOrigin backend;
    private TestGateway gateway;

    @BeforeEach
    void setUp() {
        ca = TestCertificates.authority(directory, "backend-ca");
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, backend);
    }

    private void startBackend(Issued certificate, TestCertificates clientCa) {
        backend = TlsOrigin.start("backend", certificate, clientCa)
                .on(LOAD, Behaviour.status(200).body("{}"))
                .on(READY, Behaviour.status(200).body("{}"))
                .on(UNLOAD, Behaviour.status(200).body("{}"));
    }

    private void startGateway(String tls) {
        gateway = TestGateway.start(config(tls));
    }

    private String config(String tls) {
        return TestGateway.config(1, """
                upstreams:
                  backend:
                    endpoints: [ { address: "%s" } ]
                    tls: %s
                model-registry: { load-timeout: 5s }
                models:
                  - name: lin
                    protocol: open-inference-v2
                    upstream: backend
                    versions: [ { version: "1" } ]
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                """.formatted(backend.authority(), tls));
    }

    private void reload(String yaml) {
        gateway.rewriteConfig(yaml);
        HttpResponse<String> reload = new AdminClient(gateway).post("/admin/reload");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    }

    private VersionView settled() {
        Eventually.await("version 1 AVAILABLE or END", WAIT, () -> {
            VersionState state = version().state();
            return state == VersionState.AVAILABLE || state == VersionState.END;
        });
        return version();
    }

    private VersionView version() {
        return gateway.gateway().models().model("lin").versions().get("1");
    }

    @Test
    void loadsPollsReadinessAndUnloadsOverTlsPresentingTheClientCertificate() {
        TestCertificates clients = TestCertificates.authority(directory, "client-ca");
        Issued gatewayCertificate = clients.subject("gateway", "CN=gatehouse,O=Example");
        startBackend(ca.server("backend", "backend.test"), clients);

        startGateway("{ ca: \"%s\", server-name: backend.test, cert: \"%s\", key: \"%s\" }"
                .formatted(ca.caFile(), gatewayCertificate.cert(), gatewayCertificate.key()));

        VersionView version = settled();
        assertThat(version.state()).as(String.valueOf(version.error())).isEqualTo(VersionState.AVAILABLE);
        assertThat(backend.requests()).extracting(RecordedRequest::method, RecordedRequest::path)
                .startsWith(tuple("POST", LOAD), tuple("GET", READY));
        assertThat(backend.clientSubjects()).isNotEmpty().containsOnly("CN=gatehouse,O=Example");
        assertThat(backend.failedHandshakes()).isEmpty();
        assertThat(gateway.gateway().modelControl().readiness("lin", "1"))
                .extracting(BackendClient.Answer::ok, BackendClient.Answer::endpoint)
                .containsExactly(tuple(true, backend.authority()));

        HttpResponse<String> unloaded = new AdminClient(gateway).send(HttpRequest.newBuilder(
                gateway.adminUri("/admin/models/lin/versions/1")).DELETE());
        assertThat(unloaded.statusCode()).as(unloaded.body()).isEqualTo(200);
        assertThat(backend.requests()).extracting(RecordedRequest::method, RecordedRequest::path)
                .endsWith(tuple("POST", UNLOAD));
        assertThat(backend.failedHandshakes()).isEmpty();
    }

    @Test
    void aBackendWhoseCertificateTheCaDidNotSignNeverBecomesAvailable() {
        TestCertificates other = TestCertificates.authority(directory, "other-ca");
        startBackend(other.server("stranger", "backend.test"), null);

        startGateway("{ ca: \"%s\", server-name: backend.test }".formatted(ca.caFile()));

        VersionView version = settled();
        assertThat(version.state()).isEqualTo(VersionState.END);
        assertThat(version.error()).contains("load failed", "certificate", "is not trusted by the CAs in "
                + ca.caFile());
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void withVerificationOffAnyCertificateIsAccepted() {
        TestCertificates other = TestCertificates.authority(directory, "other-ca");
        startBackend(other.server("stranger", "elsewhere.test"), null);

        startGateway("{ verify: false }");

        VersionView version = settled();
        assertThat(version.state()).as(String.valueOf(version.error())).isEqualTo(VersionState.AVAILABLE);
        assertThat(backend.requests()).extracting(RecordedRequest::path).contains(LOAD, READY);
    }

    @Test
    void aServerNameTheCertificateDoesNotCarryIsRefused() {
        startBackend(ca.server("backend", "backend.test"), null);

        startGateway("{ ca: \"%s\", server-name: wrong.test }".formatted(ca.caFile()));

        VersionView version = settled();
        assertThat(version.state()).isEqualTo(VersionState.END);
        assertThat(version.error()).contains("certificate", "is not for the server name 'wrong.test'",
                "backend.test");
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void withoutServerNameTheEndpointsHostIsChecked() {
        // The endpoint is 127.0.0.1, which the certificate does not carry.
        startBackend(ca.server("backend", "localhost"), null);

        startGateway("{ ca: \"%s\" }".formatted(ca.caFile()));

        VersionView version = settled();
        assertThat(version.state()).isEqualTo(VersionState.END);
        assertThat(version.error()).contains("is not for the server name '127.0.0.1'");
        assertThat(backend.requests()).isEmpty();
    }

    @Test
    void aReloadThatChangesTheUpstreamsTlsDropsTheClientOfTheOldSetting() {
        startBackend(ca.server("backend", "backend.test", "other.test"), null);
        startGateway("{ ca: \"%s\", server-name: backend.test }".formatted(ca.caFile()));
        assertThat(settled().state()).isEqualTo(VersionState.AVAILABLE);
        ModelControl control = gateway.gateway().modelControl();
        assertThat(control.tlsClients()).extracting(BackendHttpClients.Setting::serverName)
                .containsExactly("backend.test");

        reload(config("{ ca: \"%s\", server-name: other.test }".formatted(ca.caFile())));

        Eventually.await("the client of the old setting dropped", WAIT, () -> control.tlsClients().stream()
                .noneMatch(setting -> setting.serverName().equals("backend.test")));
        control.reconcile().join();
        assertThat(control.readiness("lin", "1")).extracting(BackendClient.Answer::ok).containsExactly(true);
        assertThat(control.tlsClients()).as("only the setting in use")
                .containsExactly(new BackendHttpClients.Setting(gateway.gateway().config().upstreams().get("backend").pool()
                        .tls(), "other.test"));
        assertThat(backend.failedHandshakes()).isEmpty();
    }

    @Test
    void aVersionWhoseUpstreamAReloadDeletedIsUnloadedOverTheTlsItWasLoadedWith() {
        startBackend(ca.server("backend", "backend.test"), null);
        startGateway("{ ca: \"%s\", server-name: backend.test }".formatted(ca.caFile()));
        assertThat(settled().state()).isEqualTo(VersionState.AVAILABLE);

        reload(TestGateway.config(1, """
                upstreams:
                  other: { endpoints: [ { address: "127.0.0.1:1" } ] }
                model-apis:
                  open-inference-v2: { prefix: /v2 }
                """));

        Eventually.await("the version unloaded on its backend", WAIT, () -> backend.requests().stream()
                .anyMatch(request -> request.path().equals(UNLOAD)));
        assertThat(backend.requests()).extracting(RecordedRequest::method, RecordedRequest::path)
                .endsWith(tuple("POST", UNLOAD));
        assertThat(backend.failedHandshakes()).isEmpty();
        Eventually.await("no client kept once the unload is done", WAIT,
                () -> gateway.gateway().modelControl().tlsClients().isEmpty());
    }
}
