package io.gatehouse.config;

import java.time.Duration;

/** Reads the settings of the {@code basic-auth} method of an {@code auth} filter. */
final class BasicAuthSection {

    static final String METHOD = "basic-auth";
    static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);
    static final long DEFAULT_CACHE_SIZE = 10_000;

    private BasicAuthSection() {
    }

    /** Absent settings mean the defaults; {@code realm} is the filter's, which a {@code realm} here overrides. */
    static BasicAuthConfig parse(ConfigNode node, String realm) {
        node.expectMap("realm", "cache-ttl", "cache-size", "keep-credential");
        return new BasicAuthConfig(AuthFilterSection.realm(node.get("realm"), realm),
                node.get("cache-ttl").duration(DEFAULT_CACHE_TTL),
                node.get("cache-size").longInteger(DEFAULT_CACHE_SIZE, 0),
                node.get("keep-credential").bool(false));
    }
}
