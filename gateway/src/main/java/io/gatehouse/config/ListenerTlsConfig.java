package io.gatehouse.config;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS on a listener. Paths are absolute (relative ones were resolved against the config's directory).
 *
 * @param certificates what the listener serves, by SNI name; the first also serves unknown or absent names
 * @param protocols    a non-empty subset of TLSv1.3 and TLSv1.2
 * @param ciphers      cipher suites in IANA spelling, in order of preference
 * @param clientCa     the CAs client certificates are verified against; null with {@link ClientAuth#NONE}
 */
public record ListenerTlsConfig(List<CertificateFiles> certificates, List<String> protocols, List<String> ciphers,
                                ClientAuth clientAuth, Path clientCa) {

    public ListenerTlsConfig {
        certificates = List.copyOf(certificates);
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
    }

    /** A certificate chain (leaf first) and its private key, as PEM files. */
    public record CertificateFiles(Path cert, Path key) {
    }

    /** Whether the listener asks clients for a certificate. */
    public enum ClientAuth {
        NONE, OPTIONAL, REQUIRED
    }

    /** Every file the listener's contexts are built from, for watching them. */
    public List<Path> files() {
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (CertificateFiles pair : certificates) {
            files.add(pair.cert());
            files.add(pair.key());
        }
        if (clientCa != null) {
            files.add(clientCa);
        }
        return files;
    }
}
