package io.gatehouse.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Reads {@code server} and {@code access-log}: process-wide settings. */
final class ServerSection {

    static final ServerConfig DEFAULTS = new ServerConfig(0, Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(30), 8 * 1024, 16 * 1024, 16, List.of(), 0,
            HttpSection.DEFAULTS);
    static final AccessLogConfig ACCESS_LOG_DEFAULTS = new AccessLogConfig(true, 8192);

    private ServerSection() {
    }

    static ServerConfig server(ConfigNode node) {
        node.expectMap("event-loops", "header-read-timeout", "body-read-timeout", "keep-alive-idle", "drain-timeout",
                "max-initial-line", "max-header-size", "max-pipelined", "trusted-proxies",
                "max-connections-per-client", "http");
        return new ServerConfig(
                node.get("event-loops").integer(DEFAULTS.eventLoops(), 0, Integer.MAX_VALUE),
                node.get("header-read-timeout").duration(DEFAULTS.headerReadTimeout()),
                node.get("body-read-timeout").duration(DEFAULTS.bodyReadTimeout()),
                node.get("keep-alive-idle").duration(DEFAULTS.keepAliveIdle()),
                node.get("drain-timeout").duration(DEFAULTS.drainTimeout()),
                node.get("max-initial-line").intSize(DEFAULTS.maxInitialLine()),
                node.get("max-header-size").intSize(DEFAULTS.maxHeaderSize()),
                node.get("max-pipelined").integer(DEFAULTS.maxPipelined(), 1, Integer.MAX_VALUE),
                node.get("trusted-proxies").oneOrMany().stream()
                        .map(item -> item.parsed(Addresses::cidr, null))
                        .filter(Objects::nonNull)
                        .toList(),
                node.get("max-connections-per-client").integer(DEFAULTS.maxConnectionsPerClient(), 0,
                        Integer.MAX_VALUE),
                HttpSection.http(node.get("http")));
    }

    static AccessLogConfig accessLog(ConfigNode node) {
        node.expectMap("enabled", "queue-size");
        return new AccessLogConfig(
                node.get("enabled").bool(ACCESS_LOG_DEFAULTS.enabled()),
                node.get("queue-size").integer(ACCESS_LOG_DEFAULTS.queueSize(), 1, Integer.MAX_VALUE));
    }
}
