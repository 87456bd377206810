package io.gatehouse.routing;

/**
 * How a raw path splits into segments: the text after the leading {@code /}, split at every {@code /}. So {@code /}
 * is one empty segment, {@code /a} is {@code [a]} and {@code /a/} is {@code [a, ""]}. Positions past the end of the
 * path ({@code pos > path.length()}) mean "no more segments".
 */
final class PathSegments {

    private PathSegments() {
    }

    static String[] split(String path) {
        return path.substring(1).split("/", -1);
    }

    /** The end (exclusive) of the segment starting at {@code start}. */
    static int end(String path, int start) {
        int slash = path.indexOf('/', start);
        return slash < 0 ? path.length() : slash;
    }
}
