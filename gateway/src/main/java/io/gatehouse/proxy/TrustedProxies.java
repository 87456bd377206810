package io.gatehouse.proxy;

import io.gatehouse.internal.Cidr;
import java.net.InetAddress;
import java.util.List;

/** The CIDR ranges whose forwarding headers (X-Forwarded-*, Forwarded) the gateway believes. */
public final class TrustedProxies {

    private final List<Cidr> ranges;

    private TrustedProxies(List<Cidr> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses CIDRs such as {@code 10.0.0.0/8} or {@code ::1/128} (the config validated them already). */
    public static TrustedProxies parse(List<String> cidrs) {
        return new TrustedProxies(cidrs.stream().map(Cidr::parse).toList());
    }

    public boolean contains(InetAddress address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Cidr range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }
}
