package io.gatehouse.config;

import java.util.List;
import java.util.Map;

/**
 * Checks each route's {@code rate-limit} filters against the rest of the config: the limiters they name must exist,
 * and a {@code path:NAME} key part, inline or in a named limiter, must name a variable of the route's path template.
 * Filters whose own settings are invalid were reported when they were read and are skipped here.
 */
final class LimiterReferences {

    private static final String FILTER = RateLimitFilterSection.FILTER_NAME;

    /**
     * The route's {@code match.path}, parsed.
     *
     * @param path the template's text; null when the route matches a prefix or regex, so it captures no variable
     */
    private record RouteTemplate(String path, List<String> variables) {
    }

    private LimiterReferences() {
    }

    static void check(ConfigNode routes, Map<String, LimiterConfig> limiters) {
        for (ConfigNode route : list(routes)) {
            RouteTemplate template = template(route.get("match"));
            if (template != null) {
                checkFilters(route.get("filters"), template, limiters);
            }
        }
    }

    /** Checks the filters of a route that matches no path template, such as a model API's. */
    static void checkFilters(ConfigNode filters, Map<String, LimiterConfig> limiters) {
        checkFilters(filters, new RouteTemplate(null, List.of()), limiters);
    }

    private static void checkFilters(ConfigNode filters, RouteTemplate template, Map<String, LimiterConfig> limiters) {
        for (ConfigNode filter : list(filters)) {
            if (FilterItems.named(filter, FILTER)) {
                checkFilter(filter.get(FILTER), template, limiters);
            }
        }
    }

    private static void checkFilter(ConfigNode node, RouteTemplate template, Map<String, LimiterConfig> limiters) {
        // Read again to know what it refers to; the filter reported its own problems, and an invalid one is skipped.
        RateLimitFilterConfig settings = RateLimitFilterSection.parse(FilterSettingsNode.reread(node));
        if (settings == null) {
            return;
        }
        List<ConfigNode> nameNodes = node.get("limiters").oneOrMany();
        for (int i = 0; i < settings.limiters().size(); i++) {
            String name = settings.limiters().get(i);
            LimiterConfig limiter = limiters.get(name);
            if (limiter == null) {
                nameNodes.get(i).errorUnknown("limiter", name, limiters.keySet());
                continue;
            }
            for (KeyPart part : limiter.key()) {
                checkVariable(nameNodes.get(i), "limiter \"" + name + "\": ", part, template);
            }
        }
        List<ConfigNode> keyNodes = node.get("key").oneOrMany();
        for (LimiterConfig inline : settings.inline()) {
            for (int i = 0; i < inline.key().size(); i++) {
                checkVariable(keyNodes.get(i), "", inline.key().get(i), template);
            }
        }
    }

    /** Reports at {@code node}, after {@code prefix}, a key part that names a variable the route does not capture. */
    private static void checkVariable(ConfigNode node, String prefix, KeyPart part, RouteTemplate template) {
        if (!(part instanceof KeyPart.PathVariable variable)) {
            return;
        }
        String what = prefix + "path variable \"" + variable.name() + "\"";
        if (template.path() == null) {
            node.error(what + " needs a route matched by a path template (match.path)");
        } else if (!template.variables().contains(variable.name())) {
            node.error(what + " is not in the route's path \"" + template.path() + "\" (variables: "
                    + (template.variables().isEmpty() ? "none" : String.join(", ", template.variables())) + ")");
        }
    }

    /** Null when the match is missing or its path invalid: already reported, so nothing can be checked against it. */
    private static RouteTemplate template(ConfigNode match) {
        if (!match.isMap()) {
            return null;
        }
        if (!match.get("path").isPresent()) {
            return new RouteTemplate(null, List.of());
        }
        String path = match.get("path").json().asText();
        try {
            return new RouteTemplate(path, PathTemplate.parse(path).variables());
        } catch (IllegalArgumentException invalid) {
            return null;
        }
    }

    /** The items of a list, without reporting a value that is not one (the route section did). */
    private static List<ConfigNode> list(ConfigNode node) {
        return node.json().isArray() ? node.items() : List.of();
    }
}
