package io.gatehouse.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed route path: literal segments, {@code {var}} segments and {@code {var}suffix} segments (such as
 * {@code {name}:predict}). A path without variables is an exact path.
 */
final class PathTemplate {

    /** Per segment: the literal text, or null where the segment is a variable. */
    private final String[] literals;
    /** Per segment: the literal suffix after a variable ("" for a bare variable), or null for a literal. */
    private final String[] suffixes;
    private final String[] variableNames;
    private final int[] variableSegments;

    private PathTemplate(String[] literals, String[] suffixes, String[] variableNames, int[] variableSegments) {
        this.literals = literals;
        this.suffixes = suffixes;
        this.variableNames = variableNames;
        this.variableSegments = variableSegments;
    }

    /** Parses a validated template such as {@code /users/{id}} or {@code /models/{name}:predict}. */
    static PathTemplate parse(String path) {
        String[] segments = PathSegments.split(path);
        String[] literals = new String[segments.length];
        String[] suffixes = new String[segments.length];
        List<String> names = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            int close = segment.indexOf('}');
            if (segment.startsWith("{") && close > 1) {
                names.add(segment.substring(1, close));
                positions.add(i);
                suffixes[i] = segment.substring(close + 1);
            } else {
                literals[i] = segment;
            }
        }
        int[] variableSegments = positions.stream().mapToInt(Integer::intValue).toArray();
        return new PathTemplate(literals, suffixes, names.toArray(String[]::new), variableSegments);
    }

    int segmentCount() {
        return literals.length;
    }

    /** The literal text of segment {@code i}, or null if it is a variable. */
    String literal(int i) {
        return literals[i];
    }

    /** The literal suffix of variable segment {@code i} ("" for a bare variable). */
    String suffix(int i) {
        return suffixes[i];
    }

    boolean isExact() {
        return variableNames.length == 0;
    }

    String[] variableNames() {
        return variableNames;
    }

    /**
     * Captures this template's variables from a path the trie matched against it. Only offsets are recorded; the
     * values are cut out when someone asks for them.
     */
    PathVariables capture(String path) {
        if (variableNames.length == 0) {
            return PathVariables.NONE;
        }
        int[] bounds = new int[variableNames.length * 2];
        int segment = 0;
        int start = 1;
        for (int v = 0; v < variableSegments.length; v++) {
            for (; segment < variableSegments[v]; segment++) {
                start = path.indexOf('/', start) + 1;
            }
            int end = PathSegments.end(path, start);
            bounds[2 * v] = start;
            bounds[2 * v + 1] = end - suffixes[segment].length();
        }
        return new PathVariables(path, variableNames, bounds);
    }

    /**
     * Orders templates the way the trie tries them: at the first segment where two differ in kind, a literal comes
     * before a variable with a suffix (longer suffix first), which comes before a bare variable.
     */
    int compareSpecificity(PathTemplate other) {
        int common = Math.min(segmentCount(), other.segmentCount());
        for (int i = 0; i < common; i++) {
            int byRank = Integer.compare(segmentRank(i), other.segmentRank(i));
            if (byRank != 0) {
                return byRank;
            }
            if (suffixes[i] != null) {
                int bySuffix = Integer.compare(other.suffixes[i].length(), suffixes[i].length());
                if (bySuffix != 0) {
                    return bySuffix;
                }
            }
        }
        return Integer.compare(segmentCount(), other.segmentCount());
    }

    private int segmentRank(int i) {
        if (literals[i] != null) {
            return 0;
        }
        return suffixes[i].isEmpty() ? 2 : 1;
    }
}
