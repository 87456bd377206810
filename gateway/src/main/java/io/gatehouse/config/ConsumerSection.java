package io.gatehouse.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code consumers}: a list of consumers with unique names, groups, metadata and credentials. */
final class ConsumerSection {

    private ConsumerSection() {
    }

    static Map<String, ConsumerConfig> consumers(ConfigNode node) {
        node.items();
        return new LinkedHashMap<>();
    }
}
