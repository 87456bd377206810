package io.gatehouse.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code upstreams}: a map from name to how endpoints are found, balanced, checked and limited, in document
 * order.
 */
final class UpstreamSection {

    static final String DEFAULT_BALANCER = "round-robin";
    static final String HASHING_BALANCER = "consistent-hash";
    static final PoolConfig POOL_DEFAULTS = new PoolConfig(Duration.ofSeconds(60));
    static final LimitsConfig LIMITS_DEFAULTS = new LimitsConfig(1024, 1024, 1024);
    static final double DEFAULT_PANIC_THRESHOLD = 0.5;

    private static final String[] KEYS = {"balancer", "hash", "slow-start", "endpoints", "discovery", "health-check",
            "outlier-detection", "circuit-breaker", "limits", "pool", "panic-threshold", "tls"};
    private static final String HASH_FORMS = "client-address, path, { header: NAME } or { cookie: NAME }";

    private UpstreamSection() {
    }

    /** @param baseDirectory what relative paths (a discovery file) are resolved against */
    static Map<String, UpstreamConfig> upstreams(ConfigNode node, Path baseDirectory) {
        Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
        node.entries().forEach((name, body) -> upstreams.put(name, upstream(name, body, baseDirectory)));
        return upstreams;
    }

    /** An invalid upstream is still returned, with defaults in its place, so that routes naming it are not reported. */
    private static UpstreamConfig upstream(String name, ConfigNode node, Path baseDirectory) {
        if (!node.requireMap(KEYS)) {
            return new UpstreamConfig(name, DEFAULT_BALANCER, null, Duration.ZERO, null, null, null, null,
                    LIMITS_DEFAULTS, POOL_DEFAULTS, DEFAULT_PANIC_THRESHOLD);
        }
        String balancer = balancer(node.get("balancer"));
        return new UpstreamConfig(
                name,
                balancer,
                hash(node.get("hash"), balancer),
                node.get("slow-start").duration(Duration.ZERO),
                DiscoverySection.discovery(node, baseDirectory),
                HealthSection.healthCheck(node.get("health-check")),
                HealthSection.outlierDetection(node.get("outlier-detection")),
                BreakerSection.breaker(node.get("circuit-breaker")),
                limits(node.get("limits")),
                pool(node.get("pool"), UpstreamTlsSection.tls(node.get("tls"), baseDirectory)),
                node.get("panic-threshold").percentage(DEFAULT_PANIC_THRESHOLD));
    }

    private static String balancer(ConfigNode node) {
        String balancer = node.string(DEFAULT_BALANCER);
        if (!UpstreamConfig.BALANCERS.contains(balancer)) {
            node.errorUnknown("balancer", balancer, UpstreamConfig.BALANCERS);
        }
        return balancer;
    }

    /** Required with the consistent-hash balancer and only allowed with it. */
    private static HashConfig hash(ConfigNode node, String balancer) {
        boolean hashing = balancer.equals(HASHING_BALANCER);
        if (!node.isPresent()) {
            if (hashing) {
                node.error("required with balancer " + HASHING_BALANCER + " (" + HASH_FORMS + ")");
            }
            return null;
        }
        if (!hashing) {
            node.error("only allowed with balancer " + HASHING_BALANCER);
            return null;
        }
        if (!node.isMap()) {
            return node.parsed(text -> switch (text) {
                case "client-address" -> new HashConfig(HashConfig.Source.CLIENT_ADDRESS, null);
                case "path" -> new HashConfig(HashConfig.Source.PATH, null);
                default -> throw new IllegalArgumentException("expected " + HASH_FORMS + ", got \"" + text + "\"");
            }, null);
        }
        node.expectMap("header", "cookie");
        String kind = node.exactlyOne("header", "cookie");
        if (kind == null) {
            return null;
        }
        String name = node.get(kind).parsed(text -> {
            if (!HttpSyntax.isToken(text)) {
                throw new IllegalArgumentException("expected a " + kind + " name, got \"" + text + "\"");
            }
            return text;
        }, null);
        return name == null ? null : new HashConfig(
                kind.equals("header") ? HashConfig.Source.HEADER : HashConfig.Source.COOKIE, name);
    }

    private static LimitsConfig limits(ConfigNode node) {
        node.expectMap("max-connections", "max-pending", "max-active");
        return new LimitsConfig(
                node.get("max-connections").integer(LIMITS_DEFAULTS.maxConnections(), 1, Integer.MAX_VALUE),
                node.get("max-pending").integer(LIMITS_DEFAULTS.maxPending(), 0, Integer.MAX_VALUE),
                node.get("max-active").integer(LIMITS_DEFAULTS.maxActive(), 1, Integer.MAX_VALUE));
    }

    private static PoolConfig pool(ConfigNode node, UpstreamTlsConfig tls) {
        node.expectMap("idle-timeout");
        return new PoolConfig(node.get("idle-timeout").duration(POOL_DEFAULTS.idleTimeout()), tls);
    }
}
