package io.gatehouse.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads how an upstream judges its endpoints: active {@code health-check} and passive {@code outlier-detection}. */
final class HealthSection {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final int DEFAULT_HEALTHY = 2;
    static final int DEFAULT_UNHEALTHY = 3;
    static final StatusSet DEFAULT_STATUSES = StatusSet.parse(List.of("2xx"));
    static final OutlierConfig OUTLIER_DEFAULTS =
            new OutlierConfig(5, Duration.ofSeconds(30), Duration.ofSeconds(300), 0.1);

    private static final String[] TCP_KEYS = {"interval", "timeout", "healthy", "unhealthy", "jitter"};
    private static final String[] HTTP_KEYS = {"path", "interval", "timeout", "healthy", "unhealthy", "statuses",
            "jitter"};

    private HealthSection() {
    }

    /** Exactly one of {@code http} and {@code tcp}; null when absent (no active checks) or invalid. */
    static HealthCheckConfig healthCheck(ConfigNode node) {
        if (!node.expectMap("http", "tcp")) {
            return null;
        }
        String kind = node.exactlyOne("http", "tcp");
        if (kind == null) {
            return null;
        }
        ConfigNode check = node.get(kind);
        boolean http = kind.equals("http");
        if (!check.requireMap(http ? HTTP_KEYS : TCP_KEYS)) {
            return null;
        }
        ConfigNode pathNode = check.get("path");
        String path = http && pathNode.require() ? pathNode.parsed(HealthSection::path, null) : null;
        Duration interval = check.get("interval").positiveDuration(DEFAULT_INTERVAL);
        ConfigNode timeoutNode = check.get("timeout");
        Duration timeout = timeoutNode.positiveDuration(DEFAULT_TIMEOUT);
        timeoutNode.notAbove(timeout, "interval", interval);
        HealthCheckConfig config = new HealthCheckConfig(
                path,
                http ? statuses(check.get("statuses")) : null,
                interval,
                timeout,
                check.get("healthy").integer(DEFAULT_HEALTHY, 1, Integer.MAX_VALUE),
                check.get("unhealthy").integer(DEFAULT_UNHEALTHY, 1, Integer.MAX_VALUE),
                check.get("jitter").duration(interval.dividedBy(10)));
        return http && path == null ? null : config;
    }

    /** Null when absent: no outlier detection. */
    static OutlierConfig outlierDetection(ConfigNode node) {
        if (!node.expectMap("consecutive-errors", "base-ejection", "max-ejection", "max-ejected")) {
            return null;
        }
        Duration base = node.get("base-ejection").positiveDuration(OUTLIER_DEFAULTS.baseEjection());
        ConfigNode maxNode = node.get("max-ejection");
        Duration max = maxNode.duration(OUTLIER_DEFAULTS.maxEjection());
        maxNode.notBelow(max, "base-ejection", base);
        return new OutlierConfig(
                node.get("consecutive-errors").integer(OUTLIER_DEFAULTS.consecutiveErrors(), 1, Integer.MAX_VALUE),
                base,
                max,
                node.get("max-ejected").percentage(OUTLIER_DEFAULTS.maxEjectedFraction()));
    }

    private static String path(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("expected a path starting with \"/\", got \"" + text + "\"");
        }
        return text;
    }

    /** Codes and classes that count as healthy; at least one. */
    private static StatusSet statuses(ConfigNode node) {
        List<ConfigNode> items = node.oneOrMany();
        if (node.isPresent() && items.isEmpty()) {
            node.error("expected at least one status like 200 or class like 2xx");
        }
        List<String> statuses = new ArrayList<>();
        for (ConfigNode item : items) {
            String text = item.requiredString();
            if (text != null && item.parsed(HealthSection::status, null) != null) {
                statuses.add(text);
            }
        }
        return statuses.isEmpty() ? DEFAULT_STATUSES : StatusSet.parse(statuses);
    }

    private static StatusSet status(String text) {
        return StatusSet.parse(List.of(text));
    }
}
