package io.gatehouse.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a model's {@code traffic} split, {@code shadow}, inference {@code queue} and canary {@code rollback}. */
final class ModelTrafficSection {

    static final String STICKY = "sticky";
    private static final String STICKY_HEADER = "header:";
    private static final int MAX_LATENCY_MARGIN_PERCENT = 1000;

    private ModelTrafficSection() {
    }

    /**
     * Weights over labels and versions, plus {@code sticky: consumer | header:NAME}; null when absent or when no
     * weight could be read (reported).
     */
    static TrafficConfig traffic(ConfigNode node, List<String> versions, Map<String, String> labels) {
        if (!node.isPresent()) {
            return null;
        }
        Map<String, ConfigNode> entries = node.entries();
        Map<String, Integer> weights = new LinkedHashMap<>();
        boolean stickyConsumer = false;
        String stickyHeader = null;
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
            String key = entry.getKey();
            ConfigNode value = entry.getValue();
            if (key.equals(STICKY)) {
                String sticky = value.parsed(ModelTrafficSection::sticky, null);
                stickyConsumer = "consumer".equals(sticky);
                stickyHeader = sticky != null && sticky.startsWith(STICKY_HEADER)
                        ? sticky.substring(STICKY_HEADER.length()) : null;
            } else if (!versions.contains(key) && !labels.containsKey(key)) {
                value.error("weight for an unknown target \"" + key + "\": expected a label (" + known(labels.keySet())
                        + ") or a version (" + known(versions) + ")");
            } else {
                int weight = value.integer(-1, 0, Integer.MAX_VALUE);
                if (weight >= 0) {
                    weights.put(key, weight);
                }
            }
        }
        int written = entries.size() - (entries.containsKey(STICKY) ? 1 : 0);
        if (written == 0) {
            node.error("expected weights over labels or versions, like { stable: 90, canary: 10 }");
            return null;
        }
        long total = weights.values().stream().mapToLong(Integer::longValue).sum();
        if (total > Integer.MAX_VALUE) {
            node.error("the weights add up to " + total + ", more than " + Integer.MAX_VALUE);
            return null;
        }
        // Only when every weight was read: otherwise the zero total may be the reported weight's fault.
        if (weights.size() == written && total == 0) {
            node.error("the weights add up to 0: at least one must be above 0");
        }
        return weights.isEmpty() ? null : new TrafficConfig(weights, stickyConsumer, stickyHeader);
    }

    private static String sticky(String text) {
        if (text.equals("consumer")) {
            return text;
        }
        if (text.startsWith(STICKY_HEADER) && HttpSyntax.isToken(text.substring(STICKY_HEADER.length()))) {
            return STICKY_HEADER + text.substring(STICKY_HEADER.length()).toLowerCase(java.util.Locale.ROOT);
        }
        throw new IllegalArgumentException("expected consumer or header:NAME, got \"" + text + "\"");
    }

    /**
     * A version (or label), the percentage of requests it sees a copy of, and the bounds of that mirroring, each
     * defaulting to {@link ShadowConfig}'s; null when absent or when the version or percentage is unusable.
     */
    static ShadowConfig shadow(ConfigNode node, List<String> versions, Map<String, String> labels) {
        if (!node.expectMap("version", "percent", "max-body", "max-in-flight", "tolerance", "timeout")) {
            return null;
        }
        ConfigNode versionNode = node.get("version");
        String version = versionNode.requiredString() == null ? null
                : ModelSection.target(versionNode, null, versions, labels);
        ConfigNode percentNode = node.get("percent");
        double percent = percentNode.require() ? percentNode.parsed(ModelTrafficSection::percent, -1.0) : -1;
        ConfigNode maxBodyNode = node.get("max-body");
        long maxBody = maxBodyNode.size(ShadowConfig.DEFAULT_MAX_BODY);
        if (!ShadowConfig.validMaxBody(maxBody)) {
            maxBodyNode.error(ShadowConfig.MAX_BODY_EXPECTED + ", got \"" + maxBodyNode.string(null) + "\"");
            maxBody = ShadowConfig.DEFAULT_MAX_BODY;
        }
        int maxInFlight = node.get("max-in-flight").integer(ShadowConfig.DEFAULT_MAX_IN_FLIGHT, 1,
                Integer.MAX_VALUE);
        double tolerance = node.get("tolerance").parsed(ModelTrafficSection::tolerance,
                ShadowConfig.DEFAULT_TOLERANCE);
        Duration timeout = node.get("timeout").positiveDuration(ShadowConfig.DEFAULT_TIMEOUT);
        return version == null || percent < 0 ? null
                : new ShadowConfig(version, percent, (int) maxBody, maxInFlight, tolerance, timeout);
    }

    private static double tolerance(String text) {
        try {
            double tolerance = Double.parseDouble(text);
            if (ShadowConfig.validTolerance(tolerance)) {
                return tolerance;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(ShadowConfig.TOLERANCE_EXPECTED + ", got \"" + text + "\"");
    }

    private static double percent(String text) {
        try {
            double percent = Double.parseDouble(text);
            if (percent >= 0 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("expected a number from 0 to 100, got \"" + text + "\"");
    }

    static ModelQueueConfig queue(ConfigNode node) {
        ModelQueueConfig defaults = ModelQueueConfig.DEFAULT;
        if (!node.expectMap("max-in-flight", "max-queued", "timeout")) {
            return defaults;
        }
        Duration timeout = node.get("timeout").positiveDuration(defaults.timeout());
        return new ModelQueueConfig(node.get("max-in-flight").integer(defaults.maxInFlight(), 1, Integer.MAX_VALUE),
                node.get("max-queued").integer(defaults.maxQueued(), 0, Integer.MAX_VALUE), timeout);
    }

    /** The canary rollback settings, each defaulting to {@link RollbackConfig#DEFAULT}'s; null when absent. */
    static RollbackConfig rollback(ConfigNode node) {
        RollbackConfig defaults = RollbackConfig.DEFAULT;
        if (!node.expectMap("error-rate-margin", "latency-margin", "window", "min-requests")) {
            return null;
        }
        ConfigNode windowNode = node.get("window");
        Duration window = windowNode.duration(defaults.window());
        if (window.compareTo(RollbackConfig.MIN_WINDOW) < 0) {
            windowNode.error("expected at least " + Durations.format(RollbackConfig.MIN_WINDOW) + ", got "
                    + Durations.format(window));
            window = defaults.window();
        }
        return new RollbackConfig(node.get("error-rate-margin").percentage(defaults.errorRateMargin()),
                node.get("latency-margin").parsed(ModelTrafficSection::relativeMargin, defaults.latencyMargin()),
                window, node.get("min-requests").integer(defaults.minRequests(), 1, Integer.MAX_VALUE));
    }

    /** A percentage like {@code 50%} or {@code 200%}: a canary may be allowed to take several times as long. */
    private static double relativeMargin(String text) {
        if (text.endsWith("%")) {
            try {
                double percent = Double.parseDouble(text.substring(0, text.length() - 1));
                if (percent >= 0 && percent <= MAX_LATENCY_MARGIN_PERCENT) {
                    return percent / 100;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        throw new IllegalArgumentException("expected a percentage from 0% to " + MAX_LATENCY_MARGIN_PERCENT
                + "%, like 50%, got \"" + text + "\"");
    }

    private static String known(java.util.Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
