package io.gatehouse.auth;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads and removes one query parameter of a request target, leaving the rest of the query exactly as sent. */
final class QueryParameters {

    private QueryParameters() {
    }

    /** Every value of the (decoded) parameter {@code name} in {@code uri}; empty when it has none. */
    static List<String> values(String uri, String name) {
        if (uri.indexOf('?') < 0) {
            return List.of();
        }
        return new QueryStringDecoder(uri, StandardCharsets.UTF_8).parameters().getOrDefault(name, List.of());
    }

    /** {@code uri} without any parameter whose decoded name is {@code name}; the same string when it has none. */
    static String without(String uri, String name) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return uri;
        }
        StringBuilder kept = new StringBuilder(uri.length());
        boolean removed = false;
        for (String pair : uri.substring(question + 1).split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            if (QueryStringDecoder.decodeComponent(rawName, StandardCharsets.UTF_8).equals(name)) {
                removed = true;
                continue;
            }
            kept.append(kept.length() == 0 ? "" : "&").append(pair);
        }
        if (!removed) {
            return uri;
        }
        String path = uri.substring(0, question);
        return kept.length() == 0 ? path : path + "?" + kept;
    }
}
