package io.gatehouse.config;

import io.gatehouse.transport.PemFiles;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads the PEM files a TLS section names, at load, so that a missing file, bad PEM or a key that does not match its
 * certificate is a config error with its path rather than a failure at the first handshake.
 */
final class TlsFiles {

    private TlsFiles() {
    }

    /** A present path, resolved against {@code base}; null after reporting otherwise. */
    static Path path(ConfigNode node, Path base) {
        String text = node.requiredString();
        if (text == null) {
            return null;
        }
        try {
            return base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            node.error("invalid path \"" + text + "\": " + e.getReason());
            return null;
        }
    }

    /** The certificates of the file at {@code node}; null after reporting a problem. */
    static List<X509Certificate> certificates(ConfigNode node, Path file) {
        return file == null ? null : node.parsed(text -> PemFiles.certificates(file), null);
    }

    /** The key of the file at {@code node}; null after reporting a problem. */
    static PrivateKey key(ConfigNode node, Path file) {
        return file == null ? null : node.parsed(text -> PemFiles.privateKey(file), null);
    }

    /**
     * Reads a certificate chain and its key from {@code pair}'s {@code cert} and {@code key} and checks they belong
     * together; returns the leaf, or null after reporting a problem.
     */
    static X509Certificate pair(ConfigNode pair, Path cert, Path key) {
        List<X509Certificate> chain = certificates(pair.get("cert"), cert);
        PrivateKey privateKey = key(pair.get("key"), key);
        if (chain == null || privateKey == null) {
            return null;
        }
        try {
            PemFiles.checkPair(privateKey, chain.get(0), key, cert);
            return chain.get(0);
        } catch (IllegalArgumentException e) {
            pair.get("key").error(e.getMessage());
            return null;
        }
    }
}
