package io.gatehouse.testing;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.zip.CRC32;

/** Counts and checksums a request body as it streams in, so uploads of any size cost no memory. */
final class RequestTally {
    private final int connection;
    private final String method;
    private final String uri;
    private final HttpHeaders headers;
    private final CRC32 crc = new CRC32();
    private long bodyBytes;

    RequestTally(int connection, HttpRequest head) {
        this.connection = connection;
        this.method = head.method().name();
        this.uri = head.uri();
        this.headers = head.headers().copy();
    }

    void consume(ByteBuf content) {
        bodyBytes += content.readableBytes();
        crc.update(content.nioBuffer());
    }

    String method() {
        return method;
    }

    String uri() {
        return uri;
    }

    HttpHeaders headers() {
        return headers;
    }

    long bodyBytes() {
        return bodyBytes;
    }

    RecordedRequest completed(HttpHeaders trailers) {
        return new RecordedRequest(connection, method, uri, headers, bodyBytes, crc.getValue(), trailers.copy(), true);
    }

    RecordedRequest abandoned() {
        return new RecordedRequest(connection, method, uri, headers, bodyBytes, crc.getValue(),
                EmptyHttpHeaders.INSTANCE, false);
    }
}
