package io.gatehouse.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Reads the URL of a service the gateway calls (a key set, an introspection endpoint, an authorization service). */
final class HttpUrls {

    private HttpUrls() {
    }

    /** A required absolute {@code http://} or {@code https://} URL with a host; null after reporting a problem. */
    static URI read(ConfigNode node) {
        return node.require() ? node.parsed(HttpUrls::parse, null) : null;
    }

    private static URI parse(String text) {
        URI uri = null;
        try {
            uri = new URI(text);
        } catch (URISyntaxException notAUri) {
            // reported below
        }
        boolean valid = uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
        if (!valid) {
            throw new IllegalArgumentException("expected an http:// or https:// URL with a host, no user info and "
                    + "no fragment, like https://auth.example.com/path, got \"" + (uri != null
                    && uri.getRawUserInfo() != null ? text.replace(uri.getRawUserInfo(), "***") : text) + "\"");
        }
        return uri;
    }
}
