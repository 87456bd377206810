package io.gatehouse.config;

import io.gatehouse.internal.Cidr;
import io.netty.util.NetUtil;
import java.util.regex.Pattern;

/**
 * Syntax checks for host names, IP literals, {@code host:port} and CIDRs. Nothing here resolves a name: loading a
 * config never waits on DNS.
 */
final class Addresses {

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,5}");

    /** A parsed {@code host:port}; an IPv6 host is kept without its brackets. */
    record HostPort(String host, int port) {
    }

    private Addresses() {
    }

    static boolean isIpv4(String text) {
        return NetUtil.isValidIpV4Address(text);
    }

    /** A bare IPv6 literal: no brackets and no zone, which have no place in a config. */
    static boolean isIpv6(String text) {
        return text.indexOf('[') < 0 && text.indexOf('%') < 0 && NetUtil.isValidIpV6Address(text);
    }

    static boolean isIpLiteral(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    /** An RFC 1123 name; an all-numeric last label is rejected so that {@code 999.1.1.1} is not taken for a name. */
    static boolean isHostName(String text) {
        return HOST_NAME.matcher(text).matches() && !text.substring(text.lastIndexOf('.') + 1).chars()
                .allMatch(Character::isDigit);
    }

    /** An address to bind: an IP literal. */
    static String bindAddress(String text) {
        if (!isIpLiteral(text)) {
            throw new IllegalArgumentException("expected an IP address like 0.0.0.0, 127.0.0.1 or ::, got \"" + text + "\"");
        }
        return text;
    }

    /** Whether an IP literal is a loopback address (127.0.0.0/8 or ::1). */
    static boolean isLoopback(String ipLiteral) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ipLiteral);
        try {
            return bytes != null && java.net.InetAddress.getByAddress(bytes).isLoopbackAddress();
        } catch (java.net.UnknownHostException impossibleForALiteral) {
            return false;
        }
    }

    /** {@code name:port}, {@code 10.0.0.1:port} or {@code [::1]:port}, with a port from 1 to 65535. */
    static HostPort hostPort(String text) {
        String expected = "expected \"host:port\"";
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(expected + ", got \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (!isIpv6(host)) {
                throw new IllegalArgumentException(expected + " with a valid IPv6 address in brackets, got \"" + text + "\"");
            }
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException(expected + " with an IPv6 host in brackets like \"[::1]:9001\", got \""
                    + text + "\"");
        } else if (!isIpv4(host) && !isHostName(host)) {
            throw new IllegalArgumentException(expected + " with a host name or IP address, got \"" + text + "\"");
        }
        String port = text.substring(colon + 1);
        if (!DIGITS.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(expected + " with a port from 1 to 65535, got \"" + text + "\"");
        }
        return new HostPort(host, Integer.parseInt(port));
    }

    /** A Host header value: a host name, IPv4 address or bracketed IPv6 address, optionally with {@code :port}. */
    static String hostHeader(String text) {
        boolean bracketedIpv6 = text.startsWith("[") && text.endsWith("]") && isIpv6(text.substring(1, text.length() - 1));
        boolean valid = bracketedIpv6 || isIpv4(text) || isHostName(text);
        if (!valid && text.indexOf(':') < 0) {
            throw new IllegalArgumentException("expected a host name, optionally with \":port\", got \"" + text + "\"");
        }
        if (!valid) {
            hostPort(text);
        }
        return text;
    }

    /** {@code 10.0.0.0/8}, {@code 127.0.0.1/32} or {@code ::1/128}; the same parser the gateway uses at run time. */
    static String cidr(String text) {
        Cidr.parse(text);
        return text;
    }
}
