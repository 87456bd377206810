package io.gatehouse.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatehouse.config.ConfigErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads a model's {@code config.yaml}, reporting every problem with its path; unknown keys are errors. */
final class ModelConfigReader {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> KEYS = Set.of("version-policy", "instances", "max-batch-size", "inputs",
            "outputs");

    private ModelConfigReader() {
    }

    /** The config in {@code file}, or the defaults when there is no such file. */
    static ModelConfig read(Path file) {
        if (!Files.exists(file)) {
            return ModelConfig.DEFAULT;
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return ModelConfig.DEFAULT;
        }
        ConfigErrors errors = new ConfigErrors();
        ModelConfig config = parse(root, errors);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", errors.messages()));
        }
        return config;
    }

    static ModelConfig parse(JsonNode root, ConfigErrors errors) {
        if (!root.isObject()) {
            errors.add("", "expected a mapping, got " + root.getNodeType());
            return ModelConfig.DEFAULT;
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                errors.add(key, "unknown key (expected one of " + String.join(", ", KEYS) + ")");
            }
        });
        VersionPolicy policy = root.has("version-policy")
                ? policy(root.get("version-policy"), errors) : VersionPolicy.DEFAULT;
        int instances = positive(root, "instances", 1, errors);
        int maxBatch = root.has("max-batch-size") ? positive(root, "max-batch-size", 0, errors) : 0;
        return new ModelConfig(policy, instances, maxBatch, shapes(root, "inputs", errors),
                shapes(root, "outputs", errors));
    }

    private static VersionPolicy policy(JsonNode node, ConfigErrors errors) {
        String path = "version-policy";
        if (!node.isObject() || node.size() != 1) {
            errors.add(path, "expected exactly one of { latest: N }, { all: true }, { specific: [1, 2] }, got "
                    + node);
            return VersionPolicy.DEFAULT;
        }
        String kind = node.fieldNames().next();
        JsonNode value = node.get(kind);
        switch (kind) {
            case "latest" -> {
                return new VersionPolicy.Latest(positive(node, "latest", 1, errors, path));
            }
            case "all" -> {
                if (!value.isBoolean() || !value.booleanValue()) {
                    errors.add(path + ".all", "expected true, got " + value);
                }
                return new VersionPolicy.All();
            }
            case "specific" -> {
                Set<Long> versions = new HashSet<>();
                if (!value.isArray() || value.isEmpty()) {
                    errors.add(path + ".specific", "expected a list of version numbers, got " + value);
                }
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (!item.canConvertToLong() || !item.isIntegralNumber() || item.longValue() < 1) {
                        errors.add(path + ".specific[" + i + "]", "expected a positive integer, got " + item);
                    } else {
                        versions.add(item.longValue());
                    }
                }
                return new VersionPolicy.Specific(versions);
            }
            default -> {
                errors.add(path + "." + kind, "unknown policy (expected latest, all or specific)");
                return VersionPolicy.DEFAULT;
            }
        }
    }

    private static int positive(JsonNode parent, String key, int fallback, ConfigErrors errors) {
        return positive(parent, key, fallback, errors, "");
    }

    private static int positive(JsonNode parent, String key, int fallback, ConfigErrors errors, String prefix) {
        JsonNode value = parent.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1) {
            errors.add(prefix.isEmpty() ? key : prefix + "." + key, "expected a positive integer, got " + value);
            return fallback;
        }
        return value.intValue();
    }

    /** {@code inputs: [{ name: x, shape: [-1, 3] }]}: shapes by tensor name. */
    private static Map<String, long[]> shapes(JsonNode root, String key, ConfigErrors errors) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        JsonNode list = root.get(key);
        if (list == null) {
            return shapes;
        }
        if (!list.isArray()) {
            errors.add(key, "expected a list of { name, shape }, got " + list);
            return shapes;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = key + "[" + i + "]";
            JsonNode item = list.get(i);
            for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!field.equals("name") && !field.equals("shape")) {
                    errors.add(path + "." + field, "unknown key (expected name, shape)");
                }
            }
            JsonNode name = item.get("name");
            JsonNode shape = item.get("shape");
            if (name == null || !name.isTextual()) {
                errors.add(path + ".name", "expected the tensor's name, got " + name);
                continue;
            }
            if (shape == null || !shape.isArray()) {
                errors.add(path + ".shape", "expected a list of dimensions (-1 for dynamic), got " + shape);
                continue;
            }
            long[] dims = new long[shape.size()];
            for (int d = 0; d < dims.length; d++) {
                JsonNode dim = shape.get(d);
                if (!dim.isIntegralNumber() || dim.longValue() < -1) {
                    errors.add(path + ".shape[" + d + "]", "expected a size or -1, got " + dim);
                }
                dims[d] = dim.longValue();
            }
            shapes.put(name.textValue(), dims);
        }
        return shapes;
    }
}
