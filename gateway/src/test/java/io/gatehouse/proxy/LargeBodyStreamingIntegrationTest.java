package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.Behaviour;
import io.gatehouse.testing.ForkedGatewayProcess;
import io.gatehouse.testing.GeneratedBody;
import io.gatehouse.testing.RawHttpClient;
import io.gatehouse.testing.RawResponse;
import io.gatehouse.testing.RecordedRequest;
import io.gatehouse.testing.TestGateway;
import io.gatehouse.testing.TestOrigin;
import io.gatehouse.testing.TestResources;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1 GiB bodies in both directions through a gateway process whose heap (256 MiB) and direct memory (64 MiB) are
 * far smaller than the body: it passes only if the gateway streams with backpressure and never aggregates. The
 * clients and the origin only count and checksum bytes, so the test JVM stays small too.
 *
 * <p>A receiver that keeps up never tests backpressure, so in each direction the receiving side first stops
 * reading for {@link #PAUSE}: the client before it reads the response, the origin after the request head. Without
 * backpressure the sender would push hundreds of MiB into the gateway meanwhile, more than it has memory for.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LargeBodyStreamingIntegrationTest {

    private static final long SIZE = 1L << 30;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PAUSE = Duration.ofSeconds(3);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:MaxDirectMemorySize=64m",
            "-Dio.netty.leakDetection.level=simple");

    private static long expectedCrc;
    private static TestOrigin origin;
    private static ForkedGatewayProcess gateway;

    @BeforeAll
    static void start() {
        expectedCrc = GeneratedBody.crc32(SIZE);
        origin = TestOrigin.start()
                .on("/download/fixed", Behaviour.status(200).generatedBody(SIZE))
                .on("/download/chunked", Behaviour.status(200).generatedBody(SIZE).chunked())
                .on("/upload", Behaviour.status(200).body("received").pauseReadingAfterHead(PAUSE));
        gateway = ForkedGatewayProcess.start(TestGateway.config(1, """
                upstreams:
                  origin: { endpoints: [ { address: "%s" } ] }
                routes:
                  - name: everything
                    match: { prefix: / }
                    upstream: origin
                    max-body-size: 2GiB
                """.formatted(origin.authority())), JVM_OPTIONS, Duration.ofSeconds(30));
    }

    @AfterEach
    void gatewayStillHealthy() {
        assertThat(gateway.isAlive()).as("the forked gateway is alive\n%s", gateway.outputTail()).isTrue();
        assertThat(gateway.outputLinesContaining("OutOfMemoryError")).isEmpty();
        assertThat(gateway.outputLinesContaining("OutOfDirectMemoryError")).isEmpty();
        assertThat(gateway.outputLinesContaining("LEAK")).isEmpty();
    }

    @AfterAll
    static void stop() {
        TestResources.closeAll(gateway, origin);
    }

    @Test
    void downloadsOneGibibyteWithContentLength() throws Exception {
        download("/download/fixed", "content-length");
    }

    @Test
    void downloadsOneGibibyteChunked() throws Exception {
        download("/download/chunked", "transfer-encoding");
    }

    private void download(String path, String framingHeader) throws Exception {
        try (RawHttpClient client = RawHttpClient.connect(gateway.port(), READ_TIMEOUT)) {
            client.write("GET " + path + " HTTP/1.1\r\nHost: gateway\r\n\r\n");
            Thread.sleep(PAUSE.toMillis());
            long started = System.nanoTime();
            RawResponse response = client.readResponseCountingBody();
            long nanos = System.nanoTime() - started;
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().contains(framingHeader)).as(framingHeader).isTrue();
            assertThat(response.bodyLength()).isEqualTo(SIZE);
            assertThat(response.bodyCrc32()).isEqualTo(expectedCrc);
            report("download " + framingHeader, nanos);
        }
    }

    @Test
    void uploadsOneGibibyteWithContentLength() throws Exception {
        byte[] pattern = GeneratedPattern.bytes();
        try (RawHttpClient client = RawHttpClient.connect(gateway.port(), READ_TIMEOUT)) {
            long started = System.nanoTime();
            client.write("POST /upload?framing=length HTTP/1.1\r\nHost: gateway\r\nContent-Length: " + SIZE
                    + "\r\n\r\n");
            for (long offset = 0; offset < SIZE; ) {
                int n = (int) Math.min(GeneratedPattern.PIECE, SIZE - offset);
                client.write(pattern, GeneratedPattern.start(offset), n);
                offset += n;
            }
            RawResponse response = client.readResponse();
            long nanos = System.nanoTime() - started;
            assertThat(response.status()).isEqualTo(200);
            assertReceivedWhole("/upload?framing=length");
            report("upload content-length", nanos - PAUSE.toNanos());
        }
    }

    @Test
    void uploadsOneGibibyteChunked() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + gateway.port() + "/upload?framing=chunked");
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedInputStream(SIZE)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - started;
        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest request = assertReceivedWhole("/upload?framing=chunked");
        assertThat(request.header("transfer-encoding")).isEqualToIgnoringCase("chunked");
        report("upload chunked", nanos - PAUSE.toNanos());
    }

    private static RecordedRequest assertReceivedWhole(String uri) {
        Optional<RecordedRequest> received = origin.requests().stream().filter(r -> r.uri().equals(uri)).findFirst();
        assertThat(received).as("the origin received %s", uri).isPresent();
        RecordedRequest request = received.get();
        assertThat(request.complete()).isTrue();
        assertThat(request.bodyBytes()).isEqualTo(SIZE);
        assertThat(request.bodyCrc32()).isEqualTo(expectedCrc);
        return request;
    }

    /**
     * Measured, not asserted: printed so that a run shows how fast 1 GiB passes through the gateway here. The
     * receiver's pause is left out (a download is timed from the end of the pause, an upload's pause subtracted).
     */
    private static void report(String what, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("[large-body] %s: %d MiB in %.2f s = %.0f MiB/s%n", what, SIZE >> 20, seconds,
                (SIZE >> 20) / seconds);
    }

    /** {@link GeneratedBody}'s bytes laid out so that any piece of the body is one slice of one array. */
    private static final class GeneratedPattern {
        static final int PERIOD = 251;
        static final int PIECE = 64 * 1024;
        private static final byte[] BYTES = new byte[PERIOD + PIECE];

        static {
            for (int i = 0; i < BYTES.length; i++) {
                BYTES[i] = GeneratedBody.byteAt(i);
            }
        }

        static byte[] bytes() {
            return BYTES;
        }

        /** Where in {@link #bytes()} the piece starting at body offset {@code offset} begins. */
        static int start(long offset) {
            return (int) (offset % PERIOD);
        }
    }

    /** The generated body as a stream, produced on demand. */
    private static final class GeneratedInputStream extends InputStream {
        private final long length;
        private long offset;

        GeneratedInputStream(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return offset < length ? GeneratedBody.byteAt(offset++) & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int at, int len) {
            if (offset >= length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, GeneratedPattern.PIECE), length - offset);
            System.arraycopy(GeneratedPattern.bytes(), GeneratedPattern.start(offset), buffer, at, n);
            offset += n;
            return n;
        }
    }
}
