package io.gatehouse.serving;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one request on a worker thread: checks its tensors against the version's signature, so a wrong request is
 * a 400 naming the input rather than an error from inside the runtime, then runs the session under a lease and
 * copies the outputs to the heap. Every native tensor and result is closed before it returns.
 */
final class Inference {

    private final OrtEnvironment environment;
    private final NativeValueCounter counter;

    Inference(OrtEnvironment environment, NativeValueCounter counter) {
        this.environment = environment;
        this.counter = counter;
    }

    /** The outputs named in {@code outputs} (every output when empty), in that order. */
    List<TensorData> run(ServedVersion served, List<TensorData> inputs, List<String> outputs, RequestTimer timer)
            throws OrtException {
        Signature signature = served.signature();
        check(served, signature, inputs);
        List<String> wanted = outputs.isEmpty()
                ? signature.outputs().stream().map(TensorSpec::name).toList() : outputs;
        for (String name : wanted) {
            if (signature.output(name) == null) {
                throw ApiException.badRequest("model '" + served.model() + "' has no output '" + name
                        + "' (outputs: " + Signature.names(signature.outputs()) + ")");
            }
        }
        if (!served.acquire()) {
            throw ApiException.notFound("model '" + served.model() + "' version " + served.version()
                    + " is unloading");
        }
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (TensorData input : inputs) {
                tensors.put(input.name(), input.toOnnx(environment));
                counter.opened();
            }
            timer.runStarted();
            OrtSession.Result result = served.session().run(tensors, new LinkedHashSet<>(wanted));
            timer.runEnded();
            counter.opened();
            try (result) {
                List<TensorData> answers = new ArrayList<>(wanted.size());
                for (String name : wanted) {
                    OnnxValue value = result.get(name).orElseThrow();
                    answers.add(TensorData.fromOnnx(name, (OnnxTensor) value));
                }
                return answers;
            } finally {
                counter.closed();
            }
        } finally {
            for (OnnxTensor tensor : tensors.values()) {
                tensor.close();
                counter.closed();
            }
            served.release();
        }
    }

    private static void check(ServedVersion served, Signature signature, List<TensorData> inputs) {
        Set<String> given = new HashSet<>();
        for (TensorData input : inputs) {
            TensorSpec spec = signature.input(input.name());
            if (spec == null) {
                throw ApiException.badRequest("model '" + served.model() + "' has no input '" + input.name()
                        + "' (inputs: " + Signature.names(signature.inputs()) + ")");
            }
            if (!given.add(input.name())) {
                throw ApiException.badRequest("input '" + input.name() + "' is given twice");
            }
            if (spec.datatype() != input.datatype()) {
                throw ApiException.badRequest("input '" + input.name() + "' has datatype " + input.datatype()
                        + ", expected " + spec.datatype());
            }
            if (!spec.accepts(input.shape())) {
                throw ApiException.badRequest("input '" + input.name() + "' has shape "
                        + Arrays.toString(input.shape()) + ", expected " + Arrays.toString(spec.shape())
                        + " (-1: any size)");
            }
            int maxBatch = signature.maxBatchSize();
            if (maxBatch > 0 && input.shape().length > 0 && input.shape()[0] > maxBatch) {
                throw ApiException.badRequest("input '" + input.name() + "' has a batch of " + input.shape()[0]
                        + ", expected at most " + maxBatch);
            }
        }
        for (TensorSpec spec : signature.inputs()) {
            if (!given.contains(spec.name())) {
                throw ApiException.badRequest("input '" + spec.name() + "' is missing (model '" + served.model()
                        + "' takes " + Signature.names(signature.inputs()) + ")");
            }
        }
    }
}
