package io.gatehouse.routing;

import io.gatehouse.config.RouteConfig;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the route for a request head. Immutable; compiled once per config snapshot and shared by all event loops.
 *
 * <h2>Precedence</h2>
 * Candidates are tried in this order, and the first whose host, method, header, query and listener conditions all
 * hold wins:
 * <ol>
 *   <li>by path kind: exact path, then template, then prefix (longest prefix first), then regex;</li>
 *   <li>among templates, the more specific first: at the first segment where two differ, a literal beats a
 *       variable with a suffix ({@code {name}:predict}; longer suffix first), which beats a bare variable;</li>
 *   <li>then routes with a host condition before those without, exact host before wildcard;</li>
 *   <li>then higher {@code priority};</li>
 *   <li>then config order.</li>
 * </ol>
 * A route with both exact and wildcard hosts ranks as exact for requests to its exact names and as wildcard
 * otherwise. If nothing matches but some route matched in everything except the method, the answer is
 * {@link RouteLookup.MethodNotAllowed} with the methods those routes allow.
 *
 * <h2>Matching</h2>
 * Exact and template routes live in a path trie; prefix routes hang on its nodes and are found by walking the
 * request's segments; regex routes (a full match) are a short list tried last. The router matches the path it is
 * given as it is (no decoding, nothing rejected): the proxy hands it the path already normalised
 * ({@code proxy.PathNormalizer}); a path not starting with {@code /} (such as {@code *}) can only match a
 * regex route. Prefixes are segment-aware: {@code /api} matches {@code /api}, {@code /api/} and {@code /api/x} but
 * not {@code /apix}; {@code /api/} matches {@code /api/} and {@code /api/x} but not {@code /api}; {@code /} matches
 * every path.
 */
public final class Router {

    private final PathTrie trie;
    private final Candidate[] regexCandidates;
    private final List<CompiledRoute> ordered;

    private Router(PathTrie trie, Candidate[] regexCandidates, List<CompiledRoute> ordered) {
        this.trie = trie;
        this.regexCandidates = regexCandidates;
        this.ordered = ordered;
    }

    /**
     * @param routes validated routes; each route's {@link CompiledRoute#index()} is its position here
     * @throws IllegalArgumentException if a rewrite template uses a variable its route does not capture
     */
    public static Router compile(List<RouteConfig> routes) {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            CompiledRoute route = CompiledRoute.compile(i, routes.get(i));
            for (HostCondition host : HostCondition.of(route.config().match().hosts())) {
                candidates.add(new Candidate(route, host));
            }
        }
        // Sorted once here, so every trie node and the regex list receive their candidates in precedence order.
        candidates.sort(Candidate.PRECEDENCE);

        PathTrie trie = new PathTrie();
        List<Candidate> regexCandidates = new ArrayList<>();
        Set<CompiledRoute> ordered = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            CompiledRoute route = candidate.route();
            switch (route.kind()) {
                case EXACT, TEMPLATE -> trie.addPath(route.template(), candidate);
                case PREFIX -> trie.addPrefix(route.prefix(), candidate);
                case REGEX -> regexCandidates.add(candidate);
            }
            ordered.add(route);
        }
        return new Router(trie, regexCandidates.toArray(Candidate[]::new), List.copyOf(ordered));
    }

    /**
     * @param listener the name of the listener the request arrived on
     * @param host     the Host header (or authority), possibly with a port; null if absent
     * @param method   the upper-case request method
     * @param path     the raw path, without the query string
     * @param query    the query string, read only if a tried route has query conditions
     * @param headers  the request headers
     */
    public RouteLookup find(String listener, String host, String method, String path, QueryParams query,
                            HttpHeaders headers) {
        LookupRequest request = new LookupRequest(listener, host, method, query, headers);
        if (!path.isEmpty() && path.charAt(0) == '/') {
            Candidate byPath = trie.findPath(path, request);
            if (byPath != null) {
                CompiledRoute route = byPath.route();
                return new RouteLookup.Matched(route, route.template().capture(path), "");
            }
            Candidate byPrefix = trie.findPrefix(path, request);
            if (byPrefix != null) {
                CompiledRoute route = byPrefix.route();
                return new RouteLookup.Matched(route, PathVariables.NONE, route.prefix());
            }
        }
        for (Candidate candidate : regexCandidates) {
            PathVariables vars = candidate.route().regex().match(path);
            if (vars != null && request.accepts(candidate)) {
                return new RouteLookup.Matched(candidate.route(), vars, "");
            }
        }
        return request.noMatch();
    }

    /** Every route once, in precedence order (a route ranks by its best candidate). */
    public List<CompiledRoute> ordered() {
        return ordered;
    }
}
