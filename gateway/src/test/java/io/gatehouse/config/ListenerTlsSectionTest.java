package io.gatehouse.config;

import static io.gatehouse.config.ConfigFixtures.errorsOf;
import static io.gatehouse.config.ConfigFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.config.ListenerTlsConfig.CertificateFiles;
import io.gatehouse.config.ListenerTlsConfig.ClientAuth;
import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import io.gatehouse.transport.TlsProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenerTlsSectionTest {

    @TempDir
    Path directory;
    private TestCertificates ca;
    private Issued api;

    @BeforeEach
    void setUp() {
        ca = TestCertificates.authority(directory, "ca");
        api = ca.server("api", "api.test");
    }

    private static String listener(String tls) {
        return "listeners: [ { name: public, port: 0, tls: " + tls + " } ]\n";
    }

    private static String pair(Issued issued) {
        return "{ cert: \"" + issued.cert() + "\", key: \"" + issued.key() + "\" }";
    }

    @Test
    void fillsInModernDefaults() {
        ListenerTlsConfig tls = load(listener("{ certificates: [" + pair(api) + "] }")).listeners().get(0).tls();

        assertThat(tls.certificates()).containsExactly(new CertificateFiles(api.cert(), api.key()));
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(tls.ciphers()).isEqualTo(TlsProvider.DEFAULT_CIPHERS);
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(tls.clientCa()).isNull();
    }

    @Test
    void readsEverySetting() {
        ListenerTlsConfig tls = load(listener("{ certificates: [" + pair(api) + "], protocols: [TLSv1.3], "
                + "ciphers: [TLS_AES_256_GCM_SHA384], client-auth: required, client-ca: \"" + ca.caFile() + "\" }"))
                .listeners().get(0).tls();

        assertThat(tls.protocols()).containsExactly("TLSv1.3");
        assertThat(tls.ciphers()).containsExactly("TLS_AES_256_GCM_SHA384");
        assertThat(tls.clientAuth()).isEqualTo(ClientAuth.REQUIRED);
        assertThat(tls.clientCa()).isEqualTo(ca.caFile());
    }

    @Test
    void acceptsAPkcs1RsaKey() {
        Issued rsa = ca.rsaServerPkcs1("rsa", "rsa.test");

        assertThat(load(listener("{ certificates: [" + pair(rsa) + "] }")).listeners().get(0).tls()).isNotNull();
    }

    @Test
    void reportsEachProblemWithItsPath() throws Exception {
        Issued other = ca.server("other", "other.test");
        Path garbage = Files.writeString(directory.resolve("garbage.pem"), "hello\n");
        Path missing = directory.resolve("missing.pem");

        assertThat(errorsOf(listener("{ certificates: ["
                + "{ cert: \"" + missing + "\", key: \"" + api.key() + "\" }, "
                + "{ cert: \"" + garbage + "\", key: \"" + api.key() + "\" }, "
                + "{ cert: \"" + api.cert() + "\", key: \"" + other.key() + "\" }], "
                + "protocols: [TLSv1.3, TLSv1.1], ciphers: [TLS_RSA_WITH_RC4_128_MD5], client-auth: optional }")))
                .containsExactly(
                        "listeners[0].tls.certificates[0].cert: " + missing + ": no such file",
                        "listeners[0].tls.certificates[1].cert: " + garbage
                                + ": expected a PEM file with a CERTIFICATE block",
                        "listeners[0].tls.certificates[2].key: the key in " + other.key()
                                + " does not match the certificate in " + api.cert()
                                + " (CN=api.test,O=Gatehouse Tests)",
                        "listeners[0].tls.protocols[1]: unsupported protocol \"TLSv1.1\" (allowed: TLSv1.3, TLSv1.2)",
                        "listeners[0].tls.ciphers[0]: unknown or unsupported cipher suite \"TLS_RSA_WITH_RC4_128_MD5\" "
                                + "(expected an IANA name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)",
                        "listeners[0].tls.client-ca: required with client-auth optional: the CAs client certificates "
                                + "are verified against");
    }

    @Test
    void aNameServedTwiceAndACaWithoutClientAuthAreErrors() {
        Issued again = ca.server("again", "api.test");

        assertThat(errorsOf(listener("{ certificates: [" + pair(api) + ", " + pair(again) + "], client-ca: \""
                + ca.caFile() + "\" }"))).containsExactly(
                "listeners[0].tls.certificates[1].cert: duplicate DNS name \"api.test\" "
                        + "(also at listeners[0].tls.certificates[0].cert)",
                "listeners[0].tls.client-ca: only allowed with client-auth optional or required");
    }

    @Test
    void relativePathsAreResolvedAgainstTheBaseDirectory() {
        ConfigErrors errors = new ConfigErrors();
        ConfigNode root = ConfigNode.root(ConfigLoader.readTree(
                listener("{ certificates: [ { cert: api.pem, key: api.key } ] }"), errors), errors, Set.of());

        ListenerTlsConfig tls = ListenerSection.listeners(root.get("listeners"), directory).get(0).tls();

        assertThat(errors.messages()).isEmpty();
        assertThat(tls.certificates()).containsExactly(new CertificateFiles(api.cert(), api.key()));
    }
}
