package io.gatehouse.config;

/** Reads where a bearer token is found: {@code header}, {@code cookie}, {@code query}, and {@code keep-token}. */
final class TokenSourceSection {

    static final String[] KEYS = {"header", "cookie", "query", "keep-token"};

    private TokenSourceSection() {
    }

    /** Reads the keys from {@code settings}, a map whose keys the caller has checked. */
    static TokenSource read(ConfigNode settings) {
        String header = name(settings.get("header"), "header");
        return new TokenSource(header == null ? TokenSource.DEFAULT_HEADER : header,
                name(settings.get("cookie"), "cookie"), settings.get("query").string(null),
                settings.get("keep-token").bool(false));
    }

    private static String name(ConfigNode node, String what) {
        String name = node.string(null);
        if (name != null && !HttpSyntax.isToken(name)) {
            node.error("expected a " + what + " name (an RFC 9110 token), got \"" + name + "\"");
            return null;
        }
        return name;
    }
}
