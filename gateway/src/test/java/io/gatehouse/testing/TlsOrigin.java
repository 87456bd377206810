package io.gatehouse.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * {@link TestOrigin}'s twin behind TLS: the same scripted behaviours and echo, on 127.0.0.1 and an ephemeral port,
 * serving one certificate and, when given a CA, requiring client certificates it issued. Records the outcome of
 * each handshake.
 */
public final class TlsOrigin implements AutoCloseable {

    private final OriginScript script;
    private final OriginState state = new OriginState();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ChannelGroup channels = new DefaultChannelGroup(group.next());
    private final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    private final List<Throwable> failedHandshakes = new CopyOnWriteArrayList<>();
    private final Channel server;

    private TlsOrigin(String name, SslContext context) {
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
                        channel.pipeline().addLast(context.newHandler(channel.alloc()), new HandshakeRecorder(),
                                new HttpServerCodec(), new ChunkedWriteHandler(),
                                new OriginHandler(script, state, connection));
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    /**
     * @param certificate what the origin serves
     * @param clientCa    when not null, a client certificate issued by it is required
     */
    public static TlsOrigin start(String name, TestCertificates.Issued certificate, TestCertificates clientCa) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(certificate.keys().getPrivate(),
                    certificate.certificate());
            if (clientCa != null) {
                builder.trustManager(clientCa.ca()).clientAuth(ClientAuth.REQUIRE);
            }
            return new TlsOrigin(name, builder.build());
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    public TlsOrigin on(String path, Behaviour behaviour) {
        script.on(path, behaviour);
        return this;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String authority() {
        return "127.0.0.1:" + port();
    }

    public int connectionsAccepted() {
        return state.accepted();
    }

    public List<RecordedRequest> requests() {
        return state.requests();
    }

    /** The subject (RFC 2253) of the client certificate of each successful handshake; "" when none was sent. */
    public List<String> clientSubjects() {
        return List.copyOf(clientSubjects);
    }

    public List<Throwable> failedHandshakes() {
        return List.copyOf(failedHandshakes);
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        server.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class HandshakeRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent completion) {
                if (completion.isSuccess()) {
                    clientSubjects.add(clientSubject(ctx.pipeline().get(SslHandler.class)));
                } else {
                    failedHandshakes.add(completion.cause());
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static String clientSubject(SslHandler ssl) {
        try {
            return ((X509Certificate) ssl.engine().getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName(X500Principal.RFC2253);
        } catch (SSLPeerUnverifiedException none) {
            return "";
        }
    }
}
