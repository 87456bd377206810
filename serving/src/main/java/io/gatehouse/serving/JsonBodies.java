package io.gatehouse.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.TreeSet;
import java.util.Set;

/** Parses request bodies; a body that is not a JSON object is a 400. */
final class JsonBodies {

    private JsonBodies() {
    }

    /** Parses and releases {@code body}; an empty body is an empty object. */
    static JsonNode parse(ByteBuf body) {
        try (InputStream in = new ByteBufInputStream(body, true)) {
            if (in.available() == 0) {
                return Reply.JSON.createObjectNode();
            }
            JsonNode tree = Reply.JSON.readTree(in);
            if (tree == null || !tree.isObject()) {
                throw ApiException.badRequest("request body is " + (tree == null ? "empty" : tree.getNodeType())
                        + ", expected a JSON object");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("request body cannot be read: " + e.getMessage());
        }
    }

    /** A {@code "versions": ["1", "2"]} parameter (strings or numbers), or null when absent. */
    static Set<Long> versions(JsonNode body) {
        JsonNode versions = body.path("parameters").get("versions");
        if (versions == null) {
            return null;
        }
        if (!versions.isArray()) {
            throw ApiException.badRequest("parameters.versions is " + versions + ", expected a list like [\"1\"]");
        }
        Set<Long> parsed = new TreeSet<>();
        for (JsonNode version : versions) {
            parsed.add(RequestPath.version(version.asText()));
        }
        return parsed;
    }
}
