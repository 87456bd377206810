package io.gatehouse.proxy;

import io.gatehouse.internal.Deadline;
import io.netty.channel.ChannelHandlerContext;

/** What an exchange needs from the client connection it serves. */
interface DownstreamConnection {

    ChannelHandlerContext ctx();

    /** The dense index of the connection's event loop (pools and balancer cursors are per loop). */
    int loopIndex();

    ProxyServices services();

    /** The peer of the connection. */
    ClientAddress client();

    /** The idle timeout of the request body, reused by every exchange of the connection. */
    Deadline bodyDeadline();

    /** The upstream response and idle timeouts, reused by every exchange of the connection. */
    Deadline upstreamDeadline();

    /** Reads more from the client if the connection's state allows it. */
    void updateReading();

    /** The exchange is over and its response fully written (or being flushed); {@code keepAlive} false closes. */
    void exchangeEnded(boolean keepAlive);
}
