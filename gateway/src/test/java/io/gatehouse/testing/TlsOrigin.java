package io.gatehouse.testing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.auth.x500.X500Principal;

/**
 * {@link TestOrigin}'s twin behind TLS: the same scripted behaviours and echo, on 127.0.0.1 and an ephemeral port,
 * serving one certificate and, when given a CA, requiring client certificates it issued. Records the outcome of
 * each handshake.
 */
public final class TlsOrigin implements AutoCloseable {

    private final List<String> clientSubjects = new CopyOnWriteArrayList<>();
    private final List<Throwable> failedHandshakes = new CopyOnWriteArrayList<>();
    private final TestOrigin origin;

    private TlsOrigin(String name, SslContext context) {
        origin = TestOrigin.startBehind(name, channel -> channel.pipeline()
                .addLast(context.newHandler(channel.alloc()), new HandshakeRecorder()));
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
        origin.on(path, behaviour);
        return this;
    }

    public int port() {
        return origin.port();
    }

    public String authority() {
        return origin.authority();
    }

    public int connectionsAccepted() {
        return origin.connectionsAccepted();
    }

    public List<RecordedRequest> requests() {
        return origin.requests();
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
        origin.close();
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
