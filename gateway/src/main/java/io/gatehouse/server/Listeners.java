package io.gatehouse.server;

import io.gatehouse.config.ListenerConfig;
import io.gatehouse.transport.TlsProvider;
import io.netty.handler.ssl.SslProvider;
import io.gatehouse.proxy.ProxyServices;
import io.gatehouse.transport.EventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bound data-plane listeners. Client connections are tracked in a group so a drain can reach them. TLS
 * listeners' certificates are reloaded while they run ({@link TlsReloader}).
 */
public final class Listeners {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final Map<String, Channel> bound = new LinkedHashMap<>();
    private TlsReloader tlsReloader;

    private Listeners() {
    }

    public static Listeners bind(EventLoops loops, List<ListenerConfig> configs, ProxyServices services,
                                 ChannelGroup connections) throws InterruptedException {
        Listeners listeners = new Listeners();
        List<ListenerTls> tlsListeners = new ArrayList<>();
        SslProvider provider = TlsProvider.best();
        if (configs.stream().anyMatch(config -> config.tls() != null)) {
            LOG.info("TLS provider {}", TlsProvider.describe(provider));
        }
        ClientConnections perClient = new ClientConnections();
        try {
            for (ListenerConfig config : configs) {
                ListenerTls tls = config.tls() == null ? null
                        : ListenerTls.create(config.name(), config.tls(), provider);
                if (tls != null) {
                    tlsListeners.add(tls);
                }
                Channel channel = new ServerBootstrap()
                        .group(loops.group())
                        .channel(loops.transport().serverChannel())
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.AUTO_READ, false)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                        .childHandler(new DownstreamInitializer(services, config.name(), connections, tls,
                                perClient))
                        .bind(config.address(), config.port()).sync().channel();
                listeners.bound.put(config.name(), channel);
            }
            if (!tlsListeners.isEmpty()) {
                listeners.tlsReloader = new TlsReloader(tlsListeners,
                        () -> services.snapshot().config().listeners(), TlsReloader.INTERVAL);
            }
        } catch (RuntimeException | InterruptedException e) {
            listeners.close();
            throw e;
        }
        return listeners;
    }

    /** The port a listener is bound to (useful with port 0). */
    public int port(String name) {
        Channel channel = bound.get(name);
        if (channel == null) {
            throw new IllegalArgumentException("no listener named \"" + name + "\" (known: " + bound.keySet() + ")");
        }
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting; connections already accepted are not touched. */
    public void close() {
        if (tlsReloader != null) {
            tlsReloader.close();
        }
        for (Channel channel : bound.values()) {
            channel.close().syncUninterruptibly();
        }
    }
}
