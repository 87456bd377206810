package io.gatehouse.proxy;

import io.gatehouse.internal.Cidr;
import io.netty.util.NetUtil;
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

    /**
     * The original client of a request that arrived from {@code peer}: the peer itself unless it is a trusted proxy;
     * otherwise the right-most address of {@code X-Forwarded-For} that is not a trusted proxy (entries left of it
     * could have been written by anyone), or the left-most when every entry is trusted.
     */
    public String originalClient(InetAddress peer, String peerIp, String forwardedFor) {
        if (forwardedFor == null || !contains(peer)) {
            return peerIp;
        }
        String[] hops = forwardedFor.split(",");
        String client = peerIp;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(hop);
            if (bytes == null) {
                // Not an address (a name, "unknown"): the chain cannot be followed past it.
                return client;
            }
            client = hop;
            if (!containsBytes(bytes)) {
                return hop;
            }
        }
        return client;
    }

    public boolean contains(InetAddress address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        return containsBytes(address.getAddress());
    }

    private boolean containsBytes(byte[] bytes) {
        for (Cidr range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }
}
