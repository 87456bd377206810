package io.gatehouse.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/** Reads a limiter's {@code redis}: required with policy redis and only allowed with it. */
final class RedisLimitSection {

    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    static final RedisLimitConfig.FailurePolicy DEFAULT_ON_FAILURE = RedisLimitConfig.FailurePolicy.FAIL_OPEN;
    static final long DEFAULT_BATCH = 0;

    private static final Pattern DATABASE = Pattern.compile("/?|/\\d{1,5}");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    private RedisLimitSection() {
    }

    /** @param policy the limiter's policy; null when it was invalid (reported), which leaves redis unchecked */
    static RedisLimitConfig redis(ConfigNode node, LimiterConfig.Policy policy) {
        if (policy != LimiterConfig.Policy.REDIS) {
            if (policy != null && node.isPresent()) {
                node.error("only allowed with policy redis");
            }
            return null;
        }
        if (!node.isPresent()) {
            node.error("required with policy redis");
            return null;
        }
        if (!node.requireMap("url", "timeout", "on-failure", "batch")) {
            return null;
        }
        ConfigNode urlNode = node.get("url");
        String url = urlNode.require() ? urlNode.parsed(RedisLimitSection::url, null) : null;
        Duration timeout = node.get("timeout").positiveDuration(DEFAULT_TIMEOUT);
        RedisLimitConfig.FailurePolicy onFailure = node.get("on-failure").parsed(text -> switch (text) {
            case "fail-open" -> RedisLimitConfig.FailurePolicy.FAIL_OPEN;
            case "fail-closed" -> RedisLimitConfig.FailurePolicy.FAIL_CLOSED;
            default -> throw new IllegalArgumentException("expected fail-open or fail-closed, got \"" + text + "\"");
        }, DEFAULT_ON_FAILURE);
        long batch = node.get("batch").longInteger(DEFAULT_BATCH, 0);
        return url == null ? null : new RedisLimitConfig(url, timeout, onFailure, batch);
    }

    /** {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...}; a password is never echoed. */
    private static String url(String text) {
        URI uri = null;
        try {
            uri = new URI(text);
        } catch (URISyntaxException notAUri) {
            // reported below
        }
        boolean valid = uri != null && ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
                && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                && DATABASE.matcher(uri.getRawPath()).matches();
        if (!valid) {
            throw new IllegalArgumentException("expected a URL like redis://host:6379, rediss://host:6379 or "
                    + "redis://user:password@host:6379/0, got \"" + USER_INFO.matcher(text).replaceFirst("//***@")
                    + "\"");
        }
        return text;
    }
}
