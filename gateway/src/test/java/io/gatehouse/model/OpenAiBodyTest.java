package io.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.testing.LeakDetectionExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakDetectionExtension.class)
class OpenAiBodyTest {

    private static ByteBuf utf8(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static String model(String json) throws OpenAiBody.BadBody {
        ByteBuf body = utf8(json);
        try {
            return OpenAiBody.model(body).value();
        } finally {
            body.release();
        }
    }

    @Test
    void readsTheTopLevelModelAndStopsThere() throws Exception {
        assertThat(model("{\"messages\":[{\"model\":\"inner\"}],\"n\":{\"model\":1},\"model\":\"outer\"}"))
                .isEqualTo("outer");
        // Nothing after the field is parsed: a body cut short or broken there still names its model.
        assertThat(model("{\"model\":\"gpt-small\", this is not JSON")).isEqualTo("gpt-small");
    }

    @Test
    void rejectsBodiesThatNameNoModelAsAString() {
        assertThatThrownBy(() -> model("{\"messages\":[]}")).hasMessage("model: the request body names no model");
        assertThatThrownBy(() -> model("{\"model\":7}")).hasMessageStartingWith("model must be a string");
        assertThatThrownBy(() -> model("[1]")).hasMessage("the request body must be a JSON object");
        assertThatThrownBy(() -> model("")).hasMessage("the request body must be a JSON object");
        assertThatThrownBy(() -> model("{\"messages\": nope}")).hasMessageStartingWith("the request body is not JSON");
        assertThatThrownBy(() -> model("{\"messages\":[")).hasMessageStartingWith("the request body is not JSON");
    }

    @Test
    void rewritesOnlyTheModelValueOfABodyInPieces() throws Exception {
        String json = "{\"stream\":true,\"model\" : \"gpt-small\",\"messages\":[{\"content\":\"é\"}]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        CompositeByteBuf body = ByteBufAllocator.DEFAULT.compositeBuffer();
        // Split inside the model's value, and read from a non-zero reader index.
        ByteBuf first = Unpooled.buffer().writeBytes("xx".getBytes(StandardCharsets.UTF_8)).writeBytes(bytes, 0, 30);
        first.skipBytes(2);
        body.addComponent(true, first);
        body.addComponent(true, Unpooled.wrappedBuffer(bytes, 30, bytes.length - 30));

        OpenAiBody.ModelField field = OpenAiBody.model(body);
        assertThat(field.value()).isEqualTo("gpt-small");
        ByteBuf rewritten = OpenAiBody.withModel(body, field, "llama-3\"8b");
        body.release();
        try {
            assertThat(rewritten.toString(StandardCharsets.UTF_8)).isEqualTo(
                    "{\"stream\":true,\"model\" : \"llama-3\\\"8b\",\"messages\":[{\"content\":\"é\"}]}");
        } finally {
            rewritten.release();
        }
    }
}
