package io.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests: issues server certificates for DNS names and client certificates
 * for subjects, written as PEM files (certificate, and a PKCS#8 key unless asked for PKCS#1) into a directory.
 * EC P-256 keys keep generation fast; RSA only where a test is about RSA.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    private final Path directory;
    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caFile;

    /** A certificate with its PEM files. */
    public record Issued(X509Certificate certificate, KeyPair keys, Path cert, Path key) {
    }

    private TestCertificates(Path directory, String caName) {
        this.directory = directory;
        this.caKeys = ecKeys();
        X500Principal subject = new X500Principal("CN=" + caName + ",O=Gatehouse Tests");
        this.ca = sign(new JcaX509v3CertificateBuilder(subject, serial(), notBefore(), notAfter(), subject,
                caKeys.getPublic()), true, null, caKeys);
        this.caFile = directory.resolve(caName + ".pem");
        writePem(caFile, ca);
    }

    /** A new CA whose files go into {@code directory}. */
    public static TestCertificates authority(Path directory, String caName) {
        return new TestCertificates(directory, caName);
    }

    public X509Certificate ca() {
        return ca;
    }

    public Path caFile() {
        return caFile;
    }

    /** A server certificate for {@code dnsNames} (CN the first one), files {@code NAME.pem} and {@code NAME.key}. */
    public Issued server(String name, String... dnsNames) {
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        return issue(name, "CN=" + (dnsNames.length == 0 ? name : dnsNames[0]) + ",O=Gatehouse Tests",
                new GeneralNames(names), ecKeys(), false);
    }

    /** A certificate for the subject DN alone (no subject alternative name), e.g. a client certificate. */
    public Issued subject(String name, String subjectDn) {
        return issue(name, subjectDn, null, ecKeys(), false);
    }

    /** Like {@link #server} with an RSA key written as PKCS#1 ({@code RSA PRIVATE KEY}). */
    public Issued rsaServerPkcs1(String name, String dnsName) {
        return issue(name, "CN=" + dnsName, new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)),
                rsaKeys(), true);
    }

    /** Atomically replaces {@code target}'s files by {@code source}'s, as certificate tooling does by rename. */
    public static void replace(Issued target, Issued source) {
        try {
            Path certTemp = Files.copy(source.cert(), temporary(target.cert()));
            Path keyTemp = Files.copy(source.key(), temporary(target.key()));
            Files.move(keyTemp, target.key(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(certTemp, target.cert(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JDK client context trusting this CA and presenting {@code client} (null for none). The JDK caches client
     * sessions by host and port and then sends the cached session's SNI whatever name is asked for: use one
     * context per server name.
     */
    public SSLContext clientContext(Issued client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = null;
            if (client != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", client.keys().getPrivate(), new char[0],
                        new X509Certificate[] {client.certificate()});
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private Issued issue(String name, String subjectDn, GeneralNames sans, KeyPair keys, boolean pkcs1) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca, serial(), notBefore(), notAfter(),
                    new X500Principal(subjectDn), keys.getPublic());
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            X509Certificate certificate = sign(builder, false, name, caKeys);
            Path cert = directory.resolve(name + ".pem");
            Path key = directory.resolve(name + ".key");
            writePem(cert, certificate);
            writePem(key, pkcs1 ? keys.getPrivate() : new JcaPKCS8Generator(keys.getPrivate(), null));
            return new Issued(certificate, keys, cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, boolean authority, String name,
                                        KeyPair signer) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign " + (name == null ? "the CA" : name), e);
        }
    }

    private static void writePem(Path file, Object object) {
        try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
            pem.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(1, ChronoUnit.HOURS));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    }
}
