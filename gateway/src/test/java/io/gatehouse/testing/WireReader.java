package io.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Reads HTTP/1.1 message parts from a blocking stream: lines, header blocks and the three body framings. */
final class WireReader {
    private static final int MAX_LINE = 64 * 1024;

    /** Receives body bytes; keeps them only if asked to, always counts and checksums them. */
    static final class BodySink {
        private final ByteArrayOutputStream kept;
        private final CRC32 crc = new CRC32();
        private long length;

        BodySink(boolean keep) {
            kept = keep ? new ByteArrayOutputStream() : null;
        }

        void accept(byte[] bytes, int count) {
            crc.update(bytes, 0, count);
            length += count;
            if (kept != null) {
                kept.write(bytes, 0, count);
            }
        }

        byte[] bytes() {
            return kept == null ? null : kept.toByteArray();
        }

        long length() {
            return length;
        }

        long crc32() {
            return crc.getValue();
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];

    WireReader(InputStream in) {
        this.in = in;
    }

    /** A line without its CRLF (a bare LF also ends it). */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Connection closed after " + line.size() + " bytes of a line: " + line);
            }
            if (line.size() == MAX_LINE) {
                throw new IOException("Line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Header lines up to the empty line that ends the block. */
    RawHeaders readHeaders() throws IOException {
        RawHeaders headers = new RawHeaders();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("Malformed header line: " + line);
            }
            headers.add(line.substring(0, colon), line.substring(colon + 1).trim());
        }
        return headers;
    }

    void readFixed(long length, BodySink sink) throws IOException {
        for (long remaining = length; remaining > 0; ) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException("Connection closed with " + remaining + " of " + length + " body bytes unread");
            }
            sink.accept(buffer, read);
            remaining -= read;
        }
    }

    /** Reads chunks up to the last one and returns the trailers. */
    RawHeaders readChunked(BodySink sink) throws IOException {
        for (long size = nextChunkSize(); size > 0; size = nextChunkSize()) {
            readFixed(size, sink);
            String end = readLine();
            if (!end.isEmpty()) {
                throw new IOException("Expected CRLF after chunk data, got: " + end);
            }
        }
        return readHeaders();
    }

    /** Raw bytes up to and including the first occurrence of {@code marker}, whatever framing they belong to. */
    String readUntil(String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("Connection closed before \"" + marker + "\"; got: " + seen);
            }
            seen.append((char) b);
        }
        return seen.toString();
    }

    void readUntilClose(BodySink sink) throws IOException {
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            sink.accept(buffer, read);
        }
    }

    private long nextChunkSize() throws IOException {
        String line = readLine();
        int extension = line.indexOf(';');
        String size = (extension < 0 ? line : line.substring(0, extension)).trim();
        try {
            return Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("Malformed chunk size line: " + line, e);
        }
    }
}
