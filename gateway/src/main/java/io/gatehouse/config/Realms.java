package io.gatehouse.config;

/** Reads the realm of a {@code WWW-Authenticate} challenge, which is written as a quoted string. */
final class Realms {

    private Realms() {
    }

    static String read(ConfigNode node, String fallback) {
        String realm = node.isPresent() ? node.requiredString() : fallback;
        if (realm != null && (realm.contains("\"") || realm.contains("\\") || !HttpSyntax.isHeaderValue(realm))) {
            node.error("expected a realm without quotes, backslashes or line breaks, got \"" + realm + "\"");
            return fallback;
        }
        return realm;
    }
}
