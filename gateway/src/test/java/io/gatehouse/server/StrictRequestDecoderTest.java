package io.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrictRequestDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new StrictRequestDecoder(4096, 8192));

    private List<Object> feed(String... reads) {
        for (String read : reads) {
            channel.writeInbound(Unpooled.copiedBuffer(read, StandardCharsets.ISO_8859_1));
        }
        List<Object> decoded = new ArrayList<>();
        Object msg;
        while ((msg = channel.readInbound()) != null) {
            decoded.add(msg);
        }
        decoded.forEach(ReferenceCountUtil::release);
        channel.finishAndReleaseAll();
        return decoded;
    }

    @Test
    void refusesAFoldedHeaderLine() {
        List<Object> decoded = feed("GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n\t2\r\n\r\n");
        assertThat(decoded).hasSize(1);
        assertThat(((HttpRequest) decoded.get(0)).decoderResult().cause()).hasMessageContaining("folding");
    }

    @Test
    void refusesAFoldedLineArrivingInALaterRead() {
        List<Object> decoded = feed("GET / HTTP/1.1\r\nHost: x\r\n", " folded\r\n\r\n");
        assertThat(((HttpRequest) decoded.get(0)).decoderResult().isFailure()).isTrue();
    }

    @Test
    void acceptsLeadingEmptyLinesAndBodiesThatLookLikeFolding() {
        List<Object> decoded = feed("\r\nPOST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n\n \n ",
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(decoded).filteredOn(HttpRequest.class::isInstance).hasSize(2)
                .allMatch(request -> ((HttpRequest) request).decoderResult().isSuccess());
        assertThat(decoded).filteredOn(HttpContent.class::isInstance)
                .allMatch(content -> ((HttpContent) content).decoderResult().isSuccess());
        assertThat(decoded.get(decoded.size() - 1)).isInstanceOf(LastHttpContent.class);
    }
}
