package io.gatehouse.proxy;

import io.gatehouse.config.PathConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a request path into the one form that is routed, authorised and forwarded, so that a path the origin
 * would read differently (a dot segment, an encoded slash, a path parameter) cannot reach a route it was not
 * meant for. Percent-encoded unreserved characters are decoded (RFC 3986 section 6.2.2.2) and other encodings
 * upper-cased (6.2.2.1); dot segments are resolved (5.2.4), and one that climbs above the root is refused. What
 * happens to repeated slashes, {@code ;} parameters and encoded slashes is {@link PathConfig}'s choice. A
 * character that has no place in a path (RFC 3986 section 3.3), such as {@code \}, an invalid or control-character
 * percent-encoding, is refused.
 */
final class PathNormalizer {

    private static final String HEX = "0123456789ABCDEF";

    private PathNormalizer() {
    }

    /** A path that cannot be normalised; the message says why, without echoing the path. */
    static final class RejectedPath extends RuntimeException {
        RejectedPath(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param path the path of an origin-form target: starts with {@code /}, no query
     * @throws RejectedPath when the path is refused (400)
     */
    static String normalize(String path, PathConfig config) {
        String decoded = decode(path, config.encodedSlashes());
        if (!needsSegmentWork(decoded, config)) {
            return decoded;
        }
        String[] segments = decoded.substring(1).split("/", -1);
        List<String> out = new ArrayList<>(segments.length);
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String segment = withoutParameters(segments[i], config.pathParameters());
            if (segment.isEmpty() && !last && config.mergeSlashes()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..")) {
                    if (out.isEmpty()) {
                        throw new RejectedPath("the path climbs above the root with \"..\"");
                    }
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
                continue;
            }
            out.add(segment);
        }
        return "/" + String.join("/", out);
    }

    /** Whether splitting into segments can change anything: a dot segment, a parameter or an empty segment. */
    private static boolean needsSegmentWork(String path, PathConfig config) {
        return path.contains("/.") || path.contains("//") && config.mergeSlashes()
                || path.indexOf(';') >= 0 && config.pathParameters() != PathConfig.PathParameters.KEEP;
    }

    private static String withoutParameters(String segment, PathConfig.PathParameters policy) {
        int semicolon = segment.indexOf(';');
        if (semicolon < 0 || policy == PathConfig.PathParameters.KEEP) {
            return segment;
        }
        if (policy == PathConfig.PathParameters.REJECT) {
            throw new RejectedPath("path parameters (\";\") are not accepted");
        }
        return segment.substring(0, semicolon);
    }

    /** Checks every character and decodes what RFC 3986 says is safe to decode; returns {@code path} if unchanged. */
    private static String decode(String path, PathConfig.EncodedSlashes slashes) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '%') {
                if (!isPathChar(c)) {
                    throw new RejectedPath(c == '\\' ? "a backslash is not accepted in the path"
                            : "character 0x" + Integer.toHexString(c) + " is not accepted in the path");
                }
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            int value = i + 2 < path.length() ? hex(path.charAt(i + 1)) << 4 | hex(path.charAt(i + 2)) : -1;
            if (value < 0) {
                throw new RejectedPath("invalid percent-encoding in the path");
            }
            if (value < 0x20 || value == 0x7f) {
                throw new RejectedPath("an encoded control character is not accepted in the path");
            }
            if (out == null) {
                out = new StringBuilder(path.length()).append(path, 0, i);
            }
            appendDecoded(out, value, slashes);
            i += 2;
        }
        return out == null ? path : out.toString();
    }

    private static void appendDecoded(StringBuilder out, int value, PathConfig.EncodedSlashes slashes) {
        boolean slash = value == '/' || value == '\\';
        if (slash && slashes == PathConfig.EncodedSlashes.REJECT) {
            throw new RejectedPath("an encoded slash (%2F or %5C) is not accepted in the path");
        }
        if (slash && slashes == PathConfig.EncodedSlashes.DECODE) {
            out.append('/');
        } else if (isUnreserved(value)) {
            out.append((char) value);
        } else {
            out.append('%').append(HEX.charAt(value >> 4)).append(HEX.charAt(value & 0xf));
        }
    }

    /** -1 for anything but a hex digit (so a combined value goes negative). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -0x1000;
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** pchar and "/" (RFC 3986 section 3.3), without "%", which is handled apart. */
    private static boolean isPathChar(char c) {
        return isUnreserved(c) || c == '/' || c == ':' || c == '@' || "!$&'()*+,;=".indexOf(c) >= 0;
    }
}
