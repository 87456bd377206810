package io.gatehouse.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads where an upstream's endpoints come from: its {@code endpoints} list, or {@code discovery} by DNS or file. */
final class DiscoverySection {

    static final int DEFAULT_WEIGHT = 1;
    static final Duration DEFAULT_DNS_REFRESH = Duration.ofSeconds(30);

    private DiscoverySection() {
    }

    /**
     * Exactly one of {@code endpoints} and {@code discovery} in the upstream at {@code upstream}; null after
     * reporting otherwise.
     *
     * @param baseDirectory what a relative discovery file is resolved against
     */
    static DiscoveryConfig discovery(ConfigNode upstream, Path baseDirectory) {
        String kind = upstream.exactlyOne("endpoints", "discovery");
        if (kind == null) {
            return null;
        }
        return kind.equals("endpoints")
                ? new DiscoveryConfig.Static(endpoints(upstream.get("endpoints")))
                : dynamic(upstream.get("discovery"), baseDirectory);
    }

    /** A list of at least one endpoint with unique addresses, as in an upstream or an endpoints file. */
    static List<EndpointConfig> endpoints(ConfigNode node) {
        Uniqueness addresses = new Uniqueness("address");
        List<EndpointConfig> endpoints = new ArrayList<>();
        for (ConfigNode item : node.requiredItems("endpoint")) {
            if (!item.requireMap("address", "weight")) {
                continue;
            }
            ConfigNode addressNode = item.get("address");
            Addresses.HostPort address = addressNode.require() ? addressNode.parsed(Addresses::hostPort, null) : null;
            int weight = item.get("weight").integer(DEFAULT_WEIGHT, 1, Integer.MAX_VALUE);
            if (address != null) {
                EndpointConfig endpoint = new EndpointConfig(address.host(), address.port(), weight);
                addresses.check(addressNode, endpoint.authority(), "\"" + endpoint.authority() + "\"");
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    private static DiscoveryConfig dynamic(ConfigNode node, Path baseDirectory) {
        if (!node.expectMap("dns", "file", "refresh")) {
            return null;
        }
        String kind = node.exactlyOne("dns", "file");
        ConfigNode refresh = node.get("refresh");
        if ("file".equals(kind) && refresh.isPresent()) {
            refresh.error("only allowed with dns");
        }
        if (kind == null) {
            return null;
        }
        if (kind.equals("file")) {
            Path file = node.get("file").parsed(text -> path(text, baseDirectory), null);
            return file == null ? null : new DiscoveryConfig.File(file);
        }
        Addresses.HostPort address = node.get("dns").parsed(Addresses::hostPort, null);
        Duration every = refresh.positiveDuration(DEFAULT_DNS_REFRESH);
        return address == null ? null : new DiscoveryConfig.Dns(address.host(), address.port(), every);
    }

    private static Path path(String text, Path baseDirectory) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("expected a file path, got \"" + text + "\"");
        }
        try {
            return baseDirectory.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("expected a file path, got \"" + text + "\": " + e.getReason());
        }
    }
}
