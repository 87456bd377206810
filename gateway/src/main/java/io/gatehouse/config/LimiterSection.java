package io.gatehouse.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rate limiters: the top-level {@code limiters} map, and the same settings written inline in a filter. */
final class LimiterSection {

    static final String[] KEYS = {"key", "token-bucket", "leaky-bucket", "fixed-window", "sliding-window",
            "missing-key", "max-keys", "idle-expiry", "policy", "redis"};
    static final long DEFAULT_MAX_KEYS = 100_000;
    static final Duration DEFAULT_IDLE_EXPIRY = Duration.ofMinutes(10);

    private LimiterSection() {
    }

    /**
     * The limiters by name, in document order. An invalid one is still listed, so that filters naming it are not
     * reported too.
     */
    static Map<String, LimiterConfig> limiters(ConfigNode node) {
        Map<String, LimiterConfig> limiters = new LinkedHashMap<>();
        node.entries().forEach((name, body) -> limiters.put(name, body.requireMap(KEYS)
                ? limiter(name, body)
                : new LimiterConfig(name, List.of(), null, null, LimiterConfig.Policy.LOCAL, null, DEFAULT_MAX_KEYS,
                        DEFAULT_IDLE_EXPIRY)));
        return limiters;
    }

    /** Reads the limiter settings of {@code node}, a map whose keys the caller has checked. */
    static LimiterConfig limiter(String name, ConfigNode node) {
        List<KeyPart> key = key(node.get("key"));
        LimitAlgorithm algorithm = LimitAlgorithmSection.algorithm(node);
        String missingKey = missingKey(node.get("missing-key"));
        long maxKeys = node.get("max-keys").longInteger(DEFAULT_MAX_KEYS, 1);
        Duration idleExpiry = node.get("idle-expiry").positiveDuration(DEFAULT_IDLE_EXPIRY);
        LimiterConfig.Policy policy = policy(node.get("policy"));
        RedisLimitConfig redis = RedisLimitSection.redis(node.get("redis"), policy);
        if (redis != null && redis.batch() > 0 && algorithm != null
                && !(algorithm instanceof LimitAlgorithm.TokenBucket)) {
            node.get("redis").get("batch").error("batching works with token-bucket only, got "
                    + LimitAlgorithmSection.kind(algorithm));
        }
        return new LimiterConfig(name, key, algorithm, missingKey, policy == null ? LimiterConfig.Policy.LOCAL : policy,
                redis, maxKeys, idleExpiry);
    }

    /** One part or a list of distinct parts. */
    private static List<KeyPart> key(ConfigNode node) {
        List<KeyPart> parts = new ArrayList<>();
        if (!node.require()) {
            return parts;
        }
        List<ConfigNode> items = node.oneOrMany();
        if (items.isEmpty()) {
            node.error("expected at least one key part: " + KeyParts.FORMS);
        }
        Uniqueness distinct = new Uniqueness("key part");
        for (ConfigNode item : items) {
            KeyPart part = item.parsed(KeyParts::parse, null);
            if (part != null) {
                distinct.check(item, KeyParts.identity(part), "\"" + item.string(null) + "\"");
                parts.add(part);
            }
        }
        return parts;
    }

    /** {@code reject} (or absent): null; {@code { use: KEY }}: the fallback key. */
    private static String missingKey(ConfigNode node) {
        if (node.isMap()) {
            node.expectMap("use");
            return node.get("use").requiredString();
        }
        return node.parsed(text -> {
            if (!text.equals("reject")) {
                throw new IllegalArgumentException("expected reject or { use: KEY }, got \"" + text + "\"");
            }
            return null;
        }, null);
    }

    /** Null after reporting an invalid policy. */
    private static LimiterConfig.Policy policy(ConfigNode node) {
        if (!node.isPresent()) {
            return LimiterConfig.Policy.LOCAL;
        }
        return node.parsed(text -> switch (text) {
            case "local" -> LimiterConfig.Policy.LOCAL;
            case "redis" -> LimiterConfig.Policy.REDIS;
            default -> throw new IllegalArgumentException("expected local or redis, got \"" + text + "\"");
        }, null);
    }
}
