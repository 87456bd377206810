package io.gatehouse.config;

import java.util.Set;

/**
 * An {@code acl} filter: which consumer groups a route lets in.
 *
 * @param allow  true when {@code groups} are the only groups let in ({@code allow}), false when they are the groups
 *               kept out ({@code deny})
 */
public record AclFilterConfig(boolean allow, Set<String> groups) {

    public AclFilterConfig {
        groups = Set.copyOf(groups);
    }
}
