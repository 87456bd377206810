package io.gatehouse.internal;

import io.netty.util.NetUtil;
import java.util.regex.Pattern;

/** An address range such as {@code 10.0.0.0/8} or {@code ::1/128}; parsing never resolves a name. */
public final class Cidr {

    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code address/prefix}; anything else is an {@link IllegalArgumentException} saying what was expected. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? "" : text.substring(0, slash);
        String bits = slash < 0 ? "" : text.substring(slash + 1);
        // Brackets and zones have no place in a range; NetUtil would accept them.
        byte[] network = address.indexOf('[') < 0 && address.indexOf('%') < 0
                ? NetUtil.createByteArrayFromIpAddressString(address) : null;
        if (network == null || !PREFIX.matcher(bits).matches() || Integer.parseInt(bits) > network.length * 8) {
            throw new IllegalArgumentException("expected a CIDR like 10.0.0.0/8, 127.0.0.1/32 or ::1/128, got \""
                    + text + "\"");
        }
        return new Cidr(network, Integer.parseInt(bits));
    }

    /** Whether {@code address} (4 or 16 bytes) lies in the range; an IPv4 address never matches an IPv6 range. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        return rest == 0 || ((address[full] ^ network[full]) & (0xff << (8 - rest))) == 0;
    }
}
