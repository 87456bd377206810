package io.gatehouse.upstream.lb;

import io.gatehouse.config.HashConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Iterator;

/**
 * The consistent-hash key of a request, taken from where its upstream's {@link HashConfig} says. An empty value
 * counts as absent: hashing it would send every such request to one endpoint, while no key spreads them at random.
 */
public final class HashKeys {

    private HashKeys() {
    }

    /** The key, or null when the request has none. */
    public static CharSequence of(HashConfig config, HttpRequest request, String clientAddress) {
        String key = switch (config.source()) {
            case HEADER -> request.headers().get(config.name());
            case COOKIE -> cookie(request.headers().valueStringIterator(HttpHeaderNames.COOKIE), config.name());
            case CLIENT_ADDRESS -> clientAddress;
            case PATH -> path(request.uri());
        };
        return key == null || key.isEmpty() ? null : key;
    }

    /** The value of the first cookie called {@code name} in any of the Cookie fields. */
    private static String cookie(Iterator<String> fields, String name) {
        while (fields.hasNext()) {
            String value = cookie(fields.next(), name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** Walks the {@code name=value} pairs of one Cookie field (RFC 6265 section 4.2.1) without splitting it. */
    private static String cookie(String field, String name) {
        int length = field.length();
        int start = 0;
        while (start < length) {
            int end = field.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int nameStart = skipSpace(field, start, end);
            int equals = field.indexOf('=', nameStart);
            if (equals >= 0 && equals < end && trimEnd(field, nameStart, equals) - nameStart == name.length()
                    && field.startsWith(name, nameStart)) {
                int valueStart = skipSpace(field, equals + 1, end);
                int valueEnd = trimEnd(field, valueStart, end);
                if (valueEnd - valueStart >= 2 && field.charAt(valueStart) == '"'
                        && field.charAt(valueEnd - 1) == '"') {
                    valueStart++;
                    valueEnd--;
                }
                return field.substring(valueStart, valueEnd);
            }
            start = end + 1;
        }
        return null;
    }

    /** The path of an origin-form ({@code /p?q}) or absolute-form ({@code http://host/p?q}) target. */
    private static String path(String uri) {
        int start = 0;
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            if (scheme < 0) {
                return null;
            }
            start = uri.indexOf('/', scheme + 3);
            int query = uri.indexOf('?', scheme + 3);
            if (start < 0 || (query >= 0 && query < start)) {
                return "/";
            }
        }
        int end = uri.indexOf('?', start);
        return uri.substring(start, end < 0 ? uri.length() : end);
    }

    private static int skipSpace(String text, int from, int end) {
        while (from < end && (text.charAt(from) == ' ' || text.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String text, int from, int end) {
        while (end > from && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return end;
    }
}
