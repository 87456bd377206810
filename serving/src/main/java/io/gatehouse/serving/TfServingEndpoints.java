package io.gatehouse.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TF Serving's REST API: version status, metadata (a {@code serving_default} signature), and predict in the row
 * form ({@code instances} to {@code predictions}) and the columnar form ({@code inputs} to {@code outputs}).
 */
final class TfServingEndpoints {

    private final ModelRegistry registry;
    private final Inference inference;

    TfServingEndpoints(ModelRegistry registry, Inference inference) {
        this.registry = registry;
        this.inference = inference;
    }

    Reply status(String model, Long version) {
        List<VersionStatus> statuses = version == null ? registry.statuses(model)
                : registry.status(model, version) == null ? List.of() : List.of(registry.status(model, version));
        if (statuses.isEmpty()) {
            throw ApiException.notFound("Could not find any versions of model '" + model + "'"
                    + (version == null ? "" : " with version " + version));
        }
        List<Map<String, Object>> versions = new ArrayList<>();
        for (VersionStatus status : statuses) {
            versions.add(Map.of("version", String.valueOf(status.version()), "state", status.state().name(),
                    "status", Map.of("error_code", status.failed() ? "UNKNOWN" : "OK",
                            "error_message", status.failed() ? status.error() : "")));
        }
        return Reply.ok(Map.of("model_version_status", versions));
    }

    Reply metadata(String model, Long version) {
        ServedVersion served = registry.require(model, version);
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put("inputs", describe(served.signature().inputs()));
        signature.put("outputs", describe(served.signature().outputs()));
        signature.put("method_name", "tensorflow/serving/predict");
        return Reply.ok(Map.of(
                "model_spec", Map.of("name", model, "signature_name", "", "version",
                        String.valueOf(served.version())),
                "metadata", Map.of("signature_def", Map.of("signature_def",
                        Map.of("serving_default", signature)))));
    }

    /** Runs a predict request; called on a worker thread. */
    Reply predict(String model, Long version, JsonNode body, RequestTimer timer) throws Exception {
        ServedVersion served = registry.require(model, version);
        timer.servedBy(served);
        Signature signature = served.signature();
        boolean rows = body.has("instances");
        if (rows == body.has("inputs")) {
            throw ApiException.badRequest("request must have exactly one of \"instances\" (row format) or"
                    + " \"inputs\" (columnar format)");
        }
        List<TensorData> inputs = rows ? rows(signature, body.get("instances")) : columns(signature, body.get("inputs"));
        List<TensorData> outputs = inference.run(served, inputs, List.of(), timer);
        return Reply.written(json -> {
            json.writeStartObject();
            if (rows) {
                json.writeFieldName("predictions");
                writeRows(json, outputs);
            } else {
                json.writeFieldName("outputs");
                writeColumns(json, outputs);
            }
            json.writeEndObject();
        });
    }

    /** Instances are values of the single input, or objects naming each input; stacked on a new first dimension. */
    private static List<TensorData> rows(Signature signature, JsonNode instances) {
        if (!instances.isArray() || instances.isEmpty()) {
            throw ApiException.badRequest("\"instances\" is " + instances + ", expected a non-empty list");
        }
        boolean named = instances.get(0).isObject();
        if (!named && signature.inputs().size() != 1) {
            throw ApiException.badRequest("model takes inputs " + Signature.names(signature.inputs())
                    + ": each instance must be an object naming them");
        }
        List<TensorData> inputs = new ArrayList<>();
        for (TensorSpec spec : signature.inputs()) {
            ArrayNode stacked = Reply.JSON.createArrayNode();
            for (JsonNode instance : instances) {
                JsonNode value = named ? instance.get(spec.name()) : instance;
                if (value == null) {
                    throw ApiException.badRequest("an instance lacks input '" + spec.name() + "'");
                }
                stacked.add(value);
            }
            inputs.add(JsonTensors.nested(spec.name(), spec.datatype(), stacked));
        }
        return inputs;
    }

    /** Columnar inputs: the single input's value, or an object naming each input. */
    private static List<TensorData> columns(Signature signature, JsonNode columns) {
        List<TensorData> inputs = new ArrayList<>();
        if (columns.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = columns.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> column = it.next();
                TensorSpec spec = signature.input(column.getKey());
                if (spec == null) {
                    throw ApiException.badRequest("model has no input '" + column.getKey() + "' (inputs: "
                            + Signature.names(signature.inputs()) + ")");
                }
                inputs.add(JsonTensors.nested(spec.name(), spec.datatype(), column.getValue()));
            }
        } else if (signature.inputs().size() == 1) {
            TensorSpec spec = signature.inputs().get(0);
            inputs.add(JsonTensors.nested(spec.name(), spec.datatype(), columns));
        } else {
            throw ApiException.badRequest("model takes inputs " + Signature.names(signature.inputs())
                    + ": \"inputs\" must be an object naming them");
        }
        return inputs;
    }

    private static void writeRows(JsonGenerator json, List<TensorData> outputs) throws IOException {
        long rowCount = outputs.get(0).shape().length == 0 ? 0 : outputs.get(0).shape()[0];
        json.writeStartArray();
        for (int row = 0; row < rowCount; row++) {
            if (outputs.size() == 1) {
                outputs.get(0).writeRow(json, row);
                continue;
            }
            json.writeStartObject();
            for (TensorData output : outputs) {
                json.writeFieldName(output.name());
                output.writeRow(json, row);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeColumns(JsonGenerator json, List<TensorData> outputs) throws IOException {
        if (outputs.size() == 1) {
            outputs.get(0).writeNested(json);
            return;
        }
        json.writeStartObject();
        for (TensorData output : outputs) {
            json.writeFieldName(output.name());
            output.writeNested(json);
        }
        json.writeEndObject();
    }

    private static Map<String, Object> describe(List<TensorSpec> specs) {
        Map<String, Object> described = new LinkedHashMap<>();
        for (TensorSpec spec : specs) {
            List<Map<String, String>> dims = new ArrayList<>();
            for (long dim : spec.shape()) {
                dims.add(Map.of("size", String.valueOf(dim), "name", ""));
            }
            described.put(spec.name(), Map.of("dtype", spec.datatype().tfName(), "name", spec.name(),
                    "tensor_shape", Map.of("dim", dims, "unknown_rank", false)));
        }
        return described;
    }
}
