package io.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class TestOriginStreamingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long HUNDRED_MIB = 100L * 1024 * 1024;

    private final TestOrigin origin = TestOrigin.start();

    @AfterEach
    void closeOrigin() {
        origin.close();
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: origin\r\n\r\n";
    }

    @Test
    void streamsAGeneratedDownloadWithContentLength() throws IOException {
        origin.on("/big", Behaviour.status(200).generatedBody(HUNDRED_MIB));
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            RawResponse response = client.write(get("/big")).readResponseCountingBody();

            assertThat(response.header("content-length")).isEqualTo(String.valueOf(HUNDRED_MIB));
            assertThat(response.bodyLength()).isEqualTo(HUNDRED_MIB);
            assertThat(response.bodyCrc32()).isEqualTo(GeneratedBody.crc32(HUNDRED_MIB));
        }
    }

    @Test
    void streamsAChunkedDownloadWithTrailers() throws IOException {
        origin.on("/chunked", Behaviour.status(200).generatedBody(1_000_000).trailer("x-checksum", "abc"));
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            RawResponse response = client.write(get("/chunked")).readResponse();

            assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(response.body()).hasSize(1_000_000);
            assertThat(response.body()[300]).isEqualTo(GeneratedBody.byteAt(300));
            assertThat(response.trailers().first("X-Checksum")).isEqualTo("abc");
        }
    }

    @Test
    void countsAndChecksumsAnUploadWithoutKeepingIt() throws IOException {
        long length = 5_000_000;
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            client.write("POST /upload HTTP/1.1\r\nHost: origin\r\nContent-Length: " + length + "\r\n\r\n");
            writeGenerated(client, length);

            assertThat(client.readResponse().status()).isEqualTo(200);
        }
        RecordedRequest upload = origin.awaitRequests(1, TIMEOUT).get(0);
        assertThat(upload.bodyBytes()).isEqualTo(length);
        assertThat(upload.bodyCrc32()).isEqualTo(GeneratedBody.crc32(length));
    }

    @Test
    void respondsBeforeTheUploadEndsAndStillCountsIt() throws IOException {
        origin.on("/early", Behaviour.status(413).body("too big").respondBeforeRequestBody());
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            client.write("POST /early HTTP/1.1\r\nHost: origin\r\nContent-Length: 10\r\n\r\n");

            assertThat(client.readResponse().bodyText()).isEqualTo("too big");
            assertThat(origin.requests()).isEmpty();

            client.write("0123456789");
            assertThat(origin.awaitRequests(1, TIMEOUT).get(0).bodyBytes()).isEqualTo(10);
        }
    }

    @Test
    void streamsChunksOneByOne() throws IOException {
        origin.on("/events", Behaviour.status(200).header("content-type", "text/event-stream")
                .chunks(List.of("data: 1\n\n", "data: 2\n\n"), Duration.ofMillis(20)));
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            assertThat(client.write(get("/events")).readResponse().bodyText()).isEqualTo("data: 1\n\ndata: 2\n\n");
        }
    }

    @Test
    void sendsInformationalResponsesBeforeTheFinalOne() throws IOException {
        origin.on("/hints", Behaviour.status(204).informational(103, "link", "</a.css>; rel=preload")
                .delay(Duration.ofMillis(20)));
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            RawResponse response = client.write(get("/hints")).readResponse();

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.informational()).singleElement().satisfies(hint -> {
                assertThat(hint.status()).isEqualTo(103);
                assertThat(hint.header("Link")).isEqualTo("</a.css>; rel=preload");
            });
        }
    }

    @Test
    void resetsBeforeResponding() throws IOException {
        origin.on("/reset", Behaviour.status(200).reset());
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            assertThat(client.write(get("/reset")).isClosedByPeer(TIMEOUT)).isTrue();
        }
    }

    @Test
    void resetsInTheMiddleOfTheBody() throws IOException {
        origin.on("/partial", Behaviour.status(200).generatedBody(1_000_000).resetAfterBodyBytes(1000));
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            client.write(get("/partial"));

            assertThatThrownBy(client::readResponseCountingBody).isInstanceOf(IOException.class);
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        origin.on("/slow", Behaviour.status(200).body("slow").delay(Duration.ofMillis(50)));
        origin.on("/fast", Behaviour.status(200).body("fast"));
        try (RawHttpClient client = RawHttpClient.connect(origin.port())) {
            client.write(get("/slow") + get("/fast"));

            assertThat(client.readResponse().bodyText()).isEqualTo("slow");
            assertThat(client.readResponse().bodyText()).isEqualTo("fast");
        }
    }

    private static void writeGenerated(RawHttpClient client, long length) throws IOException {
        byte[] piece = new byte[64 * 1024];
        for (long offset = 0; offset < length; offset += piece.length) {
            int n = (int) Math.min(piece.length, length - offset);
            for (int i = 0; i < n; i++) {
                piece[i] = GeneratedBody.byteAt(offset + i);
            }
            client.write(n == piece.length ? piece : Arrays.copyOf(piece, n));
        }
    }
}
