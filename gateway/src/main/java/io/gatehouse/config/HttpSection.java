package io.gatehouse.config;

import java.util.Locale;

/** Reads {@code server.http}: request strictness and path normalisation. */
final class HttpSection {

    static final PathConfig PATH_DEFAULTS = new PathConfig(true, PathConfig.PathParameters.REJECT,
            PathConfig.EncodedSlashes.REJECT);
    static final HttpConfig DEFAULTS = new HttpConfig(100, false, PATH_DEFAULTS);

    private HttpSection() {
    }

    static HttpConfig http(ConfigNode node) {
        node.expectMap("max-headers", "allow-trace", "path");
        return new HttpConfig(
                node.get("max-headers").integer(DEFAULTS.maxHeaders(), 1, 10_000),
                node.get("allow-trace").bool(DEFAULTS.allowTrace()),
                path(node.get("path")));
    }

    private static PathConfig path(ConfigNode node) {
        node.expectMap("merge-slashes", "path-parameters", "encoded-slashes");
        return new PathConfig(
                node.get("merge-slashes").bool(PATH_DEFAULTS.mergeSlashes()),
                choice(node.get("path-parameters"), PathConfig.PathParameters.class, PATH_DEFAULTS.pathParameters()),
                choice(node.get("encoded-slashes"), PathConfig.EncodedSlashes.class, PATH_DEFAULTS.encodedSlashes()));
    }

    private static <E extends Enum<E>> E choice(ConfigNode node, Class<E> type, E fallback) {
        return node.parsed(text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return constant;
                }
            }
            StringBuilder known = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                known.append(known.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("expected one of " + known + ", got \"" + text + "\"");
        }, fallback);
    }
}
