package io.gatehouse.filter.headers;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/** Header changes applied in a fixed order: remove, then set (replace), then add (append). */
public record HeaderEdits(List<String> remove, Map<String, String> set, Map<String, String> add) {

    public static final HeaderEdits NONE = new HeaderEdits(List.of(), Map.of(), Map.of());

    public HeaderEdits {
        remove = List.copyOf(remove);
        set = Map.copyOf(set);
        add = Map.copyOf(add);
    }

    public void applyTo(HttpHeaders headers) {
        for (String name : remove) {
            headers.remove(name);
        }
        set.forEach(headers::set);
        add.forEach(headers::add);
    }
}
