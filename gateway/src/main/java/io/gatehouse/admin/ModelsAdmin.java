package io.gatehouse.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.config.Durations;
import io.gatehouse.config.ShadowConfig;
import io.gatehouse.config.Sizes;
import io.gatehouse.config.TrafficConfig;
import io.gatehouse.model.ModelControl;
import io.gatehouse.model.ModelControlException;
import io.gatehouse.model.ModelView;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code /admin/models...}: reads answer at once; loads, unloads, label moves and traffic changes run on the model
 * control thread and answer once done, with the new state or with what is wrong.
 */
final class ModelsAdmin {

    static final String PREFIX = "/admin/models";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SHADOW_FIELDS = List.of("version", "percent", "max_body", "max_in_flight",
            "tolerance", "timeout");

    /** An answer: its status and the JSON body. */
    record Answer(HttpResponseStatus status, Object body) {
    }

    private final ModelControl control;

    ModelsAdmin(ModelControl control) {
        this.control = control;
    }

    CompletableFuture<Answer> handle(HttpMethod method, String path, String body) {
        try {
            return dispatch(method, path.substring(PREFIX.length()).split("/", -1), body)
                    .exceptionally(ModelsAdmin::failure);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e));
        }
    }

    /** {@code parts[0]} is empty (the path after the prefix starts with a slash) or the path ends there. */
    private CompletableFuture<Answer> dispatch(HttpMethod method, String[] parts, String body) {
        if (parts.length == 1 && parts[0].isEmpty()) {
            requireMethod(method, HttpMethod.GET);
            return done(ModelsView.of(control));
        }
        String model = segment(parts, 1);
        if (parts.length == 2) {
            requireMethod(method, HttpMethod.GET);
            ModelView view = control.registry().model(model);
            if (view == null) {
                throw new ModelControlException(404, "no model '" + model + "'");
            }
            return done(ModelsView.of(view, control));
        }
        if (parts.length == 4 && parts[2].equals("versions")) {
            String version = segment(parts, 3);
            if (method.equals(HttpMethod.POST)) {
                JsonNode request = object(body, true);
                String upstream = text(request, "upstream", false);
                return control.load(model, version, upstream)
                        .thenApply(loaded -> answer(ModelsView.version(model, loaded, control)));
            }
            requireMethod(method, HttpMethod.DELETE);
            return control.unload(model, version)
                    .thenApply(unloaded -> answer(ModelsView.version(model, unloaded, control)));
        }
        if (parts.length == 4 && parts[2].equals("labels")) {
            requireMethod(method, HttpMethod.PUT);
            String version = text(object(body, false), "version", true);
            return control.moveLabel(model, segment(parts, 3), version).thenApply(this::modelAnswer);
        }
        if (parts.length == 3 && parts[2].equals("traffic")) {
            requireMethod(method, HttpMethod.PUT);
            JsonNode request = object(body, false);
            return control.setTraffic(model, split(request), shadow(request)).thenApply(this::modelAnswer);
        }
        throw new ModelControlException(404, "no admin endpoint at " + PREFIX + String.join("/", parts));
    }

    private Answer modelAnswer(ModelView model) {
        return answer(ModelsView.of(model, control));
    }

    /** {@code weights} (absent or null: no split) and {@code sticky} ({@code consumer} or {@code header:NAME}). */
    private static TrafficConfig split(JsonNode request) {
        JsonNode weights = request.path("weights");
        if (weights.isMissingNode() || weights.isNull()) {
            return null;
        }
        if (!weights.isObject()) {
            throw bad("weights: expected an object of label or version to weight, like {\"stable\": 90}");
        }
        Map<String, Integer> parsed = new LinkedHashMap<>();
        weights.fields().forEachRemaining(entry -> {
            if (!entry.getValue().canConvertToInt() || !entry.getValue().isIntegralNumber()) {
                throw bad("weights." + entry.getKey() + ": expected a whole number, got " + entry.getValue());
            }
            parsed.put(entry.getKey(), entry.getValue().intValue());
        });
        String sticky = text(request, "sticky", false);
        if (sticky == null || sticky.equals("consumer")) {
            return new TrafficConfig(parsed, sticky != null, null);
        }
        if (sticky.startsWith("header:") && sticky.length() > "header:".length()) {
            return new TrafficConfig(parsed, false, sticky.substring("header:".length()));
        }
        throw bad("sticky: expected consumer or header:NAME, got \"" + sticky + "\"");
    }

    /**
     * {@code shadow}: {@code {"version", "percent"}} with optional bounds {@code max_body} (bytes, or a size like
     * {@code "2MiB"}), {@code max_in_flight}, {@code tolerance} and {@code timeout} (like {@code "10s"}), each
     * defaulting as in the config; absent or null for none. Ranges are the control plane's to check.
     */
    private static ShadowConfig shadow(JsonNode request) {
        JsonNode shadow = request.path("shadow");
        if (shadow.isMissingNode() || shadow.isNull()) {
            return null;
        }
        if (!shadow.isObject() || !shadow.path("percent").isNumber()) {
            throw bad("shadow: expected {\"version\": \"2\", \"percent\": 5}, got " + shadow);
        }
        shadow.fieldNames().forEachRemaining(field -> {
            if (!SHADOW_FIELDS.contains(field)) {
                throw bad("shadow." + field + ": unknown, expected one of " + SHADOW_FIELDS);
            }
        });
        return new ShadowConfig(text(shadow, "version", true), shadow.path("percent").doubleValue(),
                maxBody(shadow.path("max_body")), wholeNumber(shadow.path("max_in_flight"),
                ShadowConfig.DEFAULT_MAX_IN_FLIGHT), tolerance(shadow.path("tolerance")),
                timeout(shadow.path("timeout")));
    }

    private static int maxBody(JsonNode value) {
        if (value.isMissingNode()) {
            return ShadowConfig.DEFAULT_MAX_BODY;
        }
        long bytes;
        if (value.isIntegralNumber()) {
            bytes = value.longValue();
        } else if (value.isTextual()) {
            try {
                bytes = Sizes.parse(value.asText());
            } catch (IllegalArgumentException e) {
                throw bad("shadow.max_body: " + e.getMessage());
            }
        } else {
            throw bad("shadow.max_body: expected a number of bytes or a size like \"2MiB\", got " + value);
        }
        if (bytes < Integer.MIN_VALUE || bytes > Integer.MAX_VALUE) {
            throw bad("shadow.max_body: " + ShadowConfig.MAX_BODY_EXPECTED + ", got " + value);
        }
        return (int) bytes;
    }

    private static int wholeNumber(JsonNode value, int fallback) {
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw bad("shadow.max_in_flight: expected a whole number, got " + value);
        }
        return value.intValue();
    }

    private static double tolerance(JsonNode value) {
        if (value.isMissingNode()) {
            return ShadowConfig.DEFAULT_TOLERANCE;
        }
        if (!value.isNumber()) {
            throw bad("shadow.tolerance: " + ShadowConfig.TOLERANCE_EXPECTED + ", got " + value);
        }
        return value.doubleValue();
    }

    private static Duration timeout(JsonNode value) {
        if (value.isMissingNode()) {
            return ShadowConfig.DEFAULT_TIMEOUT;
        }
        try {
            return Durations.parse(value.isTextual() ? value.asText() : String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw bad("shadow.timeout: " + e.getMessage());
        }
    }

    private static JsonNode object(String body, boolean optional) {
        if (body.isBlank()) {
            if (optional) {
                return JSON.createObjectNode();
            }
            throw bad("expected a JSON object body");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw bad("expected a JSON object body, got " + body.strip());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw bad("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode object, String field, boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw bad(field + ": required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw bad(field + ": expected a non-empty string, got " + value);
        }
        return value.asText();
    }

    private static String segment(String[] parts, int index) {
        String decoded = URLDecoder.decode(parts[index], StandardCharsets.UTF_8);
        if (decoded.isEmpty()) {
            throw new ModelControlException(404, "no admin endpoint with an empty name at position " + index);
        }
        return decoded;
    }

    private static void requireMethod(HttpMethod method, HttpMethod expected) {
        if (!method.equals(expected)) {
            throw new ModelControlException(405, "method " + method + " not allowed here, expected " + expected);
        }
    }

    private static ModelControlException bad(String message) {
        return new ModelControlException(400, message);
    }

    private static CompletableFuture<Answer> done(Object body) {
        return CompletableFuture.completedFuture(answer(body));
    }

    private static Answer answer(Object body) {
        return new Answer(HttpResponseStatus.OK, body);
    }

    private static Answer failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ModelControlException control) {
            return new Answer(HttpResponseStatus.valueOf(control.status()), Map.of("error", control.getMessage()));
        }
        return new Answer(HttpResponseStatus.INTERNAL_SERVER_ERROR, Map.of("error", String.valueOf(cause)));
    }
}
