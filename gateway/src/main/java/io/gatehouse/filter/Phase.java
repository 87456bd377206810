package io.gatehouse.filter;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Request filters run in this order; response hooks in the reverse order. */
public enum Phase {
    OBSERVE,
    RESOLVE,
    AUTHORIZE,
    LIMIT,
    TRANSFORM;

    private static final List<String> CONFIG_NAMES = Arrays.stream(values()).map(Phase::configName).toList();

    /** The name a config uses, e.g. {@code authorize}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every phase's config name, in the order the phases run. */
    public static List<String> configNames() {
        return CONFIG_NAMES;
    }

    /** The phase a config calls {@code name}; null when there is none. */
    public static Phase named(String name) {
        for (Phase phase : values()) {
            if (phase.configName().equals(name)) {
                return phase;
            }
        }
        return null;
    }
}
