package io.gatehouse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A filter's settings written in YAML, handed to a parser as the loader hands them to a factory. */
public final class FilterSettingsFixtures {

    private FilterSettingsFixtures() {
    }

    /** Settings at {@code path} with nothing from the environment and files relative to the working directory. */
    public static FilterSettingsNode settings(String yaml, String path, ConfigErrors errors) {
        return settings(yaml, path, errors, Map.of(), Path.of("").toAbsolutePath());
    }

    /**
     * Settings at {@code path} of a config in {@code directory}, read with {@code env} as its environment: its
     * {@code ${VAR}} are expanded, and a secret written as one counts as given by the environment.
     */
    public static FilterSettingsNode settings(String yaml, String path, ConfigErrors errors, Map<String, String> env,
                                              Path directory) {
        JsonNode written = ConfigLoader.readTree(yaml, errors);
        // Held under a key that is the whole path, so the values' paths are the ones the loader would give them.
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set(path, written);
        Set<String> fromEnvironment = new HashSet<>();
        Set<String> unexpanded = new EnvSubstitution(env::get).applyTo(root, errors, fromEnvironment);
        Secrets secrets = new Secrets(directory, fromEnvironment);
        return new FilterSettingsNode(ConfigNode.root(root, errors, unexpanded, secrets).get(path));
    }
}
