package io.gatehouse.upstream.discovery;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatehouse.config.ConfigErrors;
import io.gatehouse.config.EndpointConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an endpoints file: {@code endpoints: [ { address: "host:port", weight: 2 }, ... ]} or that list at top
 * level. A {@code .json} file is read as JSON (whose error positions YAML would misreport), anything else as YAML.
 * Every problem is collected with its path, as in the gateway config.
 */
final class EndpointFileParser {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String ENDPOINTS = "endpoints";
    private static final Set<String> ITEM_KEYS = Set.of("address", "weight");
    private static final String SHAPE = "a list of endpoints or a map with the key \"endpoints\"";

    private EndpointFileParser() {
    }

    /**
     * @param file decides JSON or YAML and names the file in errors
     * @throws io.gatehouse.config.ConfigException naming the file and listing every problem
     */
    static List<EndpointConfig> parse(byte[] content, Path file) {
        ConfigErrors errors = new ConfigErrors();
        JsonNode tree = readTree(content, file, errors);
        List<EndpointConfig> endpoints = tree == null ? List.of() : endpoints(tree, errors);
        errors.throwIfAny(file.toString());
        return endpoints;
    }

    private static JsonNode readTree(byte[] content, Path file, ConfigErrors errors) {
        boolean json = file.getFileName().toString().endsWith(".json");
        try {
            JsonNode tree = (json ? JSON : YAML).readTree(content);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                errors.add("", "the file is empty; expected " + SHAPE);
                return null;
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            errors.add("", "invalid " + (json ? "JSON" : "YAML") + where + ": " + sentences(e.getOriginalMessage()));
        } catch (IOException e) {
            errors.add("", "cannot read: " + e);
        }
        return null;
    }

    /** SnakeYAML repeats the offending line with a caret below it, indented; keep only the sentences. */
    private static String sentences(String message) {
        return message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .collect(Collectors.joining("; "));
    }

    private static List<EndpointConfig> endpoints(JsonNode tree, ConfigErrors errors) {
        if (tree.isArray()) {
            return items(tree, "", errors);
        }
        if (!tree.isObject()) {
            errors.add("", "expected " + SHAPE + ", got " + tree);
            return List.of();
        }
        tree.fieldNames().forEachRemaining(key -> {
            if (!key.equals(ENDPOINTS)) {
                errors.add(key, "unknown key (allowed: " + ENDPOINTS + ")");
            }
        });
        JsonNode list = tree.get(ENDPOINTS);
        if (list == null || list.isNull()) {
            errors.add(ENDPOINTS, "required");
            return List.of();
        }
        if (!list.isArray()) {
            errors.add(ENDPOINTS, "expected a list of endpoints, got " + list);
            return List.of();
        }
        return items(list, ENDPOINTS, errors);
    }

    private static List<EndpointConfig> items(JsonNode list, String path, ConfigErrors errors) {
        if (list.isEmpty()) {
            errors.add(path, "expected at least one endpoint; an empty list would leave the upstream without any");
        }
        List<EndpointConfig> endpoints = new ArrayList<>();
        Map<String, String> firstSeenAt = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            EndpointConfig endpoint = item(list.get(i), at, errors);
            if (endpoint == null) {
                continue;
            }
            String previous = firstSeenAt.putIfAbsent(endpoint.authority(), at + ".address");
            if (previous != null) {
                errors.add(at + ".address", "duplicate address \"" + endpoint.authority() + "\" (also at "
                        + previous + ")");
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    /** One endpoint, or null after reporting what is wrong with it. */
    private static EndpointConfig item(JsonNode item, String at, ConfigErrors errors) {
        if (!item.isObject()) {
            errors.add(at, "expected a map with keys address, weight, got " + item);
            return null;
        }
        item.fieldNames().forEachRemaining(key -> {
            if (!ITEM_KEYS.contains(key)) {
                errors.add(at + "." + key, "unknown key (allowed: address, weight)");
            }
        });
        int weight = weight(item.get("weight"), at + ".weight", errors);
        JsonNode address = item.get("address");
        if (address == null || address.isNull()) {
            errors.add(at + ".address", "required");
            return null;
        }
        if (!address.isTextual()) {
            errors.add(at + ".address", "expected \"host:port\", got " + address);
            return null;
        }
        try {
            return EndpointAddress.parse(address.textValue(), weight);
        } catch (IllegalArgumentException e) {
            errors.add(at + ".address", e.getMessage());
            return null;
        }
    }

    private static int weight(JsonNode weight, String at, ConfigErrors errors) {
        if (weight == null || weight.isNull()) {
            return 1;
        }
        if (weight.isIntegralNumber() && weight.canConvertToInt() && weight.intValue() >= 1) {
            return weight.intValue();
        }
        errors.add(at, "expected an integer >= 1, got " + weight);
        return 1;
    }
}
