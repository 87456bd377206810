package io.gatehouse.routing;

/**
 * Variables a route captured from the request path: template variables ({@code /users/{id}}) or a regex route's
 * named groups. Backed by offsets into the path, so a match allocates no map and no strings until a value is read.
 */
public final class PathVariables {

    public static final PathVariables NONE = new PathVariables("", new String[0], new int[0]);

    private final String path;
    private final String[] names;
    /** Start and end (exclusive) of each value in {@code path}; -1 for a regex group that did not participate. */
    private final int[] bounds;

    PathVariables(String path, String[] names, int[] bounds) {
        this.path = path;
        this.names = names;
        this.bounds = bounds;
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    /** The raw (not percent-decoded) value of variable {@code i}, or null if a regex group did not participate. */
    public String value(int i) {
        int start = bounds[2 * i];
        return start < 0 ? null : path.substring(start, bounds[2 * i + 1]);
    }

    /** The raw value of the named variable, or null if the route has no such variable or it captured nothing. */
    public String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return value(i);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(value(i));
        }
        return text.append('}').toString();
    }
}
