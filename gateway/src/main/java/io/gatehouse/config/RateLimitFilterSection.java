package io.gatehouse.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the settings of a {@code rate-limit} filter: {@code limiters} (names of top-level limiters), an inline limiter
 * written with the keys of a top-level one, or both; and {@code legacy-headers}. Whether the names exist is checked
 * with the whole config, by {@link LimiterReferences}.
 */
public final class RateLimitFilterSection {

    /** The name the filter is registered and written under. */
    public static final String FILTER_NAME = "rate-limit";

    private static final String[] KEYS = Stream.concat(Stream.of("limiters", "legacy-headers"),
            Arrays.stream(LimiterSection.KEYS)).toArray(String[]::new);

    private RateLimitFilterSection() {
    }

    /** Parses a filter's settings; records every problem under their path and returns null when any was found. */
    public static RateLimitFilterConfig parse(FilterSettingsNode filter) {
        ConfigNode settings = filter.node();
        ConfigErrors errors = settings.errors();
        int before = errors.messages().size();
        if (!settings.requireMap(KEYS)) {
            return null;
        }
        ConfigNode namesNode = settings.get("limiters");
        List<String> names = names(namesNode);
        boolean inlineWritten = Arrays.stream(LimiterSection.KEYS).anyMatch(key -> settings.get(key).isPresent());
        List<LimiterConfig> inline = inlineWritten ? List.of(LimiterSection.limiter(null, settings)) : List.of();
        if (!namesNode.isPresent() && !inlineWritten) {
            settings.error("expected limiters (names of top-level limiters), an inline limiter (key and one of "
                    + String.join(", ", LimitAlgorithmSection.KINDS) + "), or both");
        }
        boolean legacyHeaders = settings.get("legacy-headers").bool(false);
        return errors.messages().size() == before ? new RateLimitFilterConfig(names, inline, legacyHeaders) : null;
    }

    /** One name or a list of distinct names. */
    private static List<String> names(ConfigNode node) {
        List<String> names = new ArrayList<>();
        List<ConfigNode> items = node.oneOrMany();
        if (node.isPresent() && items.isEmpty()) {
            node.error("expected at least one limiter name");
        }
        Uniqueness distinct = new Uniqueness("limiter");
        for (ConfigNode item : items) {
            String name = item.requiredString();
            if (name != null) {
                distinct.check(item, name, "\"" + name + "\"");
                names.add(name);
            }
        }
        return names;
    }
}
