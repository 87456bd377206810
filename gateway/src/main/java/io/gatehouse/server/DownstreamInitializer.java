package io.gatehouse.server;

import io.gatehouse.config.ServerConfig;
import io.gatehouse.proxy.DownstreamHandler;
import io.gatehouse.proxy.ProxyServices;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseEncoder;

/** The client connection's pipeline, assembled in named steps. */
public final class DownstreamInitializer extends ChannelInitializer<SocketChannel> {

    private final ProxyServices services;
    private final String listener;
    private final ChannelGroup connections;

    public DownstreamInitializer(ProxyServices services, String listener, ChannelGroup connections) {
        this.services = services;
        this.listener = listener;
        this.connections = connections;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        connections.add(ch);
        // Settings fixed per connection come from the snapshot current when it was accepted.
        ServerConfig server = services.snapshot().config().server();
        RequestHeadTimer headTimer = new RequestHeadTimer(server.keepAliveIdle().toNanos(),
                server.headerReadTimeout().toNanos());
        ch.pipeline()
                .addLast("head-timer", headTimer)
                .addLast("decoder", new StrictRequestDecoder(server.maxInitialLine(), server.maxHeaderSize()))
                .addLast("encoder", new HttpResponseEncoder())
                .addLast("exchange", new DownstreamHandler(services, headTimer, listener, server.maxPipelined()));
    }
}
