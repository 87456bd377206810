package io.gatehouse.config;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads the settings of an {@code acl} filter: exactly one of {@code allow} and {@code deny}, each a list of
 * groups. Whether some consumer holds each group, and whether the route authenticates, is checked with the whole
 * config, by {@link ConsumerReferences}.
 */
public final class AclFilterSection {

    /** The name the filter is registered and written under. */
    public static final String FILTER_NAME = "acl";

    private AclFilterSection() {
    }

    /** Parses a filter's settings; records every problem under their path and returns null when any was found. */
    public static AclFilterConfig parse(FilterSettingsNode filter) {
        ConfigNode settings = filter.node();
        ConfigErrors errors = settings.errors();
        int before = errors.messages().size();
        if (!settings.requireMap("allow", "deny")) {
            return null;
        }
        String mode = settings.exactlyOne("allow", "deny");
        Set<String> groups = mode == null ? Set.of() : groups(settings.get(mode));
        return errors.messages().size() == before ? new AclFilterConfig("allow".equals(mode), groups) : null;
    }

    /** A non-empty list of distinct group names; shared with {@link ConsumerReferences}, which checks each name. */
    static Set<String> groups(ConfigNode node) {
        Set<String> groups = new LinkedHashSet<>();
        Uniqueness distinct = new Uniqueness("group");
        for (ConfigNode item : node.requiredItems("group")) {
            String group = item.requiredString();
            if (group != null) {
                distinct.check(item, group, "\"" + group + "\"");
                groups.add(group);
            }
        }
        return groups;
    }
}
