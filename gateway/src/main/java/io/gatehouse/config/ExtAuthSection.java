package io.gatehouse.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the settings of the {@code ext-auth} method of an {@code auth} filter. */
final class ExtAuthSection {

    static final String METHOD = "ext-auth";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    static final List<String> DEFAULT_FORWARD_HEADERS = List.of("Authorization", "Cookie");
    static final String DEFAULT_CONSUMER_HEADER = "X-Consumer";
    /** Headers the gateway's HTTP client sets itself and refuses to take from the caller. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private ExtAuthSection() {
    }

    /** Null after reporting a problem. */
    static ExtAuthConfig parse(ConfigNode node) {
        int before = node.errors().messages().size();
        if (!node.requireMap("url", "forward-headers", "upstream-headers", "timeout", "on-failure",
                "consumer-header")) {
            return null;
        }
        var url = HttpUrls.read(node.get("url"));
        ConfigNode forwardNode = node.get("forward-headers");
        List<String> forward = forwardNode.isPresent() ? headerNames(forwardNode, true) : DEFAULT_FORWARD_HEADERS;
        List<String> upstream = headerNames(node.get("upstream-headers"), false);
        Duration timeout = node.get("timeout").positiveDuration(DEFAULT_TIMEOUT);
        Boolean allow = node.get("on-failure").parsed(text -> switch (text) {
            case "deny" -> false;
            case "allow" -> true;
            default -> throw new IllegalArgumentException("expected deny or allow, got \"" + text + "\"");
        }, false);
        ConfigNode consumerNode = node.get("consumer-header");
        String consumerHeader = consumerNode.isPresent() ? headerNames(consumerNode, false).stream().findFirst()
                .orElse(null) : DEFAULT_CONSUMER_HEADER;
        return node.errors().messages().size() == before
                ? new ExtAuthConfig(url, forward, upstream, timeout, allow, consumerHeader)
                : null;
    }

    /** One name or a list of distinct header names; {@code sent}: names the gateway may set on its own request. */
    private static List<String> headerNames(ConfigNode node, boolean sent) {
        List<String> names = new ArrayList<>();
        Uniqueness distinct = new Uniqueness("header");
        for (ConfigNode item : node.oneOrMany()) {
            String name = item.requiredString();
            if (name == null) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HttpSyntax.isToken(name)) {
                item.error("expected a header name, got \"" + name + "\"");
            } else if (sent && RESTRICTED.contains(lower)) {
                item.error("header " + name + " cannot be forwarded: the gateway sets it itself (not allowed: "
                        + String.join(", ", RESTRICTED.stream().sorted().toList()) + ")");
            } else {
                distinct.check(item, lower, "\"" + name + "\"");
                names.add(name);
            }
        }
        return names;
    }
}
