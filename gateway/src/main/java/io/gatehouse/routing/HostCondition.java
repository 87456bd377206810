package io.gatehouse.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * One kind of host condition of a route: exact names, or {@code *.example.com} wildcards (which match any name ending
 * in {@code .example.com}, not {@code example.com} itself), or any host. A route listing both exact and wildcard
 * names gets one condition of each kind, so each ranks by its own kind.
 */
final class HostCondition {

    static final int EXACT = 0;
    static final int WILDCARD = 1;
    static final int ANY = 2;

    private static final HostCondition ANY_HOST = new HostCondition(ANY, new String[0]);

    private final int rank;
    /** Exact names, or for wildcards the suffix including its dot ({@code .example.com}). */
    private final String[] names;

    private HostCondition(int rank, String[] names) {
        this.rank = rank;
        this.names = names;
    }

    static List<HostCondition> of(List<String> hosts) {
        if (hosts.isEmpty()) {
            return List.of(ANY_HOST);
        }
        List<String> exact = new ArrayList<>();
        List<String> wildcardSuffixes = new ArrayList<>();
        for (String host : hosts) {
            if (host.startsWith("*.")) {
                wildcardSuffixes.add(host.substring(1));
            } else {
                exact.add(host);
            }
        }
        List<HostCondition> conditions = new ArrayList<>(2);
        if (!exact.isEmpty()) {
            conditions.add(new HostCondition(EXACT, exact.toArray(String[]::new)));
        }
        if (!wildcardSuffixes.isEmpty()) {
            conditions.add(new HostCondition(WILDCARD, wildcardSuffixes.toArray(String[]::new)));
        }
        return conditions;
    }

    /** Lower ranks are tried first: exact, then wildcard, then any host. */
    int rank() {
        return rank;
    }

    /**
     * @param host    the Host header as received, possibly with a port and in any case; may be null
     * @param hostEnd where the name ends in {@code host} (before the port)
     */
    boolean matches(String host, int hostEnd) {
        if (rank == ANY) {
            return true;
        }
        for (String name : names) {
            int length = name.length();
            boolean matched = rank == EXACT
                    ? hostEnd == length && host.regionMatches(true, 0, name, 0, length)
                    : hostEnd > length && host.regionMatches(true, hostEnd - length, name, 0, length);
            if (matched) {
                return true;
            }
        }
        return false;
    }

    /** The length of the name part of a Host header value: without {@code :port}, keeping IPv6 brackets. */
    static int nameEnd(String host) {
        if (host == null) {
            return 0;
        }
        int colon = host.lastIndexOf(':');
        boolean portAfterName = colon >= 0 && host.indexOf(']', colon) < 0;
        return portAfterName ? colon : host.length();
    }
}
