package io.gatehouse.config;

import java.util.regex.Pattern;

/**
 * How the forwarded request differs from the received one. All fields are optional (null or false).
 *
 * @param path         a template such as {@code /v1/users/{id}} filled from the match's captured variables
 * @param stripPrefix  remove the route's matched prefix from the path
 * @param regex        replace within the path; {@code $1} style groups in the replacement
 * @param replacement  used with regex
 * @param host         the Host header sent upstream; null passes the client's through
 */
public record RewriteConfig(String path, boolean stripPrefix, Pattern regex, String replacement, String host) {

    public static final RewriteConfig NONE = new RewriteConfig(null, false, null, null, null);
}
