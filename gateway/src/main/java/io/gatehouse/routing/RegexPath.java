package io.gatehouse.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A regex route's path condition: a full match of the raw path; named groups become the route's variables. */
final class RegexPath {

    // Java 17 has no Pattern.namedGroups(); a name follows "(?<" (lookbehinds continue with '=' or '!').
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final Pattern pattern;
    private final String[] groupNames;

    RegexPath(String regex) {
        this.pattern = Pattern.compile(regex);
        List<String> names = new ArrayList<>();
        Matcher groups = GROUP_NAME.matcher(regex);
        while (groups.find()) {
            names.add(groups.group(1));
        }
        this.groupNames = names.toArray(String[]::new);
    }

    String[] groupNames() {
        return groupNames;
    }

    /** The named groups of a full match of {@code path}, or null if the path does not match. */
    PathVariables match(String path) {
        Matcher matcher = pattern.matcher(path);
        if (!matcher.matches()) {
            return null;
        }
        if (groupNames.length == 0) {
            return PathVariables.NONE;
        }
        int[] bounds = new int[groupNames.length * 2];
        for (int i = 0; i < groupNames.length; i++) {
            bounds[2 * i] = matcher.start(groupNames[i]);
            bounds[2 * i + 1] = matcher.end(groupNames[i]);
        }
        return new PathVariables(path, groupNames, bounds);
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
