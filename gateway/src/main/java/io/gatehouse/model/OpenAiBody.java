package io.gatehouse.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.gatehouse.proxy.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the top-level {@code model} field of an OpenAI-style request body with a streaming parser that stops at
 * that field (the messages after it are never parsed), and writes the body again with another model name and every
 * other byte as it was.
 */
final class OpenAiBody {

    private static final JsonFactory JSON = new JsonFactory();

    /** The {@code model} field's string value and where its JSON string (quotes included) lies in the body. */
    record ModelField(String value, int start, int end) {
    }

    /** The body is not a JSON object with a string {@code model} field; the message says what it is instead. */
    static final class BadBody extends Exception {
        BadBody(String message) {
            super(message, null, false, false);
        }
    }

    private OpenAiBody() {
    }

    /** Reads {@code body} from its reader index without moving it. */
    static ModelField model(ByteBuf body) throws BadBody {
        try (JsonParser parser = JSON.createParser((InputStream) new ByteBufInputStream(body.duplicate()))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadBody("the request body must be a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                boolean model = parser.currentName().equals("model");
                JsonToken value = parser.nextToken();
                if (!model) {
                    parser.skipChildren();
                } else if (value != JsonToken.VALUE_STRING) {
                    throw new BadBody("model must be a string, got " + value.asString());
                } else {
                    String name = parser.getText();
                    return new ModelField(name, (int) parser.currentTokenLocation().getByteOffset(),
                            (int) parser.currentLocation().getByteOffset());
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new BadBody("the request body is not a complete JSON object");
            }
            throw new BadBody("model: the request body names no model");
        } catch (JsonProcessingException e) {
            throw new BadBody("the request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // Reading a buffer in memory fails only through the parser, reported above.
            throw new UncheckedIOException(e);
        }
    }

    /** A new body: {@code body} with the {@code model} field's value replaced by {@code name}. */
    static ByteBuf withModel(ByteBuf body, ModelField field, String name) {
        int from = body.readerIndex();
        CompositeByteBuf rewritten = body.alloc().compositeBuffer(3);
        rewritten.addComponent(true, body.retainedSlice(from, field.start()));
        rewritten.addComponent(true, ByteBufUtil.writeUtf8(body.alloc(), Json.quote(name)));
        rewritten.addComponent(true, body.retainedSlice(from + field.end(), body.readableBytes() - field.end()));
        return rewritten;
    }
}
