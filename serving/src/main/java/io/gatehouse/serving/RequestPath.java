package io.gatehouse.serving;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Arrays;
import java.util.List;

/** A request path split into its decoded segments. */
record RequestPath(List<String> segments) {

    static RequestPath of(String uri) {
        String path = new QueryStringDecoder(uri).path();
        return new RequestPath(Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList());
    }

    int size() {
        return segments.size();
    }

    String get(int index) {
        return segments.get(index);
    }

    /** Whether the path starts with these literal segments. */
    boolean startsWith(String... prefix) {
        return segments.size() >= prefix.length && segments.subList(0, prefix.length).equals(List.of(prefix));
    }

    /** A version as a path segment or parameter gives it: a positive integer, else a 400. */
    static long version(String text) {
        try {
            long version = Long.parseLong(text);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("version '" + text + "' is not a positive integer");
    }
}
