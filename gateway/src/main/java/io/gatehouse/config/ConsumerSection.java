package io.gatehouse.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code consumers}: a list of consumers with unique, non-empty names, {@code groups}, {@code metadata} and
 * {@code credentials}, which {@link CredentialsSection} reads. A credential identifies one consumer only.
 */
final class ConsumerSection {

    private final CredentialsSection credentials;

    ConsumerSection(Secrets secrets) {
        this.credentials = new CredentialsSection(secrets);
    }

    Map<String, ConsumerConfig> consumers(ConfigNode node) {
        Map<String, ConsumerConfig> consumers = new LinkedHashMap<>();
        Uniqueness names = new Uniqueness("consumer name");
        for (ConfigNode item : node.items()) {
            if (!item.requireMap("name", "groups", "metadata", "credentials")) {
                continue;
            }
            ConfigNode nameNode = item.get("name");
            String name = nameNode.requiredString();
            if (name != null) {
                names.check(nameNode, name, "\"" + name + "\"");
            }
            List<String> groups = groups(item.get("groups"));
            Map<String, String> metadata = metadata(item.get("metadata"));
            ConsumerConfig consumer = credentials.read(item.get("credentials"), name, groups, metadata);
            if (name != null) {
                consumers.putIfAbsent(name, consumer);
            }
        }
        return consumers;
    }

    private static List<String> groups(ConfigNode node) {
        List<String> groups = new ArrayList<>();
        Uniqueness distinct = new Uniqueness("group");
        for (ConfigNode item : node.items()) {
            String group = item.requiredString();
            if (group != null) {
                distinct.check(item, group, "\"" + group + "\"");
                groups.add(group);
            }
        }
        return groups;
    }

    /** Labels that filters and logs may show: scalar values only. */
    private static Map<String, String> metadata(ConfigNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            String text = value.require() ? value.string(null) : null;
            if (text != null) {
                metadata.put(key, text);
            }
        });
        return metadata;
    }
}
