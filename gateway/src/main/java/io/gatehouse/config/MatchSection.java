package io.gatehouse.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a route's {@code match}: hosts, exactly one of path, prefix or regex, methods, headers and query. */
final class MatchSection {

    private static final String[] PATH_KINDS = {"path", "prefix", "regex"};
    private static final List<String> VALUE_MATCH_KINDS = List.of("present", "exact", "regex");

    private MatchSection() {
    }

    /** The match, or null (after reporting) when it is missing or not a map. */
    static MatchConfig match(ConfigNode node) {
        if (!node.require() || !node.expectMap("host", "path", "prefix", "regex", "methods", "headers", "query")) {
            return null;
        }
        node.exactlyOne(PATH_KINDS);
        // Kept as written even when invalid, so that the rewrite check can tell a reported bad path from no path.
        String path = node.get("path").string(null);
        if (path != null) {
            node.get("path").parsed(PathTemplate::parse, null);
        }
        Pattern regex = node.get("regex").regex();
        return new MatchConfig(
                hosts(node.get("host")),
                path,
                node.get("prefix").parsed(MatchSection::prefix, null),
                regex == null ? null : regex.pattern(),
                methods(node.get("methods")),
                valueMatches(node.get("headers"), true),
                valueMatches(node.get("query"), false));
    }

    private static String prefix(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("expected a prefix starting with \"/\", got \"" + text + "\"");
        }
        return text;
    }

    private static List<String> hosts(ConfigNode node) {
        List<String> hosts = new ArrayList<>();
        for (ConfigNode item : node.oneOrMany()) {
            String host = item.parsed(MatchSection::hostPattern, null);
            if (host != null) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /** A host name, IPv4 address, or {@code *.} followed by a host name; lower-cased as hosts compare that way. */
    private static String hostPattern(String text) {
        String host = text.toLowerCase(Locale.ROOT);
        String name = host.startsWith("*.") ? host.substring(2) : host;
        if (!Addresses.isHostName(name) && !(name == host && Addresses.isIpv4(host))) {
            throw new IllegalArgumentException("expected a host name or a wildcard like \"*.example.com\", got \""
                    + text + "\"");
        }
        return host;
    }

    private static List<String> methods(ConfigNode node) {
        List<String> methods = new ArrayList<>();
        for (ConfigNode item : node.oneOrMany()) {
            String method = item.parsed(MatchSection::method, null);
            if (method != null && !methods.contains(method)) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static String method(String text) {
        if (!HttpSyntax.isToken(text)) {
            throw new IllegalArgumentException("expected an HTTP method, got \"" + text + "\"");
        }
        return text.toUpperCase(Locale.ROOT);
    }

    /** Header names are lower-cased since they compare case-insensitively; query names are kept as written. */
    private static Map<String, ValueMatch> valueMatches(ConfigNode node, boolean headers) {
        Uniqueness names = new Uniqueness(headers ? "header" : "parameter");
        Map<String, ValueMatch> matches = new LinkedHashMap<>();
        node.entries().forEach((name, condition) -> {
            if (headers && !HttpSyntax.isToken(name)) {
                condition.error("\"" + name + "\" is not a valid header name");
                return;
            }
            String key = headers ? name.toLowerCase(Locale.ROOT) : name;
            names.check(condition, key, "\"" + key + "\"");
            ValueMatch match = valueMatch(condition);
            if (match != null) {
                matches.put(key, match);
            }
        });
        return matches;
    }

    /** A string is an exact match; a map has exactly one of present (true), exact or regex (a full match). */
    private static ValueMatch valueMatch(ConfigNode node) {
        if (!node.isPresent()) {
            node.error("expected a value, or a map with one of present, exact or regex");
            return null;
        }
        if (!node.isMap()) {
            return exact(node);
        }
        node.expectMap(VALUE_MATCH_KINDS.toArray(String[]::new));
        List<String> kinds = VALUE_MATCH_KINDS.stream().filter(kind -> node.get(kind).isPresent()).toList();
        if (kinds.size() != 1) {
            node.error("expected exactly one of present, exact or regex");
            return null;
        }
        return switch (kinds.get(0)) {
            case "present" -> present(node.get("present"));
            case "exact" -> exact(node.get("exact"));
            default -> {
                Pattern regex = node.get("regex").regex();
                yield regex == null ? null : new ValueMatch(false, null, regex);
            }
        };
    }

    private static ValueMatch exact(ConfigNode node) {
        String exact = node.string(null);
        return exact == null ? null : new ValueMatch(false, exact, null);
    }

    private static ValueMatch present(ConfigNode node) {
        if (!node.bool(true)) {
            node.error("expected true (matching an absent value is not supported)");
            return null;
        }
        return new ValueMatch(true, null, null);
    }
}
