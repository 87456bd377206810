package io.gatehouse.context;

/** A typed key for per-exchange state in a {@link RequestContext}; compare by identity. */
public final class AttributeKey<T> {

    private final String name;

    private AttributeKey(String name) {
        this.name = name;
    }

    public static <T> AttributeKey<T> of(String name) {
        return new AttributeKey<>(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
