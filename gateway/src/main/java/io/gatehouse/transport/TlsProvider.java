package io.gatehouse.transport;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The TLS engine and the defaults every TLS context starts from: BoringSSL (netty-tcnative) where its native
 * library loads, the JDK's engine otherwise, unless {@code -Dgatehouse.tls.provider=jdk} asks for the JDK.
 */
public final class TlsProvider {

    /** The protocol versions a config may name, newest first; anything older has known weaknesses. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * Authenticated encryption only, forward secret only: the TLS 1.3 suites, then ECDHE suites for TLS 1.2 clients.
     * No CBC (padding oracles), no RSA key exchange (no forward secrecy), no SHA-1 MACs.
     */
    public static final List<String> DEFAULT_CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private TlsProvider() {
    }

    public static SslProvider best() {
        if ("jdk".equalsIgnoreCase(System.getProperty("gatehouse.tls.provider"))) {
            return SslProvider.JDK;
        }
        return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /** For the start-up log: which engine, and why not BoringSSL when it is not in use. */
    public static String describe(SslProvider provider) {
        if (provider == SslProvider.OPENSSL) {
            return "BoringSSL (" + OpenSsl.versionString() + ")";
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return "JDK" + (cause == null ? "" : " (BoringSSL unavailable: " + cause + ")");
    }

    /** The cipher suite names (IANA/Java spelling) that {@code provider} implements. */
    public static Set<String> supportedCiphers(SslProvider provider) {
        if (provider == SslProvider.OPENSSL) {
            return OpenSsl.availableJavaCipherSuites();
        }
        try {
            return Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
