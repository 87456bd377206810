package io.gatehouse.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP/1.1 origin on 127.0.0.1 and an ephemeral port, scripted per path by {@link Behaviour}s.
 * Unscripted paths echo the request as JSON (see {@link Behaviour#echo()}); request bodies are counted and
 * checksummed, never stored. Runs on its own single-threaded event loop.
 */
public final class TestOrigin implements AutoCloseable {
    private final OriginScript script;
    private final OriginState state = new OriginState();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(group.next());
    private final Channel server;

    /** @param front adds the handlers that come before HTTP on each connection (TLS); may add none */
    private TestOrigin(String name, Consumer<SocketChannel> front) {
        script = new OriginScript(name);
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        int connection = state.connectionOpened();
                        channel.closeFuture().addListener(closed -> state.connectionClosed());
                        front.accept(channel);
                        channel.pipeline().addLast(new HttpServerCodec(), new ChunkedWriteHandler(),
                                new OriginHandler(script, state, connection));
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    public static TestOrigin start() {
        return start("origin");
    }

    /** Starts an origin whose echo responses carry {@code name}, to tell origins apart behind a balancer. */
    public static TestOrigin start(String name) {
        return new TestOrigin(name, channel -> { });
    }

    /** An origin whose connections start with the handlers {@code front} adds, such as TLS ({@link TlsOrigin}). */
    static TestOrigin startBehind(String name, Consumer<SocketChannel> front) {
        return new TestOrigin(name, front);
    }

    /** The authority of an origin that was started and closed again: connecting there is refused. */
    public static String closedAuthority() {
        TestOrigin gone = start("gone");
        gone.close();
        return gone.authority();
    }

    /** Answers requests whose path (without query) is exactly {@code path} as {@code behaviour} says. */
    public TestOrigin on(String path, Behaviour behaviour) {
        script.on(path, behaviour);
        return this;
    }

    /**
     * After each response on a kept-alive connection, with the given probability, closes the connection after
     * {@code delay} unless another request has arrived by then: the origin side of a stale keep-alive race.
     */
    public TestOrigin closeIdleConnectionsAtRandom(Random random, double probability, Duration delay) {
        script.closeIdleConnectionsAtRandom(new OriginScript.IdleClosing(random, probability, delay));
        return this;
    }

    public String name() {
        return script.name();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** {@code 127.0.0.1:PORT} */
    public String authority() {
        return "127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code pathAndQuery}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://" + authority() + pathAndQuery);
    }

    public int connectionsAccepted() {
        return state.accepted();
    }

    public int openConnections() {
        return state.open();
    }

    public void awaitOpenConnections(int count, Duration timeout) {
        state.awaitOpenConnections(count, timeout);
    }

    /** Requests received so far, in order of completion (or of abandonment, for bodies cut short). */
    public List<RecordedRequest> requests() {
        return state.requests();
    }

    /** Waits until at least {@code count} requests were received and returns the first {@code count}. */
    public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
        return state.awaitRequests(count, timeout);
    }

    /** Idempotent, so a test may stop the origin early and still close it in its tear-down. */
    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        server.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
