package io.gatehouse.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A blocking HTTP/1.1 client with byte-exact control of what is sent (pipelined, malformed, partial or slow
 * requests) that parses responses one at a time. Every read times out, so a test never hangs.
 */
public final class RawHttpClient implements AutoCloseable {
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final OutputStream out;
    private final WireReader reader;
    private final int readTimeoutMillis;

    private RawHttpClient(Socket socket, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.readTimeoutMillis = readTimeoutMillisOf(readTimeout);
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.reader = new WireReader(new BufferedInputStream(socket.getInputStream()));
    }

    public static RawHttpClient connect(int port) throws IOException {
        return connect(port, DEFAULT_READ_TIMEOUT);
    }

    public static RawHttpClient connect(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), readTimeoutMillisOf(readTimeout));
            return new RawHttpClient(socket, readTimeout);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Writes the text as ISO-8859-1 bytes, exactly as given: line endings are the caller's. */
    public RawHttpClient write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttpClient write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Writes {@code length} bytes of {@code bytes} from {@code offset}, e.g. a large body piece by piece. */
    public RawHttpClient write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        out.flush();
        return this;
    }

    /** Writes one byte at a time with a pause after each, like a slow or malicious client. */
    public RawHttpClient writeSlowly(String text, Duration pauseBetweenBytes) throws IOException, InterruptedException {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            write(new byte[] {b});
            Thread.sleep(pauseBetweenBytes.toMillis());
        }
        return this;
    }

    /** Ends the request stream (half-close), keeping the connection open for reading. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads the next final response, keeping its body; preceding 1xx responses are in {@code informational()}. */
    /** The raw bytes (head, chunk framing and all) up to and including {@code marker}, for streaming tests. */
    public String readUntil(String marker) throws IOException {
        return reader.readUntil(marker);
    }

    public RawResponse readResponse() throws IOException {
        return read(false, true);
    }

    /** Reads one interim (1xx) response, e.g. the 100 Continue a client awaits before sending its body. */
    public RawResponse readInformational() throws IOException {
        String statusLine = reader.readLine();
        int status = parseStatus(statusLine);
        RawHeaders headers = reader.readHeaders();
        if (status < 100 || status >= 200) {
            throw new AssertionError("Expected an informational response, got " + statusLine + " " + headers);
        }
        return new RawResponse(statusLine, status, headers, new byte[0], 0, 0, new RawHeaders(), List.of());
    }

    /** Reads the next final response, only counting and checksumming its body, so any size fits in memory. */
    public RawResponse readResponseCountingBody() throws IOException {
        return read(false, false);
    }

    /** Reads the response to a HEAD request: its framing headers describe a body that is not sent. */
    public RawResponse readResponseToHead() throws IOException {
        return read(true, true);
    }

    /**
     * Whether the peer closes the connection (FIN or RST) within {@code timeout}; false if it stays open.
     * Fails if the peer sends anything instead: read pending responses first.
     */
    public boolean isClosedByPeer(Duration timeout) throws IOException {
        socket.setSoTimeout(readTimeoutMillisOf(timeout));
        try {
            int unexpected = socket.getInputStream().read();
            if (unexpected >= 0) {
                throw new AssertionError("Expected the peer to close, but it sent byte " + unexpected);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(readTimeoutMillis);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private RawResponse read(boolean toHead, boolean keepBody) throws IOException {
        List<RawResponse> informational = new ArrayList<>();
        while (true) {
            String statusLine = reader.readLine();
            int status = parseStatus(statusLine);
            RawHeaders headers = reader.readHeaders();
            if (status >= 100 && status < 200 && status != 101) {
                informational.add(new RawResponse(statusLine, status, headers, new byte[0], 0, 0, new RawHeaders(),
                        List.of()));
                continue;
            }
            WireReader.BodySink sink = new WireReader.BodySink(keepBody);
            RawHeaders trailers = readBody(status, headers, toHead, sink);
            return new RawResponse(statusLine, status, headers, sink.bytes(), sink.length(), sink.crc32(), trailers,
                    List.copyOf(informational));
        }
    }

    /** Body framing by RFC 9112 section 6.3; returns the trailers (empty unless chunked). */
    private RawHeaders readBody(int status, RawHeaders headers, boolean toHead, WireReader.BodySink sink)
            throws IOException {
        if (toHead || status == 101 || status == 204 || status == 304) {
            return new RawHeaders();
        }
        List<String> codings = headers.all("transfer-encoding");
        if (!codings.isEmpty()) {
            if (codings.get(codings.size() - 1).toLowerCase(Locale.ROOT).endsWith("chunked")) {
                return reader.readChunked(sink);
            }
            reader.readUntilClose(sink);
        } else if (headers.contains("content-length")) {
            reader.readFixed(Long.parseLong(headers.first("content-length")), sink);
        } else {
            reader.readUntilClose(sink);
        }
        return new RawHeaders();
    }

    private static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("Malformed status line: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("Malformed status line: " + statusLine, e);
        }
    }

    private static int readTimeoutMillisOf(Duration timeout) {
        return Math.toIntExact(Math.max(1, timeout.toMillis()));
    }
}
