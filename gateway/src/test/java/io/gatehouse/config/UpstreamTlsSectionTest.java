package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamTlsSectionTest {

    @TempDir
    Path directory;

    private static String upstream(String tls) {
        return "upstreams:\n  app: { endpoints: [{ address: \"h:443\" }], tls: " + tls + " }\n";
    }

    private static UpstreamTlsConfig tlsOf(String tls) {
        return load(upstream(tls)).upstreams().get("app").pool().tls();
    }

    @Test
    void anEmptyBlockVerifiesAgainstTheSystemTrustAndTheEndpointsName() {
        assertThat(tlsOf("{}")).isEqualTo(new UpstreamTlsConfig(null, true, null, null, null));
        assertThat(tlsOf("{ enabled: false, server-name: x.test }")).isNull();
        assertThat(load(upstream("null")).upstreams().get("app").pool().tls()).isNull();
    }

    @Test
    void readsEverySetting() {
        TestCertificates ca = TestCertificates.authority(directory, "ca");
        Issued client = ca.subject("client", "CN=gatehouse");

        assertThat(tlsOf("{ enabled: true, ca: \"%s\", server-name: api.internal, cert: \"%s\", key: \"%s\" }"
                .formatted(ca.caFile(), client.cert(), client.key())))
                .isEqualTo(new UpstreamTlsConfig(ca.caFile(), true, "api.internal", client.cert(), client.key()));
        assertThat(tlsOf("{ verify: false }")).isEqualTo(new UpstreamTlsConfig(null, false, null, null, null));
    }

    @Test
    void reportsEachProblemWithItsPath() {
        Path missing = directory.resolve("missing.pem");

        assertThat(errorsOf(upstream("{ ca: \"%s\", server-name: \"10.0.0.1\", cert: \"%s\", color: red }"
                .formatted(missing, missing)))).containsExactly(
                "upstreams.app.tls.color: unknown key (allowed: enabled, ca, verify, server-name, cert, key)",
                "upstreams.app.tls.ca: " + missing + ": no such file",
                "upstreams.app.tls.server-name: expected a DNS host name, got \"10.0.0.1\"",
                "upstreams.app.tls.key: required with cert: a client certificate needs both");
    }
}
