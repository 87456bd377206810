package io.gatehouse.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code listeners} and {@code admin}: the addresses the gateway binds. */
final class ListenerSection {

    static final List<ListenerConfig> DEFAULT_LISTENERS = List.of(new ListenerConfig("public", "0.0.0.0", 8080));
    static final AdminConfig ADMIN_DEFAULTS = new AdminConfig("127.0.0.1", 9901);
    private static final String ANY_ADDRESS = "0.0.0.0";

    private ListenerSection() {
    }

    /** Like {@link #listeners(ConfigNode, Path)} with relative TLS file paths against the working directory. */
    static List<ListenerConfig> listeners(ConfigNode node) {
        return listeners(node, Path.of("").toAbsolutePath());
    }

    /** @param baseDirectory what relative paths (certificate files) are resolved against */
    static List<ListenerConfig> listeners(ConfigNode node, Path baseDirectory) {
        if (!node.isPresent()) {
            return DEFAULT_LISTENERS;
        }
        Uniqueness names = new Uniqueness("name");
        Uniqueness addresses = new Uniqueness("address");
        List<ListenerConfig> listeners = new ArrayList<>();
        for (ConfigNode item : node.requiredItems("listener")) {
            if (!item.requireMap("name", "address", "port", "tls")) {
                continue;
            }
            ConfigNode nameNode = item.get("name");
            String name = nameNode.requiredString();
            String address = item.get("address").parsed(Addresses::bindAddress, ANY_ADDRESS);
            int port = item.get("port").require() ? port(item.get("port"), 0) : 0;
            if (name != null) {
                names.check(nameNode, name, "\"" + name + "\"");
            }
            // Port 0 asks the kernel for a free port, so several listeners may use it on one address.
            if (port != 0) {
                addresses.check(item, List.of(address, port), address + " port " + port);
            }
            listeners.add(new ListenerConfig(name, address, port,
                    ListenerTlsSection.tls(item.get("tls"), baseDirectory)));
        }
        return listeners;
    }

    static AdminConfig admin(ConfigNode node) {
        node.expectMap("address", "port", "token", "token-file", "metrics-public");
        String address = node.get("address").parsed(Addresses::bindAddress, ADMIN_DEFAULTS.address());
        String token = AdminTokens.read(node);
        if (token == null && !Addresses.isLoopback(address) && !node.get("token").isPresent()
                && !node.get("token-file").isPresent()) {
            node.get("address").error("an admin listener on " + address + " (not loopback) needs a token: set "
                    + "admin.token or admin.token-file, or bind it to 127.0.0.1 or ::1");
        }
        return new AdminConfig(address, port(node.get("port"), ADMIN_DEFAULTS.port()), token,
                node.get("metrics-public").bool(ADMIN_DEFAULTS.metricsPublic()));
    }

    private static int port(ConfigNode node, int fallback) {
        return node.integer(fallback, 0, 65535);
    }
}
