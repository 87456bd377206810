package io.gatehouse.routing;

import io.gatehouse.config.RewriteConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a received path into the one sent upstream, compiled once per route. Steps, each optional: the path
 * template (filled from the match's variables) or prefix stripping, then the regex replacement on the result.
 */
final class PathRewriter {

    static final PathRewriter NONE = new PathRewriter(null, null, false, null, null);

    /** Literal text around the template's variables: one more entry than {@link #templateVariables}. */
    private final String[] templateLiterals;
    /** Index into the route's variables of each template variable, in template order. */
    private final int[] templateVariables;
    private final boolean stripPrefix;
    private final Pattern regex;
    private final String replacement;

    private PathRewriter(String[] templateLiterals, int[] templateVariables, boolean stripPrefix, Pattern regex,
                         String replacement) {
        this.templateLiterals = templateLiterals;
        this.templateVariables = templateVariables;
        this.stripPrefix = stripPrefix;
        this.regex = regex;
        this.replacement = replacement;
    }

    /**
     * @param variableNames the variables the route captures, which the template may use
     * @throws IllegalArgumentException if the template names a variable the route does not capture
     */
    static PathRewriter compile(RewriteConfig rewrite, String[] variableNames, String routeName) {
        if (rewrite == null || rewrite.path() == null && !rewrite.stripPrefix() && rewrite.regex() == null) {
            return NONE;
        }
        String[] literals = null;
        int[] variables = null;
        if (rewrite.path() != null) {
            List<String> literalParts = new ArrayList<>();
            List<Integer> variableParts = new ArrayList<>();
            String template = rewrite.path();
            int from = 0;
            for (int open = template.indexOf('{'); open >= 0; open = template.indexOf('{', from)) {
                int close = template.indexOf('}', open);
                String name = template.substring(open + 1, close);
                int index = Arrays.asList(variableNames).indexOf(name);
                if (index < 0) {
                    throw new IllegalArgumentException("route '" + routeName + "': rewrite path " + template
                            + " uses {" + name + "}, expected one of " + Arrays.toString(variableNames));
                }
                literalParts.add(template.substring(from, open));
                variableParts.add(index);
                from = close + 1;
            }
            literalParts.add(template.substring(from));
            literals = literalParts.toArray(String[]::new);
            variables = variableParts.stream().mapToInt(Integer::intValue).toArray();
        }
        return new PathRewriter(literals, variables, rewrite.stripPrefix(), rewrite.regex(), rewrite.replacement());
    }

    String rewrite(String path, RouteLookup.Matched match) {
        String result = path;
        if (templateLiterals != null) {
            result = fillTemplate(match.vars());
        } else if (stripPrefix) {
            result = stripPrefix(path, match.matchedPrefix());
        }
        return regex == null ? result : regex.matcher(result).replaceAll(replacement);
    }

    private String fillTemplate(PathVariables vars) {
        StringBuilder path = new StringBuilder(templateLiterals[0]);
        for (int i = 0; i < templateVariables.length; i++) {
            String value = vars.value(templateVariables[i]);
            path.append(value == null ? "" : value).append(templateLiterals[i + 1]);
        }
        return path.toString();
    }

    /** Removes the prefix, keeping the result a path: never empty, always starting with {@code /}. */
    private static String stripPrefix(String path, String prefix) {
        String rest = path.substring(prefix.length());
        if (rest.isEmpty()) {
            return "/";
        }
        return rest.charAt(0) == '/' ? rest : "/" + rest;
    }
}
