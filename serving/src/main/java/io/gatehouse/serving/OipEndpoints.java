package io.gatehouse.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol v2 REST endpoints: server and model metadata, health, readiness, infer, and the
 * statistics extension.
 */
final class OipEndpoints {

    static final String PLATFORM = "onnxruntime_onnx";

    private final ModelRegistry registry;
    private final Inference inference;

    OipEndpoints(ModelRegistry registry, Inference inference) {
        this.registry = registry;
        this.inference = inference;
    }

    Reply server() {
        return Reply.ok(Map.of("name", "gatehouse", "version", serverVersion(),
                "extensions", List.of("model_repository", "statistics")));
    }

    Reply metadata(String model, Long version) {
        ServedVersion served = registry.require(model, version);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", model);
        body.put("versions", version == null
                ? registry.entry(model).available().keySet().stream().map(String::valueOf).toList()
                : List.of(String.valueOf(version)));
        body.put("platform", PLATFORM);
        body.put("inputs", describe(served.signature().inputs()));
        body.put("outputs", describe(served.signature().outputs()));
        return Reply.ok(body);
    }

    /** 200 when the version (or any, without one) is AVAILABLE, 400 for a known one that is not, else 404. */
    Reply ready(String model, Long version) {
        if (registry.serving(model, version) != null) {
            return Reply.ok(Map.of("name", model, "ready", true));
        }
        String what = "model '" + model + "'" + (version == null ? "" : " version " + version);
        VersionStatus status = version == null
                ? registry.statuses(model).stream().reduce((first, second) -> second).orElse(null)
                : registry.status(model, version);
        if (status == null) {
            return Reply.error(HttpResponseStatus.NOT_FOUND, what + " was never loaded");
        }
        return Reply.error(HttpResponseStatus.BAD_REQUEST, what + " is not ready (version " + status.version()
                + " is " + status.state() + (status.failed() ? ": " + status.error() : "") + ")");
    }

    /** The statistics extension, in Triton's shape: the version named, or every available one. */
    Reply stats(String model, Long version) {
        ServedVersion named = registry.require(model, version);
        List<Map<String, Object>> versions = new ArrayList<>();
        for (ServedVersion served : version == null ? registry.entry(model).available().values() : List.of(named)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", model);
            entry.put("version", String.valueOf(served.version()));
            entry.put("inference_stats", served.stats().toJson());
            versions.add(entry);
        }
        return Reply.ok(Map.of("model_stats", versions));
    }

    /** Parses, checks and runs an infer request; called on a worker thread. */
    Reply infer(String model, Long version, JsonNode body, RequestTimer timer) throws Exception {
        ServedVersion served = registry.require(model, version);
        timer.servedBy(served);
        JsonNode inputsNode = body.get("inputs");
        if (inputsNode == null || !inputsNode.isArray() || inputsNode.isEmpty()) {
            throw ApiException.badRequest("request has no \"inputs\": expected a list of"
                    + " {name, shape, datatype, data}");
        }
        List<TensorData> inputs = new ArrayList<>();
        for (JsonNode input : inputsNode) {
            inputs.add(input(input));
        }
        List<String> outputs = new ArrayList<>();
        for (JsonNode output : body.path("outputs")) {
            JsonNode name = output.get("name");
            if (name == null || !name.isTextual()) {
                throw ApiException.badRequest("requested output " + output + " has no \"name\"");
            }
            outputs.add(name.textValue());
        }
        List<TensorData> results = inference.run(served, inputs, outputs, timer);
        JsonNode id = body.get("id");
        return Reply.written(json -> {
            json.writeStartObject();
            json.writeStringField("model_name", model);
            json.writeStringField("model_version", String.valueOf(served.version()));
            if (id != null && id.isTextual()) {
                json.writeStringField("id", id.textValue());
            }
            json.writeArrayFieldStart("outputs");
            for (TensorData result : results) {
                writeOutput(json, result);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static TensorData input(JsonNode input) {
        JsonNode name = input.get("name");
        if (name == null || !name.isTextual()) {
            throw ApiException.badRequest("input " + abbreviate(input) + " has no \"name\"");
        }
        String inputName = name.textValue();
        JsonNode datatypeNode = input.get("datatype");
        Datatype datatype = datatypeNode == null ? null : Datatype.parse(datatypeNode.asText());
        if (datatype == null) {
            throw ApiException.badRequest("input '" + inputName + "' has datatype " + datatypeNode
                    + ", expected one of " + Datatype.names());
        }
        JsonNode shapeNode = input.get("shape");
        if (shapeNode == null || !shapeNode.isArray()) {
            throw ApiException.badRequest("input '" + inputName + "' has shape " + shapeNode
                    + ", expected a list of sizes");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!shapeNode.get(i).isIntegralNumber()) {
                throw ApiException.badRequest("input '" + inputName + "' has shape " + shapeNode
                        + ", expected a list of sizes");
            }
            shape[i] = shapeNode.get(i).longValue();
        }
        return JsonTensors.withShape(inputName, datatype, shape, input.get("data"));
    }

    private static void writeOutput(JsonGenerator json, TensorData result) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", result.name());
        json.writeStringField("datatype", result.datatype().name());
        json.writeArrayFieldStart("shape");
        for (long dim : result.shape()) {
            json.writeNumber(dim);
        }
        json.writeEndArray();
        json.writeFieldName("data");
        result.writeFlat(json);
        json.writeEndObject();
    }

    private static List<Map<String, Object>> describe(List<TensorSpec> specs) {
        return specs.stream().map(spec -> Map.<String, Object>of("name", spec.name(),
                "datatype", spec.datatype().name(), "shape", spec.shape())).toList();
    }

    private static String serverVersion() {
        String version = OipEndpoints.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
