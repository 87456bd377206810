package io.gatehouse.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder with its lenient defaults tightened: strict line endings, RFC 9112 Transfer-Encoding
 * handling, no duplicate Content-Length, and a request carrying both Transfer-Encoding and Content-Length marked
 * invalid (Netty silently drops the Content-Length, but a gateway must refuse what a backend might frame
 * differently: request smuggling). Obsolete line folding in a request head (RFC 9112 section 5.2), which Netty
 * joins silently, is refused before the decoder sees it.
 */
public final class StrictRequestDecoder extends HttpRequestDecoder {

    /** Between the end of one request and its successor's decoded head. */
    private boolean readingHead = true;
    /** Whether the decoder has consumed the start of the current head (so a line starting with SP/HTAB folds). */
    private boolean headStarted;
    private boolean refused;

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

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (refused) {
            buffer.skipBytes(buffer.readableBytes());
            return;
        }
        if (readingHead && hasFoldedLine(buffer)) {
            refused = true;
            buffer.skipBytes(buffer.readableBytes());
            HttpMessage invalid = createInvalidMessage();
            invalid.setDecoderResult(DecoderResult.failure(
                    new IllegalArgumentException("obsolete line folding in the request head")));
            out.add(invalid);
            return;
        }
        int from = buffer.readerIndex();
        int before = out.size();
        super.decode(ctx, buffer, out);
        if (readingHead && !headStarted) {
            headStarted = buffer.forEachByte(from, buffer.readerIndex() - from, StrictRequestDecoder::isBlank) >= 0;
        }
        for (int i = before; i < out.size(); i++) {
            Object decoded = out.get(i);
            if (decoded instanceof HttpRequest) {
                readingHead = false;
                headStarted = false;
            }
            if (decoded instanceof LastHttpContent) {
                readingHead = true;
            }
        }
    }

    /** Scans the unconsumed part of a head, line by line up to its empty line, for a line starting with SP/HTAB. */
    private boolean hasFoldedLine(ByteBuf buffer) {
        boolean started = headStarted;
        int end = buffer.writerIndex();
        int lineStart = buffer.readerIndex();
        while (lineStart < end) {
            byte first = buffer.getByte(lineStart);
            if (!started) {
                if (isBlank(first)) {
                    lineStart++;
                    continue;
                }
                started = true;
            } else if (first == '\r' || first == '\n') {
                return false;
            } else if (first == ' ' || first == '\t') {
                return true;
            }
            int lineFeed = buffer.indexOf(lineStart, end, (byte) '\n');
            if (lineFeed < 0) {
                return false;
            }
            lineStart = lineFeed + 1;
        }
        return false;
    }

    /** What the decoder skips before a request line: control characters and whitespace. */
    private static boolean isBlank(byte b) {
        int c = b & 0xff;
        return c <= ' ' || c >= 0x7f && c <= 0x9f;
    }
}
