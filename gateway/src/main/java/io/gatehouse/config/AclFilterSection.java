package io.gatehouse.config;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** Parses {@code node}, found at {@code path}; records every problem and returns null when any was found. */
    public static AclFilterConfig parse(JsonNode node, String path, ConfigErrors errors) {
        int before = errors.messages().size();
        ConfigNode settings = ConfigNode.at(node, path, errors);
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
