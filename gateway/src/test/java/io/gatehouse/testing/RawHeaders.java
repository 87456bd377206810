package io.gatehouse.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Header fields in wire order; names compare case-insensitively and may repeat. */
public final class RawHeaders {
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    void add(String name, String value) {
        fields.add(Map.entry(name, value));
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    public List<String> all(String name) {
        return fields.stream().filter(field -> field.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .toList();
    }

    public boolean contains(String name) {
        return !all(name).isEmpty();
    }

    public List<Map.Entry<String, String>> fields() {
        return List.copyOf(fields);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
