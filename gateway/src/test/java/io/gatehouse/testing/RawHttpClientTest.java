package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parses canned bytes from a plain server socket, so the parser is tested apart from any Netty encoder. */
class RawHttpClientTest {
    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

    RawHttpClientTest() throws IOException {
    }

    @AfterEach
    void closeServer() throws IOException {
        server.close();
    }

    /** Connects, has the server send {@code wire}, and optionally close. */
    private RawHttpClient clientReceiving(String wire, boolean thenClose) throws IOException {
        RawHttpClient client = RawHttpClient.connect(server.getLocalPort());
        Socket accepted = server.accept();
        OutputStream out = accepted.getOutputStream();
        out.write(wire.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (thenClose) {
            accepted.close();
        }
        return client;
    }

    @Test
    void parsesChunkedBodiesWithExtensionsAndTrailers() throws IOException {
        String wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nX-Trailer: done\r\n\r\n";
        try (RawHttpClient client = clientReceiving(wire, false)) {
            RawResponse response = client.readResponse();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().all("SET-COOKIE")).containsExactly("a=1", "b=2");
            assertThat(response.bodyText()).isEqualTo("hello!");
            assertThat(response.trailers().first("x-trailer")).isEqualTo("done");
        }
    }

    @Test
    void reportsInformationalResponsesSeparately() throws IOException {
        String wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (RawHttpClient client = clientReceiving(wire, false)) {
            RawResponse response = client.readResponse();

            assertThat(response.informational()).extracting(RawResponse::status).containsExactly(100, 103);
            assertThat(response.bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void readsPipelinedResponsesOneAtATimeAndNoBodyAfterHead() throws IOException {
        String wire = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc";
        try (RawHttpClient client = clientReceiving(wire, false)) {
            assertThat(client.readResponseToHead().bodyLength()).isZero();
            assertThat(client.readResponse().status()).isEqualTo(204);
            assertThat(client.readResponse().bodyText()).isEqualTo("abc");
        }
    }

    @Test
    void readsUnframedBodiesUntilCloseAndDetectsTheClose() throws IOException {
        try (RawHttpClient client = clientReceiving("HTTP/1.0 200 OK\r\n\r\nuntil close", true)) {
            assertThat(client.readResponse().bodyText()).isEqualTo("until close");
            assertThat(client.isClosedByPeer(RawHttpClient.DEFAULT_READ_TIMEOUT)).isTrue();
        }
    }
}
