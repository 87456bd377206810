package io.gatehouse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.LeakDetectionExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which pieces of a request body each try's connection gets; every piece and copy released in the end. */
@ExtendWith(LeakDetectionExtension.class)
class UpstreamBodyTest {

    private final List<HttpContent> created = new ArrayList<>();
    private final EmbeddedChannel first = new EmbeddedChannel();
    private final EmbeddedChannel second = new EmbeddedChannel();

    @AfterEach
    void releaseEverything() {
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
        assertThat(created).allSatisfy(content -> assertThat(content.refCnt()).isZero());
    }

    private HttpContent piece(String text) {
        return track(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII)));
    }

    private HttpContent last(String text) {
        return track(new DefaultLastHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII)));
    }

    private HttpContent track(HttpContent content) {
        created.add(content);
        return content;
    }

    /** The bytes written to {@code channel}, with {@code <end>} where a message ended the body. */
    private static String written(EmbeddedChannel channel) {
        channel.flush();
        StringBuilder text = new StringBuilder();
        HttpContent content;
        while ((content = channel.readOutbound()) != null) {
            ByteBuf bytes = content.content();
            text.append(bytes.toString(StandardCharsets.US_ASCII));
            if (content instanceof LastHttpContent) {
                text.append("<end>");
            }
            content.release();
        }
        return text.toString();
    }

    @Test
    void theFirstConnectionGetsTheHeldPiecesThemselves() {
        UpstreamBody body = new UpstreamBody(-1);
        HttpContent a = piece("ab");
        assertThat(body.keep(a)).isTrue();
        assertThat(body.keep(last("cd"))).isTrue();

        assertThat(body.writeTo(first)).as("the end was written").isTrue();
        assertThat(written(first)).isEqualTo("abcd<end>");
        assertThat(body.replayable()).as("nothing is kept without a replay cap").isFalse();
        body.release();
    }

    @Test
    void aLaterConnectionIsFedFromTheReplayCopyIncludingPiecesThatArriveInBetween() {
        UpstreamBody body = new UpstreamBody(1024);
        assertThat(body.empty()).isTrue();
        body.keep(piece("ab"));
        assertThat(body.writeTo(first)).isFalse();
        HttpContent forwarded = piece("cd");
        body.forwarding(forwarded);
        first.writeOutbound(forwarded);
        assertThat(written(first)).isEqualTo("abcd");

        // The first try failed; the next piece arrives before the next connection.
        assertThat(body.keep(piece("ef"))).isTrue();
        assertThat(body.writeTo(second)).isFalse();
        assertThat(written(second)).isEqualTo("abcdef");
        assertThat(body.empty()).isFalse();
        body.release();
    }

    @Test
    void theReplayCopyCarriesTheEndOfTheBody() {
        UpstreamBody body = new UpstreamBody(1024);
        body.keep(last("abc"));
        body.writeTo(first);
        written(first);

        assertThat(body.writeTo(second)).isTrue();
        assertThat(written(second)).isEqualTo("abc<end>");
        body.release();
    }

    @Test
    void aPieceThatOverflowsTheCapWhileAConnectionIsAwaitedCannotReachIt() {
        UpstreamBody body = new UpstreamBody(4);
        body.keep(piece("ab"));
        body.writeTo(first);
        written(first);

        assertThat(body.keep(piece("cdef"))).isFalse();
        assertThat(body.replayable()).isFalse();
        body.release();
    }

    @Test
    void beforeAnyConnectionAnOverflowDoesNotMatterSinceTheHeldPiecesAreKept() {
        UpstreamBody body = new UpstreamBody(2);
        assertThat(body.keep(piece("abcdef"))).isTrue();
        assertThat(body.replayable()).isFalse();

        body.writeTo(first);
        assertThat(written(first)).isEqualTo("abcdef");
        body.release();
    }

    @Test
    void releaseDropsHeldPiecesAndTheCopy() {
        UpstreamBody body = new UpstreamBody(1024);
        body.keep(piece("ab"));
        body.keep(last("cd"));
        body.release();

        assertThat(created).allSatisfy(content -> assertThat(content.refCnt()).isZero());
    }
}
