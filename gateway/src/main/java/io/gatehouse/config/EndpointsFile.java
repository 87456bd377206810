package io.gatehouse.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * The content of a discovery file ({@code discovery: { file: ... }}): YAML or JSON of the form
 * {@code endpoints: [ { address: "host:port", weight: 1 } ]}, or that list alone, checked like an upstream's own
 * {@code endpoints}.
 */
public final class EndpointsFile {

    private EndpointsFile() {
    }

    /**
     * Parses {@code text}; no {@code ${VAR}} is expanded, as the file is data rather than configuration.
     *
     * @param sourceName names the text in the exception, e.g. the file's path
     * @throws ConfigException listing every problem found
     */
    public static List<EndpointConfig> parse(String text, String sourceName) {
        ConfigErrors errors = new ConfigErrors();
        JsonNode tree = ConfigLoader.readTree(text, errors);
        errors.throwIfAny(sourceName);
        ConfigNode root = ConfigNode.root(tree, errors, Set.of());
        List<EndpointConfig> endpoints;
        if (tree != null && tree.isArray()) {
            endpoints = DiscoverySection.endpoints(root);
        } else {
            endpoints = root.requireMap("endpoints") ? DiscoverySection.endpoints(root.get("endpoints")) : List.of();
        }
        errors.throwIfAny(sourceName);
        return endpoints;
    }
}
