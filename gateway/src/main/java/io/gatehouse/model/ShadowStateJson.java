package io.gatehouse.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.gatehouse.config.Durations;
import io.gatehouse.config.ShadowConfig;
import java.io.IOException;

/**
 * A shadow set through the admin API as the state file keeps it, in the admin API's field names, the timeout as
 * the config writes durations; bounds missing from a file written before they existed take their defaults.
 */
final class ShadowStateJson {

    private ShadowStateJson() {
    }

    static SimpleModule module() {
        return new SimpleModule("shadow-state").addSerializer(ShadowConfig.class, new Writer())
                .addDeserializer(ShadowConfig.class, new Reader());
    }

    private static final class Writer extends StdSerializer<ShadowConfig> {

        Writer() {
            super(ShadowConfig.class);
        }

        @Override
        public void serialize(ShadowConfig shadow, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            json.writeStartObject();
            json.writeStringField("version", shadow.version());
            json.writeNumberField("percent", shadow.percent());
            json.writeNumberField("max_body", shadow.maxBody());
            json.writeNumberField("max_in_flight", shadow.maxInFlight());
            json.writeNumberField("tolerance", shadow.tolerance());
            json.writeStringField("timeout", Durations.format(shadow.timeout()));
            json.writeEndObject();
        }
    }

    private static final class Reader extends StdDeserializer<ShadowConfig> {

        Reader() {
            super(ShadowConfig.class);
        }

        @Override
        public ShadowConfig deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (!node.path("version").isTextual() || !node.path("percent").isNumber()) {
                return context.reportInputMismatch(ShadowConfig.class,
                        "a shadow needs a string version and a number percent, got %s", node);
            }
            JsonNode timeout = node.path("timeout");
            try {
                return new ShadowConfig(node.get("version").asText(), node.get("percent").asDouble(),
                        node.path("max_body").asInt(ShadowConfig.DEFAULT_MAX_BODY),
                        node.path("max_in_flight").asInt(ShadowConfig.DEFAULT_MAX_IN_FLIGHT),
                        node.path("tolerance").asDouble(ShadowConfig.DEFAULT_TOLERANCE),
                        timeout.isMissingNode() ? ShadowConfig.DEFAULT_TIMEOUT : Durations.parse(timeout.asText()));
            } catch (IllegalArgumentException e) {
                return context.reportInputMismatch(ShadowConfig.class, "shadow.timeout: %s", e.getMessage());
            }
        }
    }
}
