package io.gatehouse.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads a route's {@code rewrite} and checks it against the route's match. */
final class RewriteSection {

    private RewriteSection() {
    }

    /** @param match the route's match, or null when it was invalid (then nothing is checked against it) */
    static RewriteConfig rewrite(ConfigNode node, MatchConfig match) {
        if (!node.expectMap("path", "strip-prefix", "regex", "replacement", "host")) {
            return RewriteConfig.NONE;
        }
        ConfigNode pathNode = node.get("path");
        ConfigNode stripPrefixNode = node.get("strip-prefix");
        ConfigNode regexNode = node.get("regex");
        ConfigNode replacementNode = node.get("replacement");

        PathTemplate path = pathNode.parsed(PathTemplate::parse, null);
        if (path != null && match != null) {
            capturedBy(match).ifPresent(captured -> checkCaptured(pathNode, path, captured));
        }
        boolean stripPrefix = stripPrefixNode.bool(false);
        if (stripPrefix && match != null && match.prefix() == null) {
            stripPrefixNode.error("only allowed when the route matches by prefix");
        }
        if (pathNode.isPresent() && regexNode.isPresent()) {
            node.error("path and regex are exclusive");
        }
        if (regexNode.isPresent() && !replacementNode.isPresent()) {
            replacementNode.error("required with regex");
        }
        if (replacementNode.isPresent() && !regexNode.isPresent()) {
            regexNode.error("required with replacement");
        }
        Pattern regex = regexNode.regex();
        return new RewriteConfig(path == null ? null : path.text(), stripPrefix, regex,
                replacementNode.string(null), node.get("host").parsed(Addresses::hostHeader, null));
    }

    /** The variables the match captures; empty when its path is invalid and was reported already. */
    private static Optional<List<String>> capturedBy(MatchConfig match) {
        if (match.path() == null) {
            return Optional.of(List.of());
        }
        try {
            return Optional.of(PathTemplate.parse(match.path()).variables());
        } catch (IllegalArgumentException reportedAtMatchPath) {
            return Optional.empty();
        }
    }

    private static void checkCaptured(ConfigNode node, PathTemplate path, List<String> captured) {
        for (String variable : path.variables()) {
            if (!captured.contains(variable)) {
                node.error("variable \"" + variable + "\" is not captured by match.path (captured: "
                        + (captured.isEmpty() ? "none" : String.join(", ", captured)) + ")");
            }
        }
    }
}
