package io.gatehouse.config;

import java.util.List;

/**
 * The items of a {@code filters} list: a map from one filter's name to its settings, beside which the instance's
 * own options may stand ({@code phase}, {@code timeout}).
 */
final class FilterItems {

    static final String PHASE = "phase";
    static final String TIMEOUT = "timeout";
    private static final List<String> OPTIONS = List.of(PHASE, TIMEOUT);

    private FilterItems() {
    }

    /** The keys of an item that are not options: exactly one, the filter's name, in a well-formed item. */
    static List<String> names(ConfigNode item) {
        if (!item.isMap()) {
            return List.of();
        }
        return item.entries().keySet().stream().filter(key -> !OPTIONS.contains(key)).toList();
    }

    /** Whether {@code item} is a well-formed item of the filter {@code name}. */
    static boolean named(ConfigNode item, String name) {
        return names(item).equals(List.of(name));
    }
}
