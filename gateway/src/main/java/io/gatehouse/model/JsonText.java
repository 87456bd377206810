package io.gatehouse.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small JSON chores of the control plane: quoting, lenient parsing, and the error text of a backend's answer. */
final class JsonText {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR = 500;

    private JsonText() {
    }

    static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote " + value, e);
        }
    }

    /** The parsed body, or null when it is not JSON. */
    static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * What a backend said went wrong: the {@code error} (Open Inference, TF Serving) or {@code message}
     * (TorchServe) field when there is one, else the body itself, shortened.
     */
    static String errorOf(String body) {
        JsonNode json = parse(body);
        if (json != null) {
            for (String field : new String[] {"error", "message"}) {
                JsonNode value = json.get(field);
                if (value != null && value.isTextual()) {
                    return shorten(value.asText());
                }
                if (value != null && value.isObject() && value.path("message").isTextual()) {
                    return shorten(value.path("message").asText());
                }
            }
        }
        return shorten(body == null ? "" : body.strip());
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "...";
    }
}
