package io.gatehouse.config;

import io.gatehouse.config.ListenerTlsConfig.CertificateFiles;
import io.gatehouse.config.ListenerTlsConfig.ClientAuth;
import io.gatehouse.transport.CertificateNames;
import io.gatehouse.transport.TlsProvider;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a listener's {@code tls}: certificates by SNI name, protocols, ciphers and client certificates. */
final class ListenerTlsSection {

    private static final String[] KEYS = {"certificates", "protocols", "ciphers", "client-auth", "client-ca"};

    private ListenerTlsSection() {
    }

    /** Null when absent, and after reporting problems. */
    static ListenerTlsConfig tls(ConfigNode node, Path base) {
        if (!node.expectMap(KEYS)) {
            return null;
        }
        int before = node.errors().messages().size();
        List<CertificateFiles> certificates = certificates(node.get("certificates"), base);
        List<String> protocols = protocols(node.get("protocols"));
        List<String> ciphers = ciphers(node.get("ciphers"));
        ConfigNode clientAuthNode = node.get("client-auth");
        ClientAuth clientAuth = clientAuthNode.parsed(text -> switch (text) {
            case "none" -> ClientAuth.NONE;
            case "optional" -> ClientAuth.OPTIONAL;
            case "required" -> ClientAuth.REQUIRED;
            default -> throw new IllegalArgumentException("expected none, optional or required, got \"" + text + "\"");
        }, ClientAuth.NONE);
        ConfigNode caNode = node.get("client-ca");
        Path clientCa = null;
        if (clientAuth != ClientAuth.NONE) {
            if (!caNode.isPresent()) {
                caNode.error("required with client-auth " + clientAuth.name().toLowerCase(Locale.ROOT)
                        + ": the CAs client certificates are verified against");
            } else {
                clientCa = TlsFiles.path(caNode, base);
                TlsFiles.certificates(caNode, clientCa);
            }
        } else if (caNode.isPresent()) {
            caNode.error("only allowed with client-auth optional or required");
        }
        return node.errors().messages().size() == before
                ? new ListenerTlsConfig(certificates, protocols, ciphers, clientAuth, clientCa) : null;
    }

    /**
     * Each pair must load and match; each certificate after the first must name a host that no earlier one names
     * (the first is the default and may name none).
     */
    private static List<CertificateFiles> certificates(ConfigNode node, Path base) {
        List<CertificateFiles> pairs = new ArrayList<>();
        Uniqueness names = new Uniqueness("DNS name");
        for (ConfigNode item : node.requiredItems("certificate")) {
            if (!item.requireMap("cert", "key")) {
                continue;
            }
            Path cert = TlsFiles.path(item.get("cert"), base);
            Path key = TlsFiles.path(item.get("key"), base);
            X509Certificate leaf = TlsFiles.pair(item, cert, key);
            if (leaf == null) {
                continue;
            }
            List<String> dnsNames = CertificateNames.dnsNames(leaf);
            if (dnsNames.isEmpty() && !pairs.isEmpty()) {
                item.get("cert").error("the certificate names no DNS host (no DNS subject alternative name, no CN), "
                        + "so only the first certificate, the default, may be like it");
            }
            for (String name : dnsNames) {
                names.check(item.get("cert"), name, "\"" + name + "\"");
            }
            pairs.add(new CertificateFiles(cert, key));
        }
        return pairs;
    }

    private static List<String> protocols(ConfigNode node) {
        if (!node.isPresent()) {
            return TlsProvider.PROTOCOLS;
        }
        List<String> protocols = new ArrayList<>();
        for (ConfigNode item : node.requiredItems("protocol")) {
            String protocol = item.requiredString();
            if (protocol != null && !TlsProvider.PROTOCOLS.contains(protocol)) {
                item.error("unsupported protocol \"" + protocol + "\" (allowed: "
                        + String.join(", ", TlsProvider.PROTOCOLS) + ")");
            } else if (protocol != null && !protocols.contains(protocol)) {
                protocols.add(protocol);
            }
        }
        return protocols;
    }

    private static List<String> ciphers(ConfigNode node) {
        if (!node.isPresent()) {
            return TlsProvider.DEFAULT_CIPHERS;
        }
        Set<String> supported = TlsProvider.supportedCiphers(TlsProvider.best());
        List<String> ciphers = new ArrayList<>();
        for (ConfigNode item : node.requiredItems("cipher suite")) {
            String cipher = item.requiredString();
            if (cipher == null) {
                continue;
            }
            String name = cipher.toUpperCase(Locale.ROOT);
            if (!supported.contains(name)) {
                item.error("unknown or unsupported cipher suite \"" + cipher
                        + "\" (expected an IANA name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
            } else if (!ciphers.contains(name)) {
                ciphers.add(name);
            }
        }
        return ciphers;
    }
}
