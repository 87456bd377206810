package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.TestCertificates;
import io.gatehouse.testing.TestCertificates.Issued;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import io.gatehouse.testing.TlsClient;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TLS on a listener of the real gateway: certificates by SNI name, protocol versions and client certificates. */
@ExtendWith(LeakDetectionExtension.class)
class ListenerTlsIntegrationTest {

    @TempDir
    Path directory;
    private TestCertificates ca;
    private Issued api;
    private Issued other;
    private TestOrigin origin;
    private TestGateway gateway;

    @BeforeEach
    void setUp() {
        ca = TestCertificates.authority(directory, "test-ca");
        api = ca.server("api", "api.test");
        other = ca.server("other", "*.other.test", "other.test");
        origin = TestOrigin.start("app");
    }

    @AfterEach
    void stop() {
        TestResources.closeAll(gateway, origin);
    }

    private void start(String tlsExtra) {
        gateway = TestGateway.start("""
                server: { event-loops: 2 }
                listeners:
                  - name: public
                    address: 127.0.0.1
                    port: 0
                    tls:
                      certificates:
                        - { cert: "%s", key: "%s" }
                        - { cert: "%s", key: "%s" }
                %s
                admin: { address: 127.0.0.1, port: 0 }
                access-log: { enabled: false }
                upstreams:
                  app: { endpoints: [ { address: "%s" } ] }
                routes:
                  - { name: all, match: { prefix: / }, upstream: app }
                """.formatted(api.cert(), api.key(), other.cert(), other.key(), tlsExtra, origin.authority()));
    }

    @Test
    void eachNameGetsItsCertificateAndUnknownOrAbsentNamesTheFirst() throws IOException {
        start("");
        assertThat(served("api.test")).isEqualTo(api.certificate());
        assertThat(served("API.Test")).isEqualTo(api.certificate());
        assertThat(served("other.test")).isEqualTo(other.certificate());
        assertThat(served("www.other.test")).isEqualTo(other.certificate());
        // A wildcard stands for one label only.
        assertThat(served("a.b.other.test")).isEqualTo(api.certificate());
        assertThat(served("unknown.test")).isEqualTo(api.certificate());
        assertThat(served(null)).isEqualTo(api.certificate());
    }

    @Test
    void requestsAreProxiedOverTls() throws IOException {
        start("");

        TlsClient.Response response = TlsClient.get(ca.clientContext(null), gateway.port(), "www.other.test",
                "/hello");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.protocol()).isEqualTo("TLSv1.3");
        assertThat(origin.requests()).singleElement().satisfies(request ->
                assertThat(request.uri()).isEqualTo("/hello"));
    }

    @Test
    void refusesTls11AndAcceptsTls12() throws Exception {
        Assumptions.assumeTrue(OpenSsl.isAvailable(), "needs netty-tcnative (BoringSSL) to offer TLS 1.1; "
                + "the JDK disables it for clients");
        start("");

        assertThat(handshakeWith("TLSv1.2").isSuccess()).isTrue();
        assertThat(handshakeWith("TLSv1.1").isSuccess()).isFalse();
    }

    @Test
    void aRequiredClientCertificateIsVerifiedAgainstTheClientCa() throws IOException {
        TestCertificates clients = TestCertificates.authority(directory, "client-ca");
        Issued client = clients.subject("client", "CN=ops,O=Example");
        Issued stranger = ca.subject("stranger", "CN=ops,O=Example");
        start("""
                      client-auth: required
                      client-ca: "%s"
                """.formatted(clients.caFile()));

        assertThat(TlsClient.get(ca.clientContext(client), gateway.port(), "api.test", "/").status()).isEqualTo(200);
        assertThatThrownBy(() -> TlsClient.get(ca.clientContext(null), gateway.port(), "api.test", "/"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TlsClient.get(ca.clientContext(stranger), gateway.port(), "api.test", "/"))
                .isInstanceOf(IOException.class);
        assertThat(origin.requests()).hasSize(1);
    }

    private java.security.cert.X509Certificate served(String serverName) throws IOException {
        return TlsClient.handshake(ca.clientContext(null), gateway.port(), serverName);
    }

    /** The completed handshake of a BoringSSL client limited to {@code protocol}. */
    private Future<?> handshakeWith(String protocol) throws Exception {
        SslContext context = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols(protocol)
                .trustManager(ca.ca()).build();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            SslHandler[] handler = new SslHandler[1];
            new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            handler[0] = context.newHandler(ch.alloc(), "api.test", 443);
                            ch.pipeline().addLast(handler[0]);
                        }
                    })
                    .connect("127.0.0.1", gateway.port()).sync();
            Future<?> handshake = handler[0].handshakeFuture();
            assertThat(handshake.await(10, TimeUnit.SECONDS)).as("handshake finished").isTrue();
            handler[0].engine().closeOutbound();
            return handshake;
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
