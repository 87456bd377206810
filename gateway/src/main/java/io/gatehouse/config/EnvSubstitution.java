package io.gatehouse.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in the string values of a parsed config tree, never in keys or
 * in the raw text, so a variable's value cannot change the document's structure. {@code $${} stands for a literal
 * {@code ${}. As in the shell, {@code :-} also applies when the variable is set but empty.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> env;

    EnvSubstitution(Function<String, String> env) {
        this.env = env;
    }

    /**
     * Expands every string value of {@code root} in place. A value that cannot be expanded is reported and left as
     * written; the paths of those values are returned so that nothing else is reported about them.
     */
    Set<String> applyTo(JsonNode root, ConfigErrors errors) {
        return applyTo(root, errors, new HashSet<>());
    }

    /**
     * Like {@link #applyTo(JsonNode, ConfigErrors)}, also adding to {@code fromEnvironment} the path of every value
     * that took a variable's value from the environment (not its default): secrets must come from there, not from
     * the file.
     */
    Set<String> applyTo(JsonNode root, ConfigErrors errors, Set<String> fromEnvironment) {
        Set<String> failed = new HashSet<>();
        expandTree(root, "", errors, failed, fromEnvironment);
        return failed;
    }

    private JsonNode expandTree(JsonNode node, String path, ConfigErrors errors, Set<String> failed,
                                Set<String> fromEnvironment) {
        if (node.isTextual()) {
            try {
                boolean[] looked = new boolean[1];
                TextNode expanded = TextNode.valueOf(expand(node.textValue(), looked));
                if (looked[0]) {
                    fromEnvironment.add(path);
                }
                return expanded;
            } catch (IllegalArgumentException e) {
                errors.add(path, e.getMessage());
                failed.add(path);
                return node;
            }
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(expandTree(field.getValue(), ConfigNode.childPath(path, field.getKey()), errors, failed,
                        fromEnvironment));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, expandTree(array.get(i), ConfigNode.itemPath(path, i), errors, failed,
                        fromEnvironment));
            }
        }
        return node;
    }

    /** Expands one string; the exception's message names the variable that could not be expanded. */
    String expand(String text) {
        return expand(text, new boolean[1]);
    }

    /** @param fromEnvironment set to true when a variable's value (not a default) was used */
    private String expand(String text, boolean[] fromEnvironment) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed \"${\" in \"" + text + "\" (write $${ for a literal ${)");
                }
                out.append(lookUp(text.substring(i + 2, end), fromEnvironment));
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private String lookUp(String expression, boolean[] fromEnvironment) {
        int separator = expression.indexOf(":-");
        String name = separator < 0 ? expression : expression.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid variable name \"" + name + "\" in \"${" + expression + "}\"");
        }
        String value = env.apply(name);
        if (value != null && !value.isEmpty()) {
            fromEnvironment[0] = true;
        }
        if (separator < 0) {
            if (value == null) {
                throw new IllegalArgumentException("environment variable \"" + name + "\" is not set (write ${"
                        + name + ":-default} to give a default)");
            }
            return value;
        }
        return value == null || value.isEmpty() ? expression.substring(separator + 2) : value;
    }
}
