package io.gatehouse.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerNameTrustManagerTest {

    @TempDir
    Path directory;
    private TestCertificates ca;

    @BeforeEach
    void setUp() {
        ca = TestCertificates.authority(directory, "names-ca");
    }

    private ServerNameTrustManager trusting(TestCertificates authority, String serverName) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", authority.ca());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return new ServerNameTrustManager((X509TrustManager) factory.getTrustManagers()[0], serverName,
                "the test CA");
    }

    private static X509Certificate[] chain(Issued issued) {
        return new X509Certificate[] {issued.certificate()};
    }

    @Test
    void aChainTheCaSignedForTheServerNamePasses() throws Exception {
        Issued backend = ca.server("backend", "backend.test");

        trusting(ca, "Backend.Test.").checkServerTrusted(chain(backend), "ECDHE_ECDSA");
    }

    @Test
    void anotherNameIsRefusedSayingWhichNamesTheCertificateCarries() throws Exception {
        Issued backend = ca.server("backend", "backend.test", "*.backends.test");

        assertThatThrownBy(() -> trusting(ca, "wrong.test").checkServerTrusted(chain(backend), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessage("the certificate (CN=backend.test,O=Gatehouse Tests) is not for the server name "
                        + "'wrong.test': it names [backend.test, *.backends.test]");
    }

    @Test
    void aChainAnotherCaSignedIsRefusedWhateverItsName() throws Exception {
        Issued stranger = TestCertificates.authority(directory, "other-ca").server("stranger", "backend.test");

        assertThatThrownBy(() -> trusting(ca, "backend.test").checkServerTrusted(chain(stranger), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("the certificate of backend.test (CN=backend.test,O=Gatehouse Tests) is not "
                        + "trusted by the test CA: ");
    }

    @Test
    void aWildcardStandsForExactlyOneWholeLeftmostLabel() {
        assertThat(ServerNameTrustManager.dnsMatches("*.example.com", "a.example.com")).isTrue();
        assertThat(ServerNameTrustManager.dnsMatches("*.example.com.", "a.example.com")).isTrue();
        assertThat(ServerNameTrustManager.dnsMatches("*.example.com", "example.com")).isFalse();
        assertThat(ServerNameTrustManager.dnsMatches("*.example.com", "a.b.example.com")).isFalse();
        assertThat(ServerNameTrustManager.dnsMatches("*.example.com", ".example.com")).isFalse();
        assertThat(ServerNameTrustManager.dnsMatches("*.com", "example.com")).isFalse();
        assertThat(ServerNameTrustManager.dnsMatches("a*.example.com", "ab.example.com")).isFalse();
        assertThat(ServerNameTrustManager.dnsMatches("*.*.example.com", "a.b.example.com")).isFalse();
        assertThat(ServerNameTrustManager.dnsMatches("example.com", "example.com")).isTrue();
        assertThat(ServerNameTrustManager.dnsMatches("example.com", "www.example.com")).isFalse();
    }

    @Test
    void anIpAddressIsCheckedAgainstIpSansNeverAgainstDnsNamesOrTheCommonName() {
        Issued byCommonName = ca.subject("cn-ip", "CN=127.0.0.1");
        Issued dnsOnly = ca.server("dns", "127.0.0.1.test");

        assertThat(ServerNameTrustManager.issuedFor(byCommonName.certificate(), "127.0.0.1")).isFalse();
        assertThat(ServerNameTrustManager.issuedFor(dnsOnly.certificate(), "127.0.0.1")).isFalse();
    }

    @Test
    void anIpAddressMatchesAnIpSanInAnyOfItsSpellings() throws Exception {
        X509Certificate certificate = withIpSans("127.0.0.1", "::1");

        assertThat(ServerNameTrustManager.issuedFor(certificate, "127.0.0.1")).isTrue();
        assertThat(ServerNameTrustManager.issuedFor(certificate, "0:0:0:0:0:0:0:1")).isTrue();
        assertThat(ServerNameTrustManager.issuedFor(certificate, "::1")).isTrue();
        assertThat(ServerNameTrustManager.issuedFor(certificate, "127.0.0.2")).isFalse();
    }

    /** A self-signed certificate whose only subject alternative names are these IP addresses. */
    private static X509Certificate withIpSans(String... addresses) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Principal subject = new X500Principal("CN=by-ip");
        Instant now = Instant.now();
        GeneralName[] names = new GeneralName[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            names[i] = new GeneralName(GeneralName.iPAddress, addresses[i]);
        }
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.HOURS)), subject,
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    @Test
    void withoutDnsSansTheCommonNameIsTheName() {
        Issued byCommonName = ca.subject("cn-only", "CN=only.test,O=Example");

        assertThat(ServerNameTrustManager.issuedFor(byCommonName.certificate(), "only.test")).isTrue();
        assertThat(ServerNameTrustManager.issuedFor(byCommonName.certificate(), "other.test")).isFalse();
    }
}
