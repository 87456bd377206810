package io.gatehouse.proxy;

/**
 * The syntax of a Host field value (RFC 9110 section 7.2, RFC 3986 section 3.2.2): a registered name, an IPv4
 * address or a bracketed IPv6 address, then optionally {@code :port}. Nothing is resolved.
 */
final class HostField {

    private HostField() {
    }

    static boolean isValid(String value) {
        int end = value.length();
        if (end == 0) {
            return false;
        }
        int hostEnd = value.charAt(0) == '[' ? value.indexOf(']') + 1 : value.indexOf(':');
        if (hostEnd < 0) {
            hostEnd = end;
        }
        if (hostEnd == 0 || !(value.charAt(0) == '[' ? isIpLiteral(value, hostEnd) : isRegName(value, hostEnd))) {
            return false;
        }
        return hostEnd == end || value.charAt(hostEnd) == ':' && isPort(value, hostEnd + 1, end);
    }

    /** {@code [...]} holding hex digits, colons and dots: enough to rule out what does not belong there. */
    private static boolean isIpLiteral(String value, int end) {
        if (end < 4) {
            return false;
        }
        for (int i = 1; i < end - 1; i++) {
            char c = value.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Letters, digits and {@code - . _ ~}; sub-delims and percent-encoding, which no DNS name holds, are refused. */
    private static boolean isRegName(String value, int end) {
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPort(String value, int start, int end) {
        if (end - start < 1 || end - start > 5) {
            return false;
        }
        int port = 0;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + c - '0';
        }
        return port <= 65535;
    }
}
