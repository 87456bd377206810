package io.gatehouse.routing;

import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * The query string of a request, read on demand: nothing is parsed unless a route with a query condition is tried,
 * and then only the parameter that condition names is looked for.
 */
public final class QueryParams {

    public static final QueryParams NONE = new QueryParams("");

    private final String raw;

    private QueryParams(String raw) {
        this.raw = raw;
    }

    /** @param rawQuery the text after {@code ?}, still percent-encoded; null or empty when there is none */
    public static QueryParams of(String rawQuery) {
        return rawQuery == null || rawQuery.isEmpty() ? NONE : new QueryParams(rawQuery);
    }

    /**
     * The decoded value of the first parameter called {@code name}: "" for a bare {@code name} without {@code =},
     * null if absent. A malformed escape is compared as received rather than rejected.
     */
    public String first(String name) {
        int length = raw.length();
        for (int start = 0; start < length; ) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? length : amp;
            int eq = raw.indexOf('=', start);
            int nameEnd = eq < 0 || eq > end ? end : eq;
            if (nameMatches(start, nameEnd, name)) {
                return nameEnd == end ? "" : decode(raw.substring(nameEnd + 1, end));
            }
            start = end + 1;
        }
        return null;
    }

    private boolean nameMatches(int start, int end, String name) {
        if (end - start == name.length() && raw.regionMatches(start, name, 0, name.length())) {
            return true;
        }
        // Only an encoded name can still match; decoding is skipped for the common plain ones.
        boolean encoded = false;
        for (int i = start; i < end && !encoded; i++) {
            char c = raw.charAt(i);
            encoded = c == '%' || c == '+';
        }
        return encoded && decode(raw.substring(start, end)).equals(name);
    }

    private static String decode(String component) {
        try {
            return QueryStringDecoder.decodeComponent(component);
        } catch (IllegalArgumentException malformed) {
            return component;
        }
    }

    @Override
    public String toString() {
        return raw;
    }
}
