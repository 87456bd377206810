package io.gatehouse.server;

import io.gatehouse.config.ListenerTlsConfig;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener's TLS contexts by SNI name, swapped whole when its certificate files or its config change. A new
 * connection's handshake reads the current table once; a connection keeps the context (and session) it started
 * with, so a swap drops nothing. A table that cannot be built leaves the old one serving.
 */
public final class ListenerTls {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerTls.class);
    private static final int MAX_CLIENT_HELLO = 16 * 1024;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final String listener;
    private final SslProvider provider;
    private volatile SniTable table;
    /** What the current table was built from: touched only by the thread that refreshes. */
    private ListenerTlsConfig applied;
    private String appliedFingerprint;
    /** The last fingerprint that failed to build, so a bad file is reported once, not at every check. */
    private String failedFingerprint;

    private ListenerTls(String listener, SslProvider provider) {
        this.listener = listener;
        this.provider = provider;
    }

    /** Reads the files and builds the table; blocking. @throws IllegalArgumentException naming a bad file */
    public static ListenerTls create(String listener, ListenerTlsConfig config, SslProvider provider) {
        ListenerTls tls = new ListenerTls(listener, provider);
        String fingerprint = fingerprint(config);
        tls.table = ServerTlsContexts.build(config, provider);
        tls.applied = config;
        tls.appliedFingerprint = fingerprint;
        return tls;
    }

    public String listener() {
        return listener;
    }

    /** The first handler of a new connection: picks the context by SNI, then replaces itself with an SslHandler. */
    SniHandler newHandler() {
        return new SniHandler(hostname -> table.lookup(hostname), MAX_CLIENT_HELLO, HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * Rebuilds the table when {@code config} differs from the one applied or any of its files changed content;
     * blocking, so called off the event loops. Returns whether a new table now serves.
     */
    public boolean refresh(ListenerTlsConfig config) {
        String fingerprint = fingerprint(config);
        if (config.equals(applied) && fingerprint.equals(appliedFingerprint)
                || fingerprint.equals(failedFingerprint)) {
            return false;
        }
        try {
            table = ServerTlsContexts.build(config, provider);
        } catch (RuntimeException e) {
            failedFingerprint = fingerprint;
            LOG.error("listener {}: TLS files changed but cannot be used, the previous certificates keep serving: {}",
                    listener, e.getMessage());
            return false;
        }
        applied = config;
        appliedFingerprint = fingerprint;
        failedFingerprint = null;
        LOG.info("listener {}: TLS certificates reloaded; new handshakes use them", listener);
        return true;
    }

    /** A digest of the config and the content of every file it names; a missing file counts as content too. */
    private static String fingerprint(ListenerTlsConfig config) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (Path file : config.files()) {
                digest.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                try {
                    digest.update(Files.readAllBytes(file));
                } catch (IOException e) {
                    digest.update(("unreadable: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
