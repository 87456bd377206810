package io.gatehouse.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the settings of the {@code key-auth} method of an {@code auth} filter. */
final class KeyAuthSection {

    static final String METHOD = "key-auth";
    static final String DEFAULT_HEADER = "X-Api-Key";

    private KeyAuthSection() {
    }

    /** Absent settings mean the defaults; {@code realm} is the filter's, which a {@code realm} here overrides. */
    static KeyAuthConfig parse(ConfigNode node, String realm) {
        node.expectMap("header", "query", "keep-credential", "realm");
        List<String> headers = new ArrayList<>();
        Uniqueness distinct = new Uniqueness("header");
        for (ConfigNode item : node.get("header").oneOrMany()) {
            String name = item.requiredString();
            if (name != null && !HttpSyntax.isToken(name)) {
                item.error("expected a header name, got \"" + name + "\"");
            } else if (name != null) {
                distinct.check(item, name.toLowerCase(Locale.ROOT), "\"" + name + "\"");
                headers.add(name);
            }
        }
        if (node.get("header").isPresent() && node.get("header").oneOrMany().isEmpty()) {
            node.get("header").error("expected at least one header name");
        }
        ConfigNode queryNode = node.get("query");
        String query = queryNode.isPresent() ? queryNode.requiredString() : null;
        if (query != null && (query.indexOf('&') >= 0 || query.indexOf('=') >= 0 || query.indexOf('#') >= 0)) {
            queryNode.error("expected a query parameter name (without &, = or #), got \"" + query + "\"");
        }
        return new KeyAuthConfig(headers.isEmpty() ? List.of(DEFAULT_HEADER) : headers, query,
                node.get("keep-credential").bool(false), AuthFilterSection.realm(node.get("realm"), realm));
    }
}
