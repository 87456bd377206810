package io.gatehouse.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a map from names (claims, response headers) to the request headers that carry their values upstream. */
final class HeaderMappings {

    private HeaderMappings() {
    }

    /** {@code what} names the keys in messages, e.g. {@code claim}. */
    static Map<String, String> read(ConfigNode node, String what) {
        Map<String, String> mappings = new LinkedHashMap<>();
        Uniqueness distinct = new Uniqueness("header");
        node.entries().forEach((key, value) -> {
            String header = value.requiredString();
            if (header == null) {
                return;
            }
            if (!HttpSyntax.isToken(header)) {
                value.error("expected a header name for " + what + " " + key + ", got \"" + header + "\"");
                return;
            }
            distinct.check(value, header.toLowerCase(java.util.Locale.ROOT), "\"" + header + "\"");
            mappings.put(key, header);
        });
        return mappings;
    }
}
