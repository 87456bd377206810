package io.gatehouse.server;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder with its lenient defaults tightened: strict line endings, RFC 9112 Transfer-Encoding
 * handling, no duplicate Content-Length, and a request carrying both Transfer-Encoding and Content-Length marked
 * invalid (Netty silently drops the Content-Length, but a gateway must refuse what a backend might frame
 * differently: request smuggling).
 */
public final class StrictRequestDecoder extends HttpRequestDecoder {

    public StrictRequestDecoder(int maxInitialLine, int maxHeaderSize) {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(maxInitialLine)
                .setMaxHeaderSize(maxHeaderSize)
                .setStrictLineParsing(true)
                .setUseRfc9112TransferEncoding(true)
                .setAllowDuplicateContentLengths(false));
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        message.setDecoderResult(DecoderResult.failure(
                new IllegalArgumentException("both Transfer-Encoding and Content-Length are present")));
    }
}
