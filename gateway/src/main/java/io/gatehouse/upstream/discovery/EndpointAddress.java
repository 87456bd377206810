package io.gatehouse.upstream.discovery;

import io.gatehouse.config.EndpointConfig;
import io.netty.util.NetUtil;
import java.util.regex.Pattern;

/**
 * Reads the {@code address} of a file-listed endpoint: {@code name:port}, {@code 10.0.0.1:port} or
 * {@code [::1]:port}. Only the form is checked here; whether a name exists is for the resolver to say.
 */
final class EndpointAddress {

    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private EndpointAddress() {
    }

    /** @throws IllegalArgumentException saying what was expected and the text given */
    static EndpointConfig parse(String text, int weight) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw invalid("", text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (host.indexOf('%') >= 0 || !NetUtil.isValidIpV6Address(host)) {
                throw invalid(" with a valid IPv6 address in brackets", text);
            }
        } else if (host.indexOf(':') >= 0) {
            throw invalid(" with an IPv6 host in brackets like \"[::1]:9001\"", text);
        } else if (host.isBlank() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
            throw invalid(" with a host name or IP address", text);
        }
        String port = text.substring(colon + 1);
        if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw invalid(" with a port from 1 to 65535", text);
        }
        return new EndpointConfig(host, Integer.parseInt(port), weight);
    }

    private static IllegalArgumentException invalid(String detail, String text) {
        return new IllegalArgumentException("expected \"host:port\"" + detail + ", got \"" + text + "\"");
    }
}
