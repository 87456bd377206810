package io.gatehouse.auth;

import java.util.Map;
import java.util.Set;

/**
 * Who a request comes from, once authenticated: a configured consumer, or one named by a token's claim.
 *
 * @param groups   what {@code acl} rules allow or deny
 * @param metadata free-form labels from the config, never secrets
 */
public record Consumer(String name, Set<String> groups, Map<String, String> metadata) {

    public Consumer {
        groups = Set.copyOf(groups);
        metadata = Map.copyOf(metadata);
    }

    /** A consumer known only by name (a token's subject with no configured consumer of that name). */
    public static Consumer named(String name) {
        return new Consumer(name, Set.of(), Map.of());
    }
}
