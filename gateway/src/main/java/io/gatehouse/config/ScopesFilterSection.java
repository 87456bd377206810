package io.gatehouse.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the settings of a {@code scopes} filter: {@code all} or {@code any} (scopes every request needs) and
 * {@code methods} (scopes requests of a method need besides), for example
 * {@code scopes: { all: [read], methods: { POST: [write] } }}.
 */
public final class ScopesFilterSection {

    /** The name the filter is registered and written under. */
    public static final String FILTER_NAME = "scopes";

    private ScopesFilterSection() {
    }

    /** Parses a filter's settings; records every problem under their path and returns null when any was found. */
    public static ScopesFilterConfig parse(FilterSettingsNode filter) {
        ConfigNode settings = filter.node();
        ConfigErrors errors = settings.errors();
        int before = errors.messages().size();
        if (!settings.requireMap("all", "any", "methods")) {
            return null;
        }
        boolean any = settings.get("any").isPresent();
        if (any && settings.get("all").isPresent()) {
            settings.error("all and any are exclusive, got all and any");
        }
        ConfigNode scopesNode = settings.get(any ? "any" : "all");
        List<String> scopes = scopesNode.isPresent() ? scopes(scopesNode) : List.of();
        Map<String, List<String>> methods = new LinkedHashMap<>();
        settings.get("methods").entries().forEach((method, list) -> {
            String upper = method.toUpperCase(Locale.ROOT);
            if (!HttpSyntax.isToken(method)) {
                list.error("expected an HTTP method name, got \"" + method + "\"");
            } else if (methods.putIfAbsent(upper, scopes(list)) != null) {
                list.error("method " + upper + " is listed twice");
            }
        });
        if (scopes.isEmpty() && methods.isEmpty() && errors.messages().size() == before) {
            settings.error("expected all or any (scopes every request needs), methods (scopes by request method), "
                    + "or both");
        }
        return errors.messages().size() == before ? new ScopesFilterConfig(!any, scopes, methods) : null;
    }

    /** A non-empty list of distinct scopes: visible ASCII without spaces, quotes or backslashes (RFC 6749 3.3). */
    private static List<String> scopes(ConfigNode node) {
        List<String> scopes = new ArrayList<>();
        Uniqueness distinct = new Uniqueness("scope");
        for (ConfigNode item : node.requiredItems("scope")) {
            String scope = item.requiredString();
            if (scope != null && !scope.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
                item.error("expected a scope of visible ASCII without \" or \\, got \"" + scope + "\"");
            } else if (scope != null) {
                distinct.check(item, scope, "\"" + scope + "\"");
                scopes.add(scope);
            }
        }
        return scopes;
    }
}
