package io.gatehouse.filter.headers;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.config.ConfigErrors;
import io.gatehouse.config.FilterSettingsNode;
import io.gatehouse.filter.Filter;
import io.gatehouse.filter.FilterContext;
import io.gatehouse.filter.FilterFactory;
import io.gatehouse.filter.Phase;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code headers: { request: { set: {X-A: "1"}, add: {...}, remove: [X-B] }, response: {...} }}.
 */
public final class HeadersFilterFactory implements FilterFactory<HeadersSettings> {

    private static final Set<String> SIDES = Set.of("request", "response");
    private static final Set<String> OPERATIONS = Set.of("set", "add", "remove");

    @Override
    public String name() {
        return "headers";
    }

    @Override
    public Phase phase() {
        return Phase.TRANSFORM;
    }

    @Override
    public HeadersSettings parse(FilterSettingsNode settings) {
        JsonNode node = settings.json();
        String path = settings.path();
        ConfigErrors errors = settings.errors();
        int before = errors.messages().size();
        if (node == null || !node.isObject()) {
            errors.add(path, "expected a map with \"request\" and/or \"response\"");
            return null;
        }
        rejectUnknown(node, SIDES, path, errors);
        HeaderEdits request = edits(node.get("request"), path + ".request", errors);
        HeaderEdits response = edits(node.get("response"), path + ".response", errors);
        return errors.messages().size() == before ? new HeadersSettings(request, response) : null;
    }

    @Override
    public Filter create(HeadersSettings settings, FilterContext context) {
        return new HeadersFilter(settings);
    }

    private static HeaderEdits edits(JsonNode node, String path, ConfigErrors errors) {
        if (node == null || node.isNull()) {
            return HeaderEdits.NONE;
        }
        if (!node.isObject()) {
            errors.add(path, "expected a map with set, add and/or remove");
            return HeaderEdits.NONE;
        }
        rejectUnknown(node, OPERATIONS, path, errors);
        List<String> remove = new ArrayList<>();
        JsonNode removeNode = node.get("remove");
        if (removeNode != null) {
            if (!removeNode.isArray()) {
                errors.add(path + ".remove", "expected a list of header names");
            } else {
                for (int i = 0; i < removeNode.size(); i++) {
                    String name = headerName(removeNode.get(i), path + ".remove[" + i + "]", errors);
                    if (name != null) {
                        remove.add(name);
                    }
                }
            }
        }
        return new HeaderEdits(remove, values(node.get("set"), path + ".set", errors),
                values(node.get("add"), path + ".add", errors));
    }

    private static Map<String, String> values(JsonNode node, String path, ConfigErrors errors) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null) {
            return values;
        }
        if (!node.isObject()) {
            errors.add(path, "expected a map of header name to value");
            return values;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String fieldPath = path + "." + field.getKey();
            if (!isToken(field.getKey())) {
                errors.add(fieldPath, "\"" + field.getKey() + "\" is not a valid header name");
            } else if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                errors.add(fieldPath, "expected a header value (a string)");
            } else if (field.getValue().asText().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                errors.add(fieldPath, "header values may not contain CR, LF or NUL");
            } else {
                values.put(field.getKey(), field.getValue().asText());
            }
        }
        return values;
    }

    private static String headerName(JsonNode node, String path, ConfigErrors errors) {
        if (node == null || !node.isTextual() || !isToken(node.asText())) {
            errors.add(path, "expected a header name, got " + node);
            return null;
        }
        return node.asText();
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, String path, ConfigErrors errors) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(path + "." + name, "unknown key (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        });
    }

    /** An RFC 9110 token, checked as Netty checks header names. */
    private static boolean isToken(String s) {
        return !s.isEmpty() && HttpHeaderValidationUtil.validateToken(s) < 0;
    }
}
