package io.gatehouse.config;

import java.nio.file.Path;

/** Reads an upstream's {@code tls}: whether and how connections to its endpoints are encrypted and verified. */
final class UpstreamTlsSection {

    private static final String[] KEYS = {"enabled", "ca", "verify", "server-name", "cert", "key"};

    private UpstreamTlsSection() {
    }

    /** Null when absent or {@code enabled: false} (cleartext), and after reporting problems. */
    static UpstreamTlsConfig tls(ConfigNode node, Path base) {
        if (!node.expectMap(KEYS)) {
            return null;
        }
        int before = node.errors().messages().size();
        boolean enabled = node.get("enabled").bool(true);
        Path ca = null;
        if (node.get("ca").isPresent()) {
            ca = TlsFiles.path(node.get("ca"), base);
            TlsFiles.certificates(node.get("ca"), ca);
        }
        boolean verify = node.get("verify").bool(true);
        if (!verify && ca != null) {
            node.get("ca").error("has no effect with verify: false, which trusts any certificate");
        }
        String serverName = serverName(node.get("server-name"));
        Path cert = null;
        Path key = null;
        ConfigNode certNode = node.get("cert");
        ConfigNode keyNode = node.get("key");
        if (certNode.isPresent() != keyNode.isPresent()) {
            (certNode.isPresent() ? keyNode : certNode).error("required with "
                    + (certNode.isPresent() ? "cert" : "key") + ": a client certificate needs both");
        } else if (certNode.isPresent()) {
            cert = TlsFiles.path(certNode, base);
            key = TlsFiles.path(keyNode, base);
            TlsFiles.pair(node, cert, key);
        }
        if (!enabled || node.errors().messages().size() != before) {
            return null;
        }
        return new UpstreamTlsConfig(ca, verify, serverName, cert, key);
    }

    /** A DNS name (SNI carries no IP address); null when absent. */
    private static String serverName(ConfigNode node) {
        return node.parsed(text -> {
            if (!text.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
                    || text.matches("[0-9.]+")) {
                throw new IllegalArgumentException("expected a DNS host name, got \"" + text + "\"");
            }
            return text;
        }, null);
    }
}
