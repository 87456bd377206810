package io.gatehouse.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One filter's settings in a {@code filters} list, as its {@link io.gatehouse.filter.FilterFactory} parses them:
 * the value as written (with {@code ${VAR}} expanded), the path every problem is recorded under, and what reading
 * files and secrets needs. A file the settings name is relative to the config's directory, as every file in the
 * config is; a secret must be a value that came from the environment, or a file, never text written in the config.
 */
public final class FilterSettingsNode {

    private final ConfigNode node;

    FilterSettingsNode(ConfigNode node) {
        this.node = node;
    }

    /** Settings read again to know what they refer to: their own problems were reported when they were first read. */
    static FilterSettingsNode reread(ConfigNode node) {
        return new FilterSettingsNode(node.reportingTo(new ConfigErrors()));
    }

    /** The settings; a {@code NullNode} when they are written empty or as null. */
    public JsonNode json() {
        return node.json();
    }

    /** Where the settings are in the config, e.g. {@code routes[0].filters[1].auth}. */
    public String path() {
        return node.path();
    }

    /** Where problems are recorded, each with the path of the value it is about. */
    public ConfigErrors errors() {
        return node.errors();
    }

    /** The directory of the config file: relative file names in the settings are resolved against it. */
    public Path baseDirectory() {
        return node.secrets().baseDirectory();
    }

    /**
     * Whether the value at {@code path} (one under {@link #path()}) took a variable's value from the environment
     * through {@code ${VAR}}; a default ({@code ${VAR:-default}}) or text written in the config does not.
     */
    public boolean isFromEnvironment(String path) {
        return node.secrets().isFromEnvironment(path);
    }

    /** The settings as the config's own readers take them. */
    ConfigNode node() {
        return node;
    }
}
