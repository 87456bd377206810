package io.gatehouse.proxy;

/**
 * The request target split into path and query (RFC 9112 section 3.2): origin form {@code /p?q}, or absolute form
 * {@code http://host/p?q}, whose authority replaces the Host field. Anything else is refused.
 *
 * @param authority the authority of an absolute-form target, else null
 * @param query     the raw query without '?', or null
 */
record RequestTarget(String path, String query, String authority) {

    /** Returns null when the target is not in a form a gateway forwards. */
    static RequestTarget parse(String uri) {
        if (uri.isEmpty()) {
            return null;
        }
        String authority = null;
        String rest = uri;
        if (uri.charAt(0) != '/') {
            int scheme = uri.indexOf("://");
            if (scheme < 0 || !isHttpScheme(uri.substring(0, scheme))) {
                return null;
            }
            int pathStart = uri.indexOf('/', scheme + 3);
            int queryStart = uri.indexOf('?', scheme + 3);
            int end = pathStart < 0 ? (queryStart < 0 ? uri.length() : queryStart) : pathStart;
            if (queryStart >= 0 && queryStart < end) {
                end = queryStart;
            }
            authority = uri.substring(scheme + 3, end);
            if (authority.isEmpty() || authority.indexOf('@') >= 0) {
                return null;
            }
            rest = end == uri.length() ? "/" : uri.charAt(end) == '?' ? "/" + uri.substring(end) : uri.substring(end);
        }
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            return null;
        }
        int q = rest.indexOf('?');
        return q < 0 ? new RequestTarget(rest, null, authority)
                : new RequestTarget(rest.substring(0, q), rest.substring(q + 1), authority);
    }

    /** The target to send upstream for a rewritten path, keeping the query as received. */
    String withPath(String newPath) {
        return query == null ? newPath : newPath + "?" + query;
    }

    private static boolean isHttpScheme(String scheme) {
        return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
    }
}
