package io.gatehouse.proxy;

import static io.gatehouse.proxy.HttpTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.GeneratedBody;
import io.gatehouse.testing.LeakDetectionExtension;
import io.gatehouse.testing.ProxyRig;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bodies, trailers and bodiless responses cross the gateway intact, and the connection stays usable after them. */
@ExtendWith(LeakDetectionExtension.class)
class FramingIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int BODY_SIZE = 300_000;

    @RegisterExtension
    final ProxyRig rig = ProxyRig.withClient(() -> TestOrigin.start()
                    .on("/chunked", Behaviour.status(200).generatedBody(BODY_SIZE).chunked())
                    .on("/sized", Behaviour.status(200).generatedBody(BODY_SIZE))
                    .on("/trailers", Behaviour.status(200).body("body").trailer("x-checksum", "c0ffee"))
                    .on("/no-content", Behaviour.status(204))
                    .on("/not-modified", Behaviour.status(304).header("etag", "\"v1\""))
                    .on("/hinted", Behaviour.status(200).body("final")
                            .informational(103, "link", "</a.css>; rel=preload").informational(100)),
            authority -> TestGateway.config(1, HttpTestSupport.upstreamAndRoute(authority, "/", "")));

    /** The connection is still in step: another exchange on it works, over the same upstream connection. */
    private void assertConnectionStillUsable() throws Exception {
        RawResponse next = rig.client().write(get("/next")).readResponse();
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.bodyText()).contains("\"uri\":\"/next\"");
        assertThat(rig.origin().connectionsAccepted()).isEqualTo(1);
    }

    private static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = GeneratedBody.byteAt(i * 7L + 3);
        }
        return bytes;
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static byte[] concat(String head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Test
    void fixedLengthRequestBodyArrivesIntact() throws Exception {
        byte[] body = payload(BODY_SIZE);
        RawResponse response = rig.client().write(concat("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + body.length + "\r\n\r\n", body)).readResponse();
        assertThat(response.status()).isEqualTo(200);
        RecordedRequest received = rig.origin().awaitRequests(1, WAIT).get(0);
        assertThat(received.bodyBytes()).isEqualTo(body.length);
        assertThat(received.bodyCrc32()).isEqualTo(crc32(body));
        assertThat(received.header("content-length")).isEqualTo(String.valueOf(body.length));
        assertConnectionStillUsable();
    }

    @Test
    void chunkedRequestBodyAndTrailersArriveIntact() throws Exception {
        byte[] body = payload(BODY_SIZE);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int offset = 0, size = 1; offset < body.length; offset += size, size = size * 3 + 1) {
            int length = Math.min(size, body.length - offset);
            chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            chunked.write(body, offset, length);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        chunked.writeBytes("0\r\nX-Digest: crc\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        RawResponse response = rig.client().write(concat("POST /upload HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunked.toByteArray())).readResponse();
        assertThat(response.status()).isEqualTo(200);
        RecordedRequest received = rig.origin().awaitRequests(1, WAIT).get(0);
        assertThat(received.bodyBytes()).isEqualTo(body.length);
        assertThat(received.bodyCrc32()).isEqualTo(crc32(body));
        assertThat(received.trailers().get("x-digest")).isEqualTo("crc");
        assertConnectionStillUsable();
    }

    @Test
    void chunkedResponseArrivesIntact() throws Exception {
        RawResponse response = rig.client().write(get("/chunked")).readResponseCountingBody();
        assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(response.bodyLength()).isEqualTo(BODY_SIZE);
        assertThat(response.bodyCrc32()).isEqualTo(GeneratedBody.crc32(BODY_SIZE));
        assertConnectionStillUsable();
    }

    @Test
    void contentLengthResponseArrivesIntact() throws Exception {
        RawResponse response = rig.client().write(get("/sized")).readResponseCountingBody();
        assertThat(response.header("content-length")).isEqualTo(String.valueOf(BODY_SIZE));
        assertThat(response.header("transfer-encoding")).isNull();
        assertThat(response.bodyCrc32()).isEqualTo(GeneratedBody.crc32(BODY_SIZE));
        assertConnectionStillUsable();
    }

    @Test
    void responseTrailersAreForwarded() throws Exception {
        RawResponse response = rig.client().write(get("/trailers")).readResponse();
        assertThat(response.bodyText()).isEqualTo("body");
        assertThat(response.trailers().first("x-checksum")).isEqualTo("c0ffee");
        assertConnectionStillUsable();
    }

    @Test
    void headResponseHasNoBody() throws Exception {
        RawResponse response = rig.client().write("HEAD /sized HTTP/1.1\r\nHost: x\r\n\r\n").readResponseToHead();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-length")).isEqualTo(String.valueOf(BODY_SIZE));
        assertConnectionStillUsable();
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() throws Exception {
        RawResponse noContent = rig.client().write(get("/no-content")).readResponse();
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.header("transfer-encoding")).isNull();
        RawResponse notModified = rig.client().write(get("/not-modified")).readResponse();
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("etag")).isEqualTo("\"v1\"");
        assertThat(notModified.header("transfer-encoding")).isNull();
        assertConnectionStillUsable();
    }

    @Test
    void informationalUpstreamResponsesAreNeverFinal() throws Exception {
        RawResponse response = rig.client().write(get("/hinted")).readResponse();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("final");
        assertConnectionStillUsable();
    }

    @Test
    void http10ClientGetsACloseDelimitedBodyForAChunkedResponse() throws Exception {
        RawResponse response = rig.client().write("GET /chunked HTTP/1.0\r\nHost: x\r\n\r\n")
                .readResponseCountingBody();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("transfer-encoding")).isNull();
        assertThat(response.header("content-length")).isNull();
        assertThat(response.header("connection")).isEqualToIgnoringCase("close");
        assertThat(response.bodyLength()).isEqualTo(BODY_SIZE);
        assertThat(response.bodyCrc32()).isEqualTo(GeneratedBody.crc32(BODY_SIZE));
        assertThat(rig.client().isClosedByPeer(WAIT)).isTrue();
    }

    @Test
    void http10KeepAliveClientKeepsItsConnectionForASizedResponse() throws Exception {
        RawResponse response = rig.client().write("GET /sized HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
                .readResponseCountingBody();
        assertThat(response.header("connection")).isEqualToIgnoringCase("keep-alive");
        assertThat(response.bodyCrc32()).isEqualTo(GeneratedBody.crc32(BODY_SIZE));
        assertConnectionStillUsable();
    }
}
