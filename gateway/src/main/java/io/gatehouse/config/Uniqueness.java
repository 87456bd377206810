package io.gatehouse.config;

import java.util.HashMap;
import java.util.Map;

/** Reports a value that must be unique but was seen before, naming where it was first seen. */
final class Uniqueness {

    private final String what;
    private final Map<Object, String> firstSeenAt = new HashMap<>();

    /** @param what how the value is named in messages, e.g. {@code name} or {@code address} */
    Uniqueness(String what) {
        this.what = what;
    }

    /** Records {@code key} read at {@code node}; {@code shown} is how the value appears in the message. */
    void check(ConfigNode node, Object key, String shown) {
        String previous = firstSeenAt.putIfAbsent(key, node.path());
        if (previous != null) {
            node.error("duplicate " + what + " " + shown + " (also at " + previous + ")");
        }
    }
}
