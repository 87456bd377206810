package io.gatehouse.routing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Exact, template and prefix routes by path segment. A lookup walks one branch per matching child, so its cost
 * depends on the path's depth and the few children that match each segment, not on the number of routes.
 * Built once, then only read (safely published through the router's final field). Candidates must be added in
 * precedence order: each node tries them in the order they were added.
 */
final class PathTrie {

    private final Node root = new Node();

    void addPath(PathTemplate template, Candidate candidate) {
        Node node = root;
        for (int i = 0; i < template.segmentCount(); i++) {
            String literal = template.literal(i);
            node = literal != null ? node.literalChild(literal) : node.variableChild(template.suffix(i));
        }
        node.routes = append(node.routes, candidate);
    }

    /** A prefix ending in {@code /} needs at least one more segment after its node, which may be empty. */
    void addPrefix(String prefix, Candidate candidate) {
        boolean needsMore = prefix.endsWith("/");
        String nodePath = needsMore ? prefix.substring(0, prefix.length() - 1) : prefix;
        Node node = root;
        if (!nodePath.isEmpty()) {
            for (String segment : PathSegments.split(nodePath)) {
                node = node.literalChild(segment);
            }
        }
        if (needsMore) {
            node.slashPrefixes = append(node.slashPrefixes, candidate);
        } else {
            node.prefixes = append(node.prefixes, candidate);
        }
    }

    /** The first accepted exact or template candidate for a path starting with {@code /}. */
    Candidate findPath(String path, LookupRequest request) {
        return findPath(root, path, 1, request);
    }

    /** The first accepted prefix candidate, longest prefix first, for a path starting with {@code /}. */
    Candidate findPrefix(String path, LookupRequest request) {
        return findPrefix(root, path, 1, request);
    }

    // Depth first: the literal child, then variables with a suffix (longest suffix first), then the bare variable.
    // Backtracks when a deeper branch has no accepted route, so a less specific template can still match.
    private static Candidate findPath(Node node, String path, int start, LookupRequest request) {
        if (start > path.length()) {
            return request.firstAccepted(node.routes);
        }
        int end = PathSegments.end(path, start);
        Node literal = node.literal(path, start, end);
        Candidate found = literal == null ? null : findPath(literal, path, end + 1, request);
        if (found != null || end == start) {
            return found; // variables never match an empty segment
        }
        for (int i = 0; i < node.suffixes.length && found == null; i++) {
            String suffix = node.suffixes[i];
            if (end - start > suffix.length() && path.startsWith(suffix, end - suffix.length())) {
                found = findPath(node.suffixed[i], path, end + 1, request);
            }
        }
        if (found == null && node.variable != null) {
            found = findPath(node.variable, path, end + 1, request);
        }
        return found;
    }

    private static Candidate findPrefix(Node node, String path, int start, LookupRequest request) {
        boolean moreSegments = start <= path.length();
        if (moreSegments) {
            int end = PathSegments.end(path, start);
            Node literal = node.literal(path, start, end);
            Candidate deeper = literal == null ? null : findPrefix(literal, path, end + 1, request);
            if (deeper != null) {
                return deeper;
            }
            Candidate withSlash = request.firstAccepted(node.slashPrefixes);
            if (withSlash != null) {
                return withSlash;
            }
        }
        return request.firstAccepted(node.prefixes);
    }

    private static Candidate[] append(Candidate[] candidates, Candidate candidate) {
        Candidate[] longer = Arrays.copyOf(candidates, candidates.length + 1);
        longer[candidates.length] = candidate;
        return longer;
    }

    private static final class Node {
        private static final Candidate[] NO_CANDIDATES = new Candidate[0];

        private Map<String, Node> literals = Map.of();
        /** Variable children with a literal suffix, parallel to {@link #suffixes}, longest suffix first. */
        private Node[] suffixed = new Node[0];
        private String[] suffixes = new String[0];
        private Node variable;
        /** Exact or template routes ending here. */
        private Candidate[] routes = NO_CANDIDATES;
        private Candidate[] prefixes = NO_CANDIDATES;
        private Candidate[] slashPrefixes = NO_CANDIDATES;

        Node literal(String path, int start, int end) {
            return literals.isEmpty() ? null : literals.get(path.substring(start, end));
        }

        Node literalChild(String segment) {
            if (literals.isEmpty()) {
                literals = new HashMap<>();
            }
            return literals.computeIfAbsent(segment, s -> new Node());
        }

        Node variableChild(String suffix) {
            if (suffix.isEmpty()) {
                if (variable == null) {
                    variable = new Node();
                }
                return variable;
            }
            int existing = Arrays.asList(suffixes).indexOf(suffix);
            if (existing >= 0) {
                return suffixed[existing];
            }
            int at = 0;
            while (at < suffixes.length && suffixes[at].length() >= suffix.length()) {
                at++;
            }
            suffixes = insert(suffixes, at, suffix);
            Node child = new Node();
            suffixed = insert(suffixed, at, child);
            return child;
        }

        private static <T> T[] insert(T[] array, int at, T element) {
            T[] longer = Arrays.copyOf(array, array.length + 1);
            System.arraycopy(array, at, longer, at + 1, array.length - at);
            longer[at] = element;
            return longer;
        }
    }
}
