package io.gatehouse.admin;

import io.gatehouse.config.AdminConfig;
import io.gatehouse.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin listener, on its own single thread so a busy data plane cannot starve health checks. */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_BODY = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * @throws IllegalStateException when the address is not loopback and no token is set (the config loader
     *                               refuses that config already; this guards any other way of building one)
     */
    public static AdminServer start(Transport transport, AdminConfig config, AdminOperations operations)
            throws InterruptedException {
        AdminAccess access = AdminAccess.of(config);
        if (!access.tokenRequired()) {
            if (!NetUtil.createInetAddressFromIpAddressString(config.address()).isLoopbackAddress()) {
                throw new IllegalStateException("the admin listener on " + config.address()
                        + " is not on a loopback address and has no token: set admin.token or admin.token-file");
            }
            LOG.warn("the admin API on {} has no token: any process on this host can reload the config and read "
                    + "routes, upstreams and metrics; set admin.token or admin.token-file", config.address());
        }
        EventLoopGroup group = transport.newGroup(1, "gatehouse-admin");
        try {
            Channel channel = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new IdleStateHandler(0, 0, AdminHandler.IDLE_TIMEOUT_SECONDS))
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpObjectAggregator(MAX_BODY))
                                    .addLast(new AdminHandler(operations, access));
                        }
                    })
                    .bind(config.address(), config.port()).sync().channel();
            return new AdminServer(group, channel);
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
