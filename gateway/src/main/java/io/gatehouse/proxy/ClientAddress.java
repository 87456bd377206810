package io.gatehouse.proxy;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * The client connection's peer, with the strings every exchange on it needs, computed once per connection.
 *
 * @param ip        the address as text, as logged and appended to X-Forwarded-For
 * @param forwarded the RFC 7239 node for {@code Forwarded: for=...} (IPv6 quoted and bracketed)
 */
record ClientAddress(InetSocketAddress peer, String ip, String forwarded) {

    static ClientAddress of(InetSocketAddress peer) {
        String ip = peer.getAddress().getHostAddress();
        return new ClientAddress(peer, ip, peer.getAddress() instanceof Inet6Address ? "\"[" + ip + "]\"" : ip);
    }
}
