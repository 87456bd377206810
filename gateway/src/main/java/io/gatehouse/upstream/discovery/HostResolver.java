package io.gatehouse.upstream.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to all its addresses; blocking, so only ever called off the event loops. */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
