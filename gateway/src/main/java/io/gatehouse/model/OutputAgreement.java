package io.gatehouse.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a shadow's output agrees with the primary's. When both are JSON, every number must agree within a
 * relative tolerance, {@code |a - b| <= tolerance * max(|a|, |b|)}, at the same place in both documents (the same
 * field names, the same array positions); strings, booleans and nulls are not compared, since model names and
 * versions in an answer differ by design. A number on one side only disagrees. When either is not JSON, the bytes
 * must be equal.
 */
final class OutputAgreement {

    private final double tolerance;

    /** @param tolerance the relative difference two numbers may have, e.g. {@code 1e-6} */
    OutputAgreement(double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance " + tolerance + " must be a number >= 0");
        }
        this.tolerance = tolerance;
    }

    boolean agree(byte[] primary, byte[] shadow) {
        JsonNode a = parse(primary);
        JsonNode b = parse(shadow);
        if (a == null || b == null) {
            return Arrays.equals(primary, shadow);
        }
        return agree(a, b);
    }

    private boolean agree(JsonNode a, JsonNode b) {
        if (a.isNumber() || b.isNumber()) {
            return a.isNumber() && b.isNumber() && close(a.doubleValue(), b.doubleValue());
        }
        if (a.isArray() || b.isArray()) {
            if (!a.isArray() || !b.isArray() || a.size() != b.size()) {
                return !hasNumber(a) && !hasNumber(b);
            }
            for (int i = 0; i < a.size(); i++) {
                if (!agree(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() || b.isObject()) {
            if (!a.isObject() || !b.isObject()) {
                return !hasNumber(a) && !hasNumber(b);
            }
            return fieldsAgree(a, b) && onlyIn(b, a);
        }
        return true;
    }

    /** Every field of {@code a} agrees with the same field of {@code b}, or holds no number when b lacks it. */
    private boolean fieldsAgree(JsonNode a, JsonNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = a.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode other = b.get(field.getKey());
            if (other == null ? hasNumber(field.getValue()) : !agree(field.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    /** The fields of {@code b} that {@code a} lacks hold no number. */
    private static boolean onlyIn(JsonNode b, JsonNode a) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = b.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!a.has(field.getKey()) && hasNumber(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private boolean close(double a, double b) {
        if (a == b) {
            return true;
        }
        double difference = Math.abs(a - b);
        return difference <= tolerance * Math.max(Math.abs(a), Math.abs(b));
    }

    private static boolean hasNumber(JsonNode node) {
        if (node.isNumber()) {
            return true;
        }
        for (JsonNode child : node) {
            if (hasNumber(child)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JsonText.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
