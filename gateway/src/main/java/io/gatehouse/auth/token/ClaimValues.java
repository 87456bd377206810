package io.gatehouse.auth.token;

import io.gatehouse.auth.Consumer;
import io.gatehouse.auth.Consumers;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads what tokens and introspection answers say in the same shapes: scopes, consumer names, header values. */
public final class ClaimValues {

    private ClaimValues() {
    }

    /** Scopes from a space separated string or a list of strings; empty for anything else. */
    public static Set<String> scopes(Object value) {
        Set<String> scopes = new LinkedHashSet<>();
        if (value instanceof String text) {
            for (String scope : text.split(" ")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        } else if (value instanceof Collection<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(scopes::add);
        }
        return scopes;
    }

    /** The configured consumer of that name, or one known only by name. */
    public static Consumer consumer(Consumers consumers, String name) {
        Consumer known = consumers.named(name);
        return known != null ? known : Consumer.named(name);
    }

    /**
     * A claim's value as header text: strings, numbers and booleans as written, lists of them joined with commas;
     * null for other shapes and for text a header cannot carry (line breaks, NUL).
     */
    public static String headerValue(Object value) {
        String text;
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            text = value.toString();
        } else if (value instanceof Collection<?> list && list.stream().allMatch(item -> item instanceof String
                || item instanceof Number || item instanceof Boolean)) {
            text = list.stream().map(Object::toString).collect(Collectors.joining(","));
        } else {
            return null;
        }
        return text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0) ? null : text;
    }
}
