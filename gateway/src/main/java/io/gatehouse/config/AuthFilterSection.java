package io.gatehouse.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the settings of an {@code auth} filter: {@code any-of} or {@code all-of} (method names, in the order they
 * are asked), each listed method's settings under its own name, {@code anonymous}, and {@code realm} (what
 * challenges name, for every method that does not set its own). Whether the anonymous
 * consumer exists is checked with the whole config, by {@link ConsumerReferences}.
 */
public final class AuthFilterSection {

    /** The name the filter is registered and written under. */
    public static final String FILTER_NAME = "auth";

    static final List<String> METHODS = List.of(KeyAuthSection.METHOD, BasicAuthSection.METHOD,
            JwtAuthSection.METHOD, IntrospectionAuthSection.METHOD, ExtAuthSection.METHOD, MtlsAuthSection.METHOD);

    /** The realm challenges name when no {@code realm} is set. */
    static final String DEFAULT_REALM = "gatehouse";

    private static final String[] KEYS = Stream.concat(Stream.of("any-of", "all-of", "anonymous", "realm"),
            METHODS.stream()).toArray(String[]::new);

    private AuthFilterSection() {
    }

    /** Parses a filter's settings; records every problem under their path and returns null when any was found. */
    public static AuthFilterConfig parse(FilterSettingsNode filter) {
        ConfigNode settings = filter.node();
        ConfigErrors errors = settings.errors();
        int before = errors.messages().size();
        if (!settings.requireMap(KEYS)) {
            return null;
        }
        String mode = settings.exactlyOne("any-of", "all-of");
        List<String> names = mode == null ? List.of() : names(settings.get(mode));
        String realm = realm(settings.get("realm"), DEFAULT_REALM);
        List<AuthMethodConfig> methods = new ArrayList<>();
        for (String name : names) {
            methods.add(method(name, settings.get(name), realm));
        }
        for (String name : METHODS) {
            if (settings.get(name).isPresent() && !names.contains(name)) {
                settings.get(name).error("settings for " + name + ", which " + (mode == null ? "any-of/all-of"
                        : mode) + " does not list");
            }
        }
        ConfigNode anonymousNode = settings.get("anonymous");
        String anonymous = anonymousNode.isPresent() ? anonymousNode.requiredString() : null;
        if (anonymous != null && "all-of".equals(mode)) {
            anonymousNode.error("anonymous applies to any-of only: all-of requires every method");
        }
        return errors.messages().size() == before
                ? new AuthFilterConfig("all-of".equals(mode), methods, anonymous) : null;
    }

    /** A list of distinct, known method names. */
    private static List<String> names(ConfigNode node) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode item : node.requiredItems("method")) {
            String name = item.requiredString();
            if (name == null) {
                continue;
            }
            if (!METHODS.contains(name)) {
                item.errorUnknown("authentication method", name, METHODS);
            } else if (!seen.add(name)) {
                item.error("method " + name + " is listed twice");
            } else {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * A realm for challenges ({@code realm="..."}), or {@code fallback} when absent. Quotes, backslashes and control
     * characters are refused so that it needs no escaping in the quoted string.
     */
    static String realm(ConfigNode node, String fallback) {
        if (!node.isPresent()) {
            return fallback;
        }
        String realm = node.requiredString();
        if (realm != null && !realm.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            node.error("expected a realm of printable ASCII without \" or \\, got \"" + realm + "\"");
            return fallback;
        }
        return realm == null ? fallback : realm;
    }

    private static AuthMethodConfig method(String name, ConfigNode node, String realm) {
        return switch (name) {
            case KeyAuthSection.METHOD -> KeyAuthSection.parse(node, realm);
            case BasicAuthSection.METHOD -> BasicAuthSection.parse(node, realm);
            case JwtAuthSection.METHOD -> JwtAuthSection.parse(node);
            case IntrospectionAuthSection.METHOD -> IntrospectionAuthSection.parse(node);
            case ExtAuthSection.METHOD -> ExtAuthSection.parse(node);
            default -> MtlsAuthSection.parse(node);
        };
    }
}
