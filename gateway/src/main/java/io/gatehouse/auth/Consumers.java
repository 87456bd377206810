package io.gatehouse.auth;

import io.gatehouse.config.ConsumerConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The consumers of one config, by name; authenticators index their credentials from {@link #configs()}. */
public final class Consumers {

    public static final Consumers NONE = new Consumers(List.of());

    private final List<ConsumerConfig> configs;
    private final Map<String, Consumer> byName = new LinkedHashMap<>();

    private Consumers(Collection<ConsumerConfig> configs) {
        this.configs = List.copyOf(configs);
        for (ConsumerConfig config : configs) {
            byName.put(config.name(), new Consumer(config.name(), Set.copyOf(config.groups()), config.metadata()));
        }
    }

    public static Consumers of(Collection<ConsumerConfig> configs) {
        return new Consumers(configs);
    }

    /** The configured consumer of that name; null when there is none. */
    public Consumer named(String name) {
        return byName.get(name);
    }

    public List<ConsumerConfig> configs() {
        return configs;
    }
}
