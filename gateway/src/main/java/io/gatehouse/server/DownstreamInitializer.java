package io.gatehouse.server;

import io.gatehouse.config.ServerConfig;
import io.gatehouse.proxy.DownstreamHandler;
import io.gatehouse.proxy.ProxyServices;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client connection's pipeline, assembled in named steps. */
public final class DownstreamInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(DownstreamInitializer.class);

    private final ProxyServices services;
    private final String listener;
    private final ChannelGroup connections;
    private final ListenerTls tls;
    private final ClientConnections perClient;

    /** @param tls the listener's TLS contexts; null for cleartext */
    public DownstreamInitializer(ProxyServices services, String listener, ChannelGroup connections, ListenerTls tls,
                                 ClientConnections perClient) {
        this.services = services;
        this.listener = listener;
        this.connections = connections;
        this.tls = tls;
        this.perClient = perClient;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        // Settings fixed per connection come from the snapshot current when it was accepted.
        ServerConfig server = services.snapshot().config().server();
        InetAddress client = ch.remoteAddress().getAddress();
        if (!perClient.tryOpen(client, server.maxConnectionsPerClient())) {
            // Closed before any handler sees it: no byte is read, nothing is answered.
            services.metrics().connectionRefusedPerClient();
            LOG.debug("refusing a connection from {}: it holds {} already", client, server.maxConnectionsPerClient());
            ch.close();
            return;
        }
        ch.closeFuture().addListener(closed -> perClient.closed(client));
        connections.add(ch);
        RequestHeadTimer headTimer = new RequestHeadTimer(server.keepAliveIdle().toNanos(),
                server.headerReadTimeout().toNanos());
        if (tls != null) {
            // First, so the timer and the decoder see plaintext; it becomes the SslHandler once SNI is known.
            ch.pipeline().addLast("tls", tls.newHandler());
        }
        ch.pipeline()
                .addLast("head-timer", headTimer)
                .addLast("decoder", new StrictRequestDecoder(server.maxInitialLine(), server.maxHeaderSize()))
                .addLast("encoder", new HttpResponseEncoder())
                .addLast("exchange", new DownstreamHandler(services, headTimer, listener, server.maxPipelined()));
    }
}
