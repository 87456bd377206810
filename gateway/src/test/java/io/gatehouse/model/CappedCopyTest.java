package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedCopyTest {

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void copiesEveryPieceWithoutTouchingTheBuffersItReads() {
        CappedCopy copy = new CappedCopy(16);
        ByteBuf first = bytes("hello ");
        ByteBuf last = bytes("world");
        copy.add(first, false);
        copy.add(last, true);
        assertThat(first.readerIndex()).isZero();
        assertThat(first.refCnt()).isEqualTo(1);
        first.release();
        last.release();
        assertThat(copy.complete()).isTrue();
        assertThat(copy.overflowed()).isFalse();
        assertThat(new String(copy.bytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
    }

    @Test
    void aBodyOverTheCapKeepsNothing() {
        CappedCopy copy = new CappedCopy(8);
        ByteBuf first = bytes("12345678");
        ByteBuf last = bytes("9");
        copy.add(first, false);
        copy.add(last, true);
        first.release();
        last.release();
        assertThat(copy.overflowed()).isTrue();
        assertThat(copy.complete()).isTrue();
        assertThat(copy.bytes()).isEmpty();
    }
}
