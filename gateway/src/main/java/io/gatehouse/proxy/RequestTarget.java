package io.gatehouse.proxy;

/**
 * The request target split into path and query (RFC 9112 section 3.2): origin form {@code /p?q}, or absolute form
 * {@code http://host/p?q}, whose authority must equal the Host field ({@link HeadChecks}). Anything else is
 * refused, as is a target holding a control character, a space or a byte outside ASCII, which Netty's decoder
 * lets through.
 *
 * @param authority the authority of an absolute-form target, else null
 * @param query     the raw query without '?', or null
 */
record RequestTarget(String path, String query, String authority) {

    /** Returns null when the target is not in a form a gateway forwards. */
    static RequestTarget parse(String uri) {
        if (uri.isEmpty() || !isVisibleAscii(uri)) {
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

    /** The same target with {@code newPath} in place of the path (normalised, before any rewrite). */
    RequestTarget withNormalizedPath(String newPath) {
        return new RequestTarget(newPath, query, authority);
    }

    /** The target to send upstream for a rewritten path, keeping the query as received. */
    String withPath(String newPath) {
        return query == null ? newPath : newPath + "?" + query;
    }

    private static boolean isVisibleAscii(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHttpScheme(String scheme) {
        return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
    }
}
