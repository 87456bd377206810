package io.gatehouse.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a list of failure conditions, a circuit breaker's {@code failures} or a route's {@code retries.on}:
 * {@code connect-failure}, {@code reset}, {@code timeout}, statuses like {@code 503} and classes like {@code 5xx}.
 */
final class FailureConditionsSection {

    private static final String KNOWN = "connect-failure, reset, timeout, a status from 100 to 599 like 503, "
            + "a class like 5xx";

    private FailureConditionsSection() {
    }

    /** Reads the list at {@code node}; {@code fallback} when it is absent. At least one condition is required. */
    static FailureConditions conditions(ConfigNode node, FailureConditions fallback) {
        if (!node.isPresent()) {
            return fallback;
        }
        List<ConfigNode> items = node.oneOrMany();
        if (items.isEmpty()) {
            node.error("expected at least one of " + KNOWN);
            return fallback;
        }
        boolean connectFailure = false;
        boolean reset = false;
        boolean timeout = false;
        List<String> statuses = new ArrayList<>();
        for (ConfigNode item : items) {
            String text = item.requiredString();
            switch (text == null ? "" : text) {
                case "" -> {
                    // reported by requiredString
                }
                case "connect-failure" -> connectFailure = true;
                case "reset" -> reset = true;
                case "timeout" -> timeout = true;
                default -> {
                    if (isStatus(text)) {
                        statuses.add(text);
                    } else {
                        item.error("unknown condition \"" + text + "\" (known: " + KNOWN + ")");
                    }
                }
            }
        }
        return new FailureConditions(connectFailure, reset, timeout, StatusSet.parse(statuses));
    }

    private static boolean isStatus(String text) {
        try {
            StatusSet.parse(List.of(text));
            return true;
        } catch (IllegalArgumentException notAStatus) {
            return false;
        }
    }
}
